import { describe, expect, it } from 'vitest';
import type { FieldType } from '../../../src-shared/grail/wire';
import {
  compareCells,
  deriveColumns,
  FieldTypeLookup,
  formatCell,
  initialColumnWidth,
  isNumericType,
  sampleTextLengths,
  sortedOrder,
} from '../../../src-renderer/features/results/columns';
import { RecordTable } from '../../../src-shared/results/record-table';

describe('deriveColumns', () => {
  it('is the union of mappings in first-seen order across buckets', () => {
    const columns = deriveColumns({
      records: RecordTable.from([{}, {}, {}]),
      types: [
        { indexRange: [0, 1], mappings: { timestamp: { type: 'timestamp' }, customer: { type: 'string' } } },
        { indexRange: [2, 2], mappings: { total: { type: 'long' }, timestamp: { type: 'timestamp' } } },
      ],
    });
    expect(columns).toEqual(['timestamp', 'customer', 'total']);
  });

  it('appends record fields the types do not mention, and skips null records', () => {
    const columns = deriveColumns({
      records: RecordTable.from([{ a: 1, extra: 2 }, null, { late: true }]),
      types: [{ indexRange: [0, 2], mappings: { a: { type: 'long' } } }],
    });
    expect(columns).toEqual(['a', 'extra', 'late']);
  });

  it('is empty for an empty result', () => {
    expect(deriveColumns({ records: RecordTable.from([]), types: [] })).toEqual([]);
  });
});

describe('FieldTypeLookup', () => {
  const lookup = new FieldTypeLookup([
    { indexRange: [0, 9], mappings: { x: { type: 'long' }, s: { type: 'string' } } },
    { indexRange: [10, 19], mappings: { x: { type: 'double' } } },
    { indexRange: [20, 20], mappings: { x: { type: 'string' } } },
    { mappings: { s: { type: 'string' }, onlyUnranged: { type: 'boolean' } } },
  ]);

  it('finds the bucket whose inclusive range holds the row', () => {
    expect(lookup.typeOf(0, 'x')).toBe('long');
    expect(lookup.typeOf(9, 'x')).toBe('long');
    expect(lookup.typeOf(10, 'x')).toBe('double');
    expect(lookup.typeOf(19, 'x')).toBe('double');
    expect(lookup.typeOf(20, 'x')).toBe('string');
  });

  it('falls back to buckets without a range, and to undefined', () => {
    expect(lookup.typeOf(15, 's')).toBe('string');
    expect(lookup.typeOf(5, 'onlyUnranged')).toBe('boolean');
    expect(lookup.typeOf(21, 'x')).toBeUndefined();
    expect(lookup.typeOf(3, 'nope')).toBeUndefined();
  });

  it('gives the whole type of the row’s bucket, nested element types included', () => {
    const ids: FieldType = {
      type: 'array',
      types: [{ indexRange: [0, 1], mappings: { element: { type: 'long' } } }],
    };
    const l = new FieldTypeLookup([
      { indexRange: [0, 0], mappings: { ids } },
      { indexRange: [1, 1], mappings: { ids: { type: 'string' } } },
    ]);
    expect(l.fieldTypeOf(0, 'ids')).toEqual(ids);
    expect(l.fieldTypeOf(1, 'ids')).toEqual({ type: 'string' });
    expect(l.fieldTypeOf(2, 'ids')).toBeUndefined();
  });

  it('handles buckets given out of order and overlapping ranges', () => {
    const l = new FieldTypeLookup([
      { indexRange: [5, 9], mappings: { b: { type: 'long' } } },
      { indexRange: [0, 9], mappings: { a: { type: 'string' } } },
    ]);
    expect(l.typeOf(7, 'a')).toBe('string');
    expect(l.typeOf(7, 'b')).toBe('long');
    expect(l.typeOf(2, 'b')).toBeUndefined();
  });

  it('reports a column type only when every bucket agrees', () => {
    expect(lookup.columnType('x')).toBe('mixed');
    expect(lookup.columnType('s')).toBe('string');
    expect(lookup.columnType('missing')).toBeUndefined();
  });

  it('finds the right bucket for every row among many', () => {
    const buckets = Array.from({ length: 50_000 }, (_, i) => ({
      indexRange: [i * 2, i * 2 + 1] as [number, number],
      mappings: { f: { type: i % 2 ? ('long' as const) : ('string' as const) } },
    }));
    const big = new FieldTypeLookup(buckets);
    let wrong = 0;
    for (let row = 0; row < 100_000; row++)
      if (big.typeOf(row, 'f') !== (Math.floor(row / 2) % 2 ? 'long' : 'string')) wrong++;
    expect(wrong).toBe(0);
    expect(big.typeOf(100_000, 'f')).toBeUndefined();
  });
});

describe('formatCell', () => {
  it('distinguishes an absent field from a null value', () => {
    expect(formatCell(undefined, 'string')).toEqual({ text: '', kind: 'absent' });
    expect(formatCell(null, 'string')).toEqual({ text: 'null', kind: 'null' });
  });

  it('keeps longs exactly as sent (strings on the wire)', () => {
    expect(formatCell('9223372036854775807', 'long')).toEqual({
      text: '9223372036854775807',
      kind: 'number',
    });
    expect(formatCell(234, 'long')).toEqual({ text: '234', kind: 'number' });
    expect(formatCell('NaN', 'double')).toEqual({ text: 'NaN', kind: 'number' });
  });

  it('shows a JSON-holding string as its raw JSON text', () => {
    const customer = '{"firstName":"John","lastName":"Doe"}';
    expect(formatCell(customer, 'string')).toEqual({ text: customer, kind: 'text' });
  });

  it('renders timestamps, booleans, timeframes, records and arrays readably', () => {
    expect(formatCell('2023-08-10T10:06:21.697000000+02:00', 'timestamp').text).toBe(
      '2023-08-10T10:06:21.697000000+02:00',
    );
    expect(formatCell(false, 'boolean')).toEqual({ text: 'false', kind: 'boolean' });
    expect(formatCell({ start: 'a', end: 'b' }, 'timeframe').text).toBe('a → b');
    expect(formatCell({ a: 1 }, 'record')).toEqual({ text: '{"a":1}', kind: 'json' });
    expect(formatCell([1, 'x'], 'array')).toEqual({ text: '[1,"x"]', kind: 'json' });
  });

  it('falls back on the JS type when the wire type is unknown', () => {
    expect(formatCell('x', undefined).kind).toBe('text');
    expect(formatCell(1.5, undefined)).toEqual({ text: '1.5', kind: 'number' });
    expect(formatCell(true, undefined).kind).toBe('boolean');
  });
});

describe('compareCells', () => {
  it('orders numeric strings by value in numeric columns', () => {
    const values = ['10', '9', '-1', '100'];
    expect([...values].sort((a, b) => compareCells(a, b, true))).toEqual(['-1', '9', '10', '100']);
    expect([...values].sort((a, b) => compareCells(a, b, false))).toEqual(['-1', '10', '100', '9']);
  });

  it('puts null and absent last', () => {
    const values = ['b', null, 'a', undefined];
    expect([...values].sort((a, b) => compareCells(a, b, false))).toEqual(['a', 'b', null, undefined]);
  });
});

describe('column helpers', () => {
  it('marks numeric wire types', () => {
    expect(isNumericType('long')).toBe(true);
    expect(isNumericType('double')).toBe(true);
    expect(isNumericType('string')).toBe(false);
    expect(isNumericType(undefined)).toBe(false);
  });

  it('picks starting widths that fit the header and the sampled values, within bounds', () => {
    expect(initialColumnWidth('x', 'long')).toBe(72);
    expect(initialColumnWidth('x', 'timestamp')).toBe(160);
    expect(initialColumnWidth('customer', 'string', 37)).toBe(Math.round(18 + 37 * 7.3));
    expect(initialColumnWidth('a'.repeat(200), 'string')).toBe(420);
    expect(initialColumnWidth('x', 'string', 10_000)).toBe(420);
  });

  it('samples the longest rendered text per column', () => {
    const records = [{ a: 'abc', n: '12345' }, null, { a: 'a', n: null }];
    const lookup = new FieldTypeLookup([
      { indexRange: [0, 2], mappings: { a: { type: 'string' }, n: { type: 'long' } } },
    ]);
    const longest = sampleTextLengths(RecordTable.from(records), ['a', 'n', 'absent'], lookup);
    expect(Object.fromEntries(longest)).toEqual({ a: 3, n: 5, absent: 0 });
    expect(sampleTextLengths(RecordTable.from(records), ['a'], lookup, 0).get('a')).toBe(0);
  });
});

describe('sortedOrder', () => {
  const records = [
    { n: '10', s: 'b' },
    { n: '9', s: 'a' },
    { s: 'c' },
    null,
    { n: '100', s: 'a' },
    { n: null, s: 'b' },
  ];

  it('is null for the natural order', () => {
    expect(sortedOrder(RecordTable.from(records), [])).toBeNull();
  });

  it('sorts numeric columns by value with missing values last in both directions', () => {
    expect([
      ...sortedOrder(RecordTable.from(records), [{ field: 'n', desc: false, numeric: true }])!,
    ]).toEqual([1, 0, 4, 2, 3, 5]);
    expect([...sortedOrder(RecordTable.from(records), [{ field: 'n', desc: true, numeric: true }])!]).toEqual(
      [4, 0, 1, 2, 3, 5],
    );
  });

  it('breaks ties with further keys, then keeps the original order', () => {
    const order = sortedOrder(RecordTable.from(records), [
      { field: 's', desc: false, numeric: false },
      { field: 'n', desc: true, numeric: true },
    ]);
    expect([...order!]).toEqual([4, 1, 0, 5, 2, 3]);
  });

  it('sorts 100k records into a descending permutation of them', () => {
    const many = Array.from({ length: 100_000 }, (_, i) => ({ total: String((i * 7919) % 100_003) }));
    const order = sortedOrder(RecordTable.from(many), [{ field: 'total', desc: true, numeric: true }])!;
    expect(new Set(order).size).toBe(many.length);
    let unordered = 0;
    for (let k = 1; k < order.length; k++)
      if (Number(many[order[k - 1]!]!.total) < Number(many[order[k]!]!.total)) unordered++;
    expect(unordered).toBe(0);
  });
});

describe('type-aware display and sort (results table)', () => {
  it('groups numbers, humanizes durations and shows timestamps in the chosen zone', () => {
    const utc = { zone: 'utc' as const };
    const vienna = { zone: 'local' as const, timeZone: 'Europe/Vienna' };
    expect(formatCell('1234567', 'long', utc)).toEqual({ text: '1,234,567', kind: 'number' });
    expect(formatCell('2500000000', 'duration', utc)).toEqual({ text: '2.5 s', kind: 'number' });
    expect(formatCell('2024-06-01T10:00:00.000000001Z', 'timestamp', utc).text).toBe(
      '2024-06-01T10:00:00.000000001Z',
    );
    expect(formatCell('2024-06-01T10:00:00.000000001Z', 'timestamp', vienna).text).toBe(
      '2024-06-01 12:00:00.000000001 GMT+2',
    );
  });

  it('sorts timestamps by instant across offsets and by nanoseconds', () => {
    const records = [
      { t: '2024-01-01T10:00:00.000000002Z' },
      { t: '2024-01-01T11:00:00.000000000+02:00' },
      { t: '2024-01-01T10:00:00.000000001Z' },
    ];
    const order = sortedOrder(RecordTable.from(records), [
      { field: 't', desc: false, numeric: false, timestamp: true },
    ]);
    expect(Array.from(order!)).toEqual([1, 2, 0]);
  });
});
