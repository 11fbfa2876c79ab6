import { describe, expect, it } from 'vitest';
import { buildTypes, fieldTypeOf, toWireRow, toWireValue } from '../../../../src-shared/grail/serialize';
import { durationValue, recordValue, timestampValue } from '../../../../src-shared/grail/values';
import type { Row, Value } from '../../../../src-shared/grail/values';

const row = (o: Record<string, Value>): Row => new Map(Object.entries(o));

describe('toWireValue', () => {
  it('writes longs and durations as strings, doubles as numbers, non-finite doubles as strings', () => {
    expect(toWireValue(2n ** 63n - 1n)).toBe('9223372036854775807');
    expect(toWireValue(durationValue(1_500_000_000n))).toBe('1500000000');
    expect(toWireValue(1.5)).toBe(1.5);
    expect(toWireValue(Number.NaN)).toBe('NaN');
    expect(toWireValue(-Infinity)).toBe('-Infinity');
    expect(toWireValue(true)).toBe(true);
    expect(toWireValue(null)).toBe(null);
  });

  it('formats timestamps in the zone and recurses into arrays and records', () => {
    const zone = { id: '+01:00', offsetMinutesAt: () => 60 };
    expect(toWireValue(timestampValue(0n), zone)).toBe('1970-01-01T01:00:00.000000000+01:00');
    expect(toWireValue([1n, 'a', [2.5]])).toEqual(['1', 'a', [2.5]]);
    expect(
      toWireValue(
        recordValue(
          new Map<string, Value>([
            ['b', 1n],
            ['a', null],
          ]),
        ),
      ),
    ).toEqual({ b: '1', a: null });
  });

  it('keeps a field called __proto__ as a field', () => {
    const out = toWireRow(row({ ['__proto__']: 'x' }));
    expect(Object.keys(out)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
  });
});

describe('types', () => {
  it('nests array element types under `element`', () => {
    expect(fieldTypeOf(['a', 'b'])).toEqual({
      type: 'array',
      types: [{ indexRange: [0, 1], mappings: { element: { type: 'string' } } }],
    });
    expect(fieldTypeOf(['a', 1n, 2n])).toEqual({
      type: 'array',
      types: [
        { indexRange: [0, 0], mappings: { element: { type: 'string' } } },
        { indexRange: [1, 2], mappings: { element: { type: 'long' } } },
      ],
    });
    expect(fieldTypeOf(timestampValue(1n))).toEqual({ type: 'timestamp' });
  });

  it('starts a new inclusive bucket whenever the field set or a type changes', () => {
    const records = [
      row({ a: 1n, b: 'x' }),
      row({ b: 'y', a: 2n }), // same set, other order: same bucket
      row({ a: 3n }), // field set changes
      row({ a: 'str' }), // type changes
      row({ a: 'str2' }),
      row({ a: ['x'] }),
      row({ a: [1n] }), // nested element type changes
    ];
    expect(buildTypes(records).map((b) => b.indexRange)).toEqual([
      [0, 1],
      [2, 2],
      [3, 4],
      [5, 5],
      [6, 6],
    ]);
    expect(buildTypes(records)[0]?.mappings).toEqual({ a: { type: 'long' }, b: { type: 'string' } });
  });

  it('gives no buckets for no records', () => {
    expect(buildTypes([])).toEqual([]);
  });
});
