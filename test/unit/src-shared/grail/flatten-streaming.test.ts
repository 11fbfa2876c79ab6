/**
 * Differential check of the ingest fast path: pure JSON arrays are flattened element by element
 * while parsing (flattenIngestBody); the reference parses the whole document first
 * (flattenIngestBodyUnstreamed). Both must give identical outcomes — events, stored values,
 * rejections, warnings, spans, errors — for arbitrary JSON texts, including long lexemes beyond
 * 2^53, repeated keys, `__proto__`-style keys, unicode, nesting and broken documents.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  epochIntegerToNs,
  flattenIngestBody,
  flattenIngestBodyUnstreamed,
} from '../../../../src-shared/grail/flatten';
import { encodeRow } from '../../../../src-main/sandbox/store-codec';
import { epochLexemeToNs } from '../../../../src-shared/grail/timestamp';

const NOW = 1_700_000_000_000_000_000n;

function ctx() {
  let n = 0;
  return { nowNs: NOW, newId: () => `generated-${n++}` };
}

const numberLexeme = fc.oneof(
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => JSON.stringify(d)),
  fc.constantFrom('1.50', '1e400', '-0', '0.0', '12345678901234567890', '1700000000000', '1.7e12', '-1e-7'),
);

const stringLexeme = fc
  .oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom('\u00e9', '😀', '\ud800', 'a"b\\c'))
  .map((s) => JSON.stringify(s));

const keyLexeme = fc
  .oneof(
    fc.string({ maxLength: 4 }),
    fc.constantFrom(
      '__proto__',
      'constructor',
      'timestamp',
      'event.id',
      'event.type',
      'event.provider',
      'event.kind',
      'dt.system.bucket',
      '1',
      'a',
    ),
  )
  .map((k) => JSON.stringify(k));

/** JSON source text (not values): keys may repeat and number lexemes are kept as written. */
const jsonText: fc.Arbitrary<string> = fc.letrec<{ value: string; object: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    numberLexeme,
    stringLexeme,
    fc.constantFrom('true', 'false', 'null'),
    tie('object'),
    fc.array(tie('value'), { maxLength: 3 }).map((items) => `[${items.join(',')}]`),
  ),
  object: fc
    .array(fc.tuple(keyLexeme, tie('value')), { maxLength: 6 })
    .map((members) => `{${members.map(([k, v]) => `${k}: ${v}`).join(', ')}}`),
})).object;

const body = fc.oneof(
  fc
    .array(fc.oneof({ weight: 5, arbitrary: jsonText }, { weight: 1, arbitrary: fc.constant('3') }), {
      maxLength: 6,
    })
    .map((items) => `[\n${items.join(',\n')}\n]`),
  jsonText,
);

function comparable(text: string, streamed: boolean) {
  const f = streamed ? flattenIngestBody : flattenIngestBodyUnstreamed;
  const outcome = f(text, 'application/json', ctx());
  if (!outcome.ok) return outcome;
  // The stored text too: byte-identical storage is the point.
  return { ...outcome, stored: outcome.events.map((e) => encodeRow(e.fields)) };
}

describe('streamed flattening of pure JSON (ingest fast path)', () => {
  it('gives exactly the outcome of the unstreamed reference', () => {
    fc.assert(
      fc.property(body, fc.boolean(), fc.nat(), (text, cut, at) => {
        // Sometimes a broken document: the streamed run must then store nothing, like the reference.
        const t = cut ? text.slice(0, at % (text.length + 1)) : text;
        expect(comparable(t, true)).toEqual(comparable(t, false));
      }),
      { numRuns: 500 },
    );
  });

  it('drops every event already flattened when the document breaks later', () => {
    const outcome = flattenIngestBody('[{"a":1},{"b":2},{"c":', 'application/json', ctx());
    expect(outcome.ok).toBe(false);
  });

  it('reports repeated and prototype keys at the event that holds them', () => {
    const text = '[{"a":1},{"a":1,"a":2,"n":{"x":1,"x":2}},{"__proto__":{}}]';
    const outcome = flattenIngestBody(text, 'application/json', ctx());
    expect(outcome).toEqual(flattenIngestBodyUnstreamed(text, 'application/json', ctx()));
    if (!outcome.ok) throw new Error('expected ok');
    expect(outcome.events[1]?.fields.get('a')).toBe(2n);
    expect(outcome.events[1]?.fields.get('n')).toBe('{"x":2}');
    const keys = outcome.warnings.filter((w) => w.code === 'duplicate-key' || w.code === 'prototype-key');
    expect(keys.map((w) => [w.code, w.field, w.indexes])).toEqual([
      ['duplicate-key', 'a', [1]],
      ['duplicate-key', 'x', [1]],
      ['prototype-key', '__proto__', [2]],
    ]);
  });
});

describe('epoch integer fast path', () => {
  it('agrees with the exact-decimal rule wherever it applies', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 15n - 1n }), (n) => {
        expect(epochIntegerToNs(String(n))).toBe(epochLexemeToNs(String(n)));
      }),
    );
    for (const edge of ['100000000000', '100000000001', '100000000000000', '100000000000001'])
      expect(epochIntegerToNs(edge)).toBe(epochLexemeToNs(edge));
  });

  it('leaves every other lexeme to the exact rule', () => {
    for (const lexeme of ['0', '-5', '1.5', '1e3', '1000000000000000', '01'])
      expect(epochIntegerToNs(lexeme)).toBeUndefined();
  });
});
