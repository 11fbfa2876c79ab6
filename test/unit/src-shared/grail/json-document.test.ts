import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compactDeduplicated, compactSource } from '../../../../src-shared/grail/json-compact';
import { parseJsonDocument } from '../../../../src-shared/grail/json-document';
import type { JsonNode } from '../../../../src-shared/grail/json-document';
import { plainValue } from '../../../../src-shared/grail/stored-value';

const parse = (text: string, depth = 1000) => parseJsonDocument(text, depth);

function root(text: string): JsonNode {
  const out = parse(text);
  if (!out.ok) throw new Error(`${out.message} at ${out.position}`);
  return out.root;
}

describe('parseJsonDocument', () => {
  it('keeps spans, number lexemes and keys as written', () => {
    const text = '{ "a" : 1.50, "b":[ 12345678901234567890 , "x\\u0041" ] }';
    const r = root(text);
    expect(r).toMatchObject({ kind: 'object', start: 0, end: text.length });
    if (r.kind !== 'object') return;
    expect(r.members.map((m) => [m.key, m.keyStart, text.slice(m.keyStart, m.keyEnd)])).toEqual([
      ['a', 2, '"a"'],
      ['b', 14, '"b"'],
    ]);
    expect(r.members[0]?.value).toEqual({ kind: 'number', start: 8, end: 12, lexeme: '1.50' });
    const b = r.members[1]?.value;
    expect(b?.kind === 'array' && b.items.map((i) => (i.kind === 'number' ? i.lexeme : i))).toEqual([
      '12345678901234567890',
      { kind: 'string', start: text.indexOf('"x'), end: text.indexOf(' ]'), value: 'xA' },
    ]);
  });

  it('reports each syntax error with the offset to point at', () => {
    const cases: Array<[string, number, RegExp]> = [
      ['', 0, /end of input/],
      ['{"a":1,,}', 7, /key in double quotes/],
      ['{"a" 1}', 5, /':'/],
      ['{"a":1 "b":2}', 7, /',' or '}'/],
      ['[1 2]', 3, /',' or ']'/],
      ['{"a":"abc', 5, /Unterminated string/],
      ['"a\\qb"', 2, /Invalid escape/],
      ['"\\u12G4"', 1, /four hex digits/],
      ['"a\nb"', 2, /U\+000A must be escaped/],
      ['[01]', 2, /',' or ']'/],
      ['-', 1, /expected a digit/],
      ['1.', 2, /after the decimal point/],
      ['1e+', 3, /exponent/],
      ['{"a":tru}', 5, /Unexpected 'tru'/],
      ['{} x', 3, /after the JSON value/],
      ['[undefined]', 1, /Unexpected 'undefined'/],
    ];
    for (const [text, position, message] of cases) {
      const out = parse(text);
      expect(out, text).toMatchObject({ ok: false, position });
      if (!out.ok) expect(out.message, text).toMatch(message);
    }
  });

  it('limits nesting depth without recursion trouble', () => {
    expect(parse('['.repeat(1000) + ']'.repeat(1000)).ok).toBe(true);
    const deep = parse('['.repeat(1001) + ']'.repeat(1001));
    expect(deep).toMatchObject({ ok: false, position: 1000 });
    expect(parse('['.repeat(200_000)).ok).toBe(false);
  });

  it('finds duplicate and prototype-pollution keys at every level, in document order', () => {
    const text = '{"a":1,"__proto__":{"x":1,"x":2},"a":3,"n":{"constructor":1}}';
    const out = parse(text);
    expect(out.ok && out.keyIssues).toEqual([
      { kind: 'prototype', key: '__proto__', position: text.indexOf('"__proto__"') },
      { kind: 'duplicate', key: 'x', position: text.lastIndexOf('"x"') },
      { kind: 'duplicate', key: 'a', position: text.lastIndexOf('"a"') },
      { kind: 'prototype', key: 'constructor', position: text.indexOf('"constructor"') },
    ]);
  });

  it('finds duplicates in large objects too (Set path)', () => {
    const members = Array.from({ length: 40 }, (_, i) => `"k${i}":${i}`);
    const out = parse(`{${members.join(',')},"k3":0,"k39":0}`);
    expect(out.ok && out.keyIssues.map((i) => i.key)).toEqual(['k3', 'k39']);
  });

  it('accepts exactly what JSON.parse accepts, with the same values (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.json(),
          fc.string(),
          fc.jsonValue().map((v) => JSON.stringify(v, null, 1)),
        ),
        (text) => {
          let expected: { ok: true; value: unknown } | { ok: false };
          try {
            expected = { ok: true, value: JSON.parse(text) };
          } catch {
            expected = { ok: false };
          }
          const out = parse(text, Infinity);
          expect(out.ok).toBe(expected.ok);
          if (out.ok && expected.ok) expect(plainValue(out.root)).toEqual(expected.value);
        },
      ),
    );
  });
});

describe('compact text of nested values', () => {
  it('removes whitespace outside strings only', () => {
    const text = '{ "a b" : [ 1 ,\n\t2 ], "c" : " x  y " }';
    expect(compactSource(text, 0, text.length)).toBe('{"a b":[1,2],"c":" x  y "}');
    expect(compactSource('[1,"\\" ",2]', 0, 11)).toBe('[1,"\\" ",2]');
  });

  it('equals JSON.stringify for pretty-printed JSON (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const pretty = JSON.stringify(v, null, 2);
        expect(compactSource(pretty, 0, pretty.length)).toBe(JSON.stringify(v));
      }),
    );
  });

  it('keeps the last duplicate where the key first appeared, escapes and lexemes as written', () => {
    const text = '{"x":1.0,"y":{"\\u0041":1},"x":[2e1, 3]}';
    expect(compactDeduplicated(text, root(text))).toBe('{"x":[2e1,3],"y":{"\\u0041":1}}');
  });
});

describe('parseJsonDocument with opaqueInsideEvents', () => {
  /** Strips what opaque parsing leaves out (the inside of values nested in the events). */
  function shallow(node: JsonNode, depth: number, opaqueFrom: number): unknown {
    if (node.kind === 'object')
      return depth >= opaqueFrom
        ? { kind: 'object', start: node.start, end: node.end }
        : {
            kind: 'object',
            start: node.start,
            end: node.end,
            members: node.members.map((m) => ({ ...m, value: shallow(m.value, depth + 1, opaqueFrom) })),
          };
    if (node.kind === 'array')
      return depth >= opaqueFrom
        ? { kind: 'array', start: node.start, end: node.end }
        : {
            kind: 'array',
            start: node.start,
            end: node.end,
            items: node.items.map((i) => shallow(i, depth + 1, opaqueFrom)),
          };
    return node;
  }

  const json = fc.json({ depthSize: 'medium' });
  const mutated = fc
    .tuple(json, fc.nat(), fc.constantFrom('', '{', '}', '[', ']', ',', ':', '"', '\\', 'x', '\u0001'))
    .map(([t, at, ins]) => {
      const i = at % (t.length + 1);
      return t.slice(0, i) + ins + t.slice(i + (ins === '' ? 1 : 0));
    });

  it('checks exactly as much (same errors, same key issues) and keeps the same spans', () => {
    fc.assert(
      fc.property(
        fc.oneof(json, mutated, fc.constant('[{"a":{"k":1,"k":2,"__proto__":[1,{"p":{"p":1,"p":2}}]}}]')),
        (text) => {
          const full = parseJsonDocument(text, 1000);
          const opaque = parseJsonDocument(text, 1000, { opaqueInsideEvents: true });
          if (!full.ok || !opaque.ok) {
            expect(opaque).toEqual(full);
            return;
          }
          expect(opaque.keyIssues).toEqual(full.keyIssues);
          const from = text.trimStart().startsWith('[') ? 3 : 2;
          expect(shallow(opaque.root, 1, from)).toEqual(shallow(full.root, 1, from));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('marks the containers it did not build, so the flattening knows to parse them again', () => {
    const out = parseJsonDocument('[{"customer":{"n":1},"list":[1,2],"s":"x"}]', 1000, {
      opaqueInsideEvents: true,
    });
    if (!out.ok || out.root.kind !== 'array' || out.root.items[0]?.kind !== 'object')
      throw new Error('bad parse');
    const [customer, list, s] = out.root.items[0].members.map((m) => m.value);
    expect(customer).toEqual({ kind: 'object', start: 13, end: 20, members: [], opaque: true });
    expect(list).toEqual({ kind: 'array', start: 28, end: 33, items: [], opaque: true });
    expect(s).toMatchObject({ kind: 'string', value: 'x' });
  });
});
