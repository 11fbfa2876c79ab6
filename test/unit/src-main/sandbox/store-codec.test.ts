import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeRowText,
  encodeRow,
  encodeValue,
  quotedLength,
} from '../../../../src-main/sandbox/store-codec';
import { durationValue, recordValue, timestampValue } from '../../../../src-shared/grail/values';
import type { Value } from '../../../../src-shared/grail/values';

const value: fc.Arbitrary<Value> = fc.letrec<{ v: Value }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.string(),
    fc.double(),
    fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
    fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map(timestampValue),
    fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map(durationValue),
    fc.array(tie('v'), { maxLength: 3 }),
    fc.array(fc.tuple(fc.string(), tie('v')), { maxLength: 3 }).map((es) => recordValue(new Map(es))),
  ),
})).v;

describe('store codec', () => {
  it('round-trips every value type, field order included ("1"-like names too)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(fc.oneof(fc.string(), fc.constantFrom('1', '0', '__proto__')), value), {
          selector: (e) => e[0],
          maxLength: 6,
        }),
        (entries) => {
          const row = new Map(entries);
          const back = decodeRowText(encodeRow(row));
          expect([...back.keys()]).toEqual([...row.keys()]);
          expect(back).toEqual(row);
        },
      ),
    );
  });

  it('writes exactly JSON.stringify of the encoded pairs (the stored text must not drift)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.tuple(fc.oneof(fc.string(), fc.constantFrom('timestamp', 'a"b', '\ud800')), value),
          {
            selector: (e) => e[0],
            maxLength: 6,
          },
        ),
        (entries) => {
          const row = new Map(entries);
          // Twice: the second encoding reads the cached name prefixes.
          const reference = JSON.stringify(entries.map(([k, v]) => [k, encodeValue(v)]));
          expect(encodeRow(row)).toBe(reference);
          expect(encodeRow(row)).toBe(reference);
        },
      ),
    );
  });

  it('sizes a string as JSON.stringify quotes it, or answers -1 for NUL and surrogates', () => {
    const controls = fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c));
    const text = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.string({ unit: fc.oneof(controls, fc.constantFrom('"', '\\', 'a', '\u00e9', '\ud800', '\udc00')) }),
    );
    fc.assert(
      fc.property(text, (s) => {
        const unusual = /[\0\ud800-\udfff]/.test(s);
        expect(quotedLength(s)).toBe(unusual ? -1 : JSON.stringify(s).length);
      }),
    );
    expect(quotedLength('a\u0001"\n')).toBe(JSON.stringify('a\u0001"\n').length);
  });

  it('keeps -0, NaN and infinities as doubles', () => {
    const row = new Map<string, Value>([
      ['z', -0],
      ['n', Number.NaN],
      ['i', -Infinity],
    ]);
    const back = decodeRowText(encodeRow(row));
    expect(Object.is(back.get('z'), -0)).toBe(true);
    expect(back.get('n')).toBeNaN();
    expect(back.get('i')).toBe(-Infinity);
  });

  it('rejects corrupt rows', () => {
    expect(() => decodeRowText('{"a":1}')).toThrow();
    expect(() => decodeRowText('[["a",{"zzz":1}]]')).toThrow();
  });
});
