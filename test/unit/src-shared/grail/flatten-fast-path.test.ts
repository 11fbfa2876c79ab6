/**
 * The fast array path (event-scanner.ts + scanned-event.ts) against the reference path
 * (flattenIngestBodyUnstreamed: every event parsed into nodes first). Batches are generated so
 * that key sequences repeat, vary and collide — the shape cache is what the fast path adds — with
 * string escapes, unicode, every number lexeme form, timestamps of every kind, duplicate and
 * prototype keys, read-only and enrichment names, deep nesting, whitespace or none, and cuts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventScanner } from '../../../../src-shared/grail/event-scanner';
import { flattenIngestBody, flattenIngestBodyUnstreamed } from '../../../../src-shared/grail/flatten';
import type { EventSink, FlattenOutcome } from '../../../../src-shared/grail/flatten';
import type { Value } from '../../../../src-shared/grail/values';

const NOW = 1_700_000_000_000_000_000n;

function ctx() {
  let n = 0;
  return { nowNs: NOW, newId: () => `generated-${n++}` };
}

/** Everything observable, with each event's fields as ordered entries (order is stored order). */
function observable(outcome: FlattenOutcome) {
  if (!outcome.ok) return outcome;
  return { ...outcome, events: outcome.events.map((e) => ({ ...e, fields: [...e.fields] })) };
}

function expectSameAsReference(text: string): void {
  const reference = observable(flattenIngestBodyUnstreamed(text, 'application/json', ctx()));
  expect(observable(flattenIngestBody(text, 'application/json', ctx()))).toEqual(reference);
  // A sink (the sandbox's batches) gets the same events in the same order, the rest unchanged.
  const sunk: { timestampNs: bigint; fields: [string, Value][] }[] = [];
  const sink: EventSink = {
    row: (e) => sunk.push({ timestampNs: e.timestampNs, fields: [...e.fields] }),
    named: (timestampNs, names, values) =>
      sunk.push({ timestampNs, fields: names.map((name, k) => [name, values[k] as Value]) }),
  };
  const viaSink = observable(flattenIngestBody(text, 'application/json', { ...ctx(), sink }));
  if (!reference.ok) return expect(viaSink).toEqual(reference);
  expect(viaSink).toEqual({ ...reference, events: [] });
  expect(sunk).toEqual(reference.events.map(({ timestampNs, fields }) => ({ timestampNs, fields })));
}

const KEYS = [
  'id',
  'total',
  'customer',
  'timestamp',
  'event.type',
  'event.provider',
  'event.kind',
  'event.id',
  'dt.system.bucket',
  'dt.ingest.size',
  'dt.openpipeline.source',
  'a',
  'b.c',
  '',
  'é😀',
  '__proto__',
];

/** Key lexemes: mostly plain, sometimes written with escapes (the same key, or a quote in it). */
const keyLexeme = (key: string) =>
  fc.oneof(
    { weight: 80, arbitrary: fc.constant(JSON.stringify(key)) },
    fc.constant(`"\\u${(key.charCodeAt(0) || 0x61).toString(16).padStart(4, '0')}${key.slice(1)}"`),
    fc.constant(JSON.stringify(`${key}"\\`)),
  );

const numberLexeme = fc.oneof(
  { weight: 4, arbitrary: fc.integer().map(String) },
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => JSON.stringify(d)),
  fc.constantFrom(
    '1.50',
    '1e400',
    '-1e400',
    '-0',
    '0',
    '0.0',
    '1E+2',
    '2e-3',
    '999999999999999',
    '1000000000000000',
  ),
  fc.constantFrom(
    '1700000000',
    '1700000000000',
    '1700000000000000',
    '1700000000000000000',
    '99999999999999999',
  ),
);

const stringLexeme = fc.oneof(
  { weight: 5, arbitrary: fc.string().map((s) => JSON.stringify(s)) },
  { weight: 5, arbitrary: fc.string({ unit: 'binary' }).map((s) => JSON.stringify(s)) },
  fc.constantFrom(
    '"2023-08-10T10:06:21.697+02:00"',
    '"2023-08-10 10:06:21Z"',
    '"1700000000.5"',
    '"not a time"',
    '"a\\/b\\u00e9\\ud800\\n"',
    '"BIZ_EVENT"',
  ),
);

/** Nested values as source text: keys may repeat or be prototype-like, spacing varies. */
const nested: fc.Arbitrary<string> = fc.letrec<{ value: string; object: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    numberLexeme,
    stringLexeme,
    fc.constantFrom('true', 'false', 'null'),
    tie('object'),
    fc
      .tuple(fc.array(tie('value'), { maxLength: 3 }), fc.constantFrom(',', ' , ', ',\n'))
      .map(([items, sep]) => `[${items.join(sep)}]`),
  ),
  object: fc
    .tuple(
      fc.array(
        fc.tuple(
          fc.constantFrom('"x"', '"y"', '"z"', '"v"', '"w"', '"\\u0078"', '"__proto__"'),
          tie('value'),
        ),
        {
          maxLength: 4,
        },
      ),
      fc.constantFrom(',', ', '),
    )
    .map(([members, sep]) => `{${members.map(([k, v]) => `${k}:${v}`).join(sep)}}`),
})).value;

const deep = fc.integer({ min: 60, max: 70 }).map((d) => `${'['.repeat(d)}1${']'.repeat(d)}`);

const memberValue = fc.oneof(
  { weight: 4, arbitrary: stringLexeme },
  { weight: 4, arbitrary: numberLexeme },
  { weight: 1, arbitrary: fc.constantFrom('true', 'false', 'true', 'false', 'null') },
  { weight: 3, arbitrary: nested },
  { weight: 1, arbitrary: fc.oneof({ weight: 9, arbitrary: nested }, deep) },
);

/** One event: its keys (the batch's usual ones, or its own), values, spacing, maybe a repeated key. */
const event = (usual: readonly string[]) =>
  fc
    .tuple(
      fc.oneof({ weight: 3, arbitrary: fc.constant(usual) }, fc.shuffledSubarray(KEYS, { maxLength: 8 })),
      fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
      fc.constantFrom(',', ', ', ',\n  '),
      fc.constantFrom(':', ': '),
    )
    .chain(([keys, repeat, sep, colon]) => {
      const all = repeat && keys.length > 0 ? [...keys, keys[0] as string] : keys;
      return fc
        .tuple(...all.map((k) => fc.tuple(keyLexeme(k), memberValue)))
        .map((members) => `{${members.map(([k, v]) => `${k}${colon}${v}`).join(sep)}}`);
    });

const batch = fc
  .shuffledSubarray(KEYS, { minLength: 1, maxLength: 9 })
  .chain((usual) =>
    fc.array(fc.oneof({ weight: 8, arbitrary: event(usual) }, fc.constantFrom('3', 'null', '"e"', '[]')), {
      maxLength: 8,
    }),
  )
  .map((events) => {
    // How many of the events the fast path takes: the comparison is only worth as much.
    for (const e of events) fastTaken[new EventScanner(e).scan(0) === e.length ? 1 : 0]! += 1;
    return `[${events.join(',')}]`;
  });
const fastTaken = [0, 0];

describe('fast array path vs the reference path', () => {
  it('gives exactly the reference outcome on generated batches', () => {
    fc.assert(
      fc.property(batch, fc.integer({ min: 0, max: 4 }), fc.nat(), (text, cut, at) => {
        expectSameAsReference(cut === 0 ? text.slice(0, at % (text.length + 1)) : text);
      }),
      { numRuns: 500 },
    );
    expect(fastTaken[1]).toBeGreaterThan(((fastTaken[0] as number) + (fastTaken[1] as number)) / 4);
  });

  it('reports a broken token exactly as the reference does, wherever it is', () => {
    const broken = fc.constantFrom(
      '01',
      '1.',
      '-',
      '.5',
      '1e',
      '+1',
      'NaN',
      'nul',
      'tru',
      '"\\u12G4"',
      '"\\x"',
      '"a\tb"',
      '"unterminated',
    );
    fc.assert(
      fc.property(batch, broken, fc.nat(), (text, token, at) => {
        // Replace some member value (after a ':') with the broken token.
        const colons = [...text.matchAll(/":\s*/g)].map((m) => (m.index as number) + m[0].length);
        const from = colons.length ? (colons[at % colons.length] as number) : 1;
        const valueEnd = text.slice(from).search(/[,}\]]/);
        expectSameAsReference(
          text.slice(0, from) + token + text.slice(valueEnd < 0 ? from : from + valueEnd),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('gives exactly the reference outcome on arbitrary JSON arrays', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { maxLength: 5 }), (items) => {
        expectSameAsReference(JSON.stringify(items));
        expectSameAsReference(JSON.stringify(items, null, 1));
      }),
      { numRuns: 200 },
    );
  });

  it('agrees on seed-shaped batches where consecutive events change keys and order', () => {
    const events = [
      '{"id":"1","event.type":"t","event.provider":"p","total":5,"customer":{"n":"J","tier":1}}',
      '{"id":"2","event.type":"t","event.provider":"p","total":6.5,"customer":{"n":"D","tier":2}}',
      '{"event.type":"t","id":"3","event.provider":"p","total":7,"customer":{"n":"E"}}',
      '{"id":"4","event.type":"t","total":12345678901234567890,"timestamp":1700000000123}',
      '{"id":"5","event.type":"t","event.provider":"p","dt.system.bucket":"x","event.kind":"OTHER"}',
      '{"id":"6","event.type":"t","event.provider":"p","total":5,"customer":{ "n" : "J" }}',
      '{"id":"7","event.type":"t","event.provider":"p","timestamp":"2999-01-01T00:00:00Z"}',
    ];
    expectSameAsReference(`[${events.join(',')}]`);
    expectSameAsReference(`[${[...events].reverse().join(',')}]`);
  });
});

describe('EventScanner', () => {
  const scans = (text: string) => new EventScanner(text).scan(0);

  it('accepts the common event forms (the fast path is really taken)', () => {
    for (const text of [
      '{}',
      '{"id":"1","event.type":"t","total":5,"customer":{"firstName":"John","tier":1},"items":["a","b"]}',
      '{ "a" : "x\\u00e9\\n" , "b" : [ 1 , { "c" : null } ] , "d" : -1.5e3, "e": true, "f": false }',
    ])
      expect(scans(text)).toBe(text.length);
  });

  it('declines what the reference path must build or report', () => {
    for (const text of [
      '{"a":null}', // a top-level null is not stored
      '{"a":1,"a":2}', // repeated key
      '{"a":{"x":1,"x":2}}', // repeated nested key
      '{"\\u0061":1}', // escaped key
      '{"a":{"__proto__":1}}', // prototype-like nested key
      '{"constructor":1}',
      `{"a":${'['.repeat(70)}${']'.repeat(70)}}`, // deeper than the fast path goes
      '{"a":01}',
      '{"a":"\\x"}',
      '{"a":"b',
      '{"a":1,}',
      '[1]',
      `{${Array.from({ length: 129 }, (_, i) => `"k${i}":1`).join(',')}}`, // many keys: the parser's Set
      `{"a":{${Array.from({ length: 65 }, (_, i) => `"k${i}":1`).join(',')}}}`,
    ])
      expect(scans(text), text).toBe(-1);
  });

  it('takes up to 128 members and nested objects of up to 64 keys', () => {
    const text = `{${Array.from({ length: 127 }, (_, i) => `"k${i}":1`).join(',')},"n":{${Array.from(
      { length: 64 },
      (_, i) => `"k${i}":1`,
    ).join(',')}}}`;
    expect(scans(text)).toBe(text.length);
    expectSameAsReference(`[${text},${text.replace('"k0"', '"k1"')}]`);
  });

  it('reuses the previous key sequence and still notices a different key', () => {
    const a = '{"id":"1","type":"t"}';
    const b = '{"id":"2","tyPe":"t"}';
    const scanner = new EventScanner(`${a}${b}${a}`);
    expect(scanner.scan(0)).toBe(a.length);
    const first = scanner.shape;
    expect(scanner.scan(a.length)).toBe(a.length + b.length);
    expect(scanner.shape).not.toBe(first);
    expect(scanner.shape.keys()).toEqual(['id', 'tyPe']);
    expect(scanner.scan(a.length + b.length)).toBe(2 * a.length + b.length);
    expect(scanner.shape).toBe(first);
  });
});
