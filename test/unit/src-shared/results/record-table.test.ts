import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ResultRecord } from '../../../../src-shared/grail/wire';
import { appendInSlices, RecordTable, tableResult } from '../../../../src-shared/results/record-table';

/** Values as a result's JSON brings them, with the strings a column codes or keeps by number. */
const leaf = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.string({ maxLength: 8 }),
  fc.constantFrom(
    '0',
    '-0',
    '007',
    '12',
    '-5',
    '1.50',
    '1.5',
    '1e21',
    '123456789012345678901',
    '9007199254740993',
  ),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String),
);
const value = fc.oneof(
  { weight: 4, arbitrary: leaf },
  { weight: 1, arbitrary: fc.array(leaf, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('a', 'b', '__proto__'), leaf, { maxKeys: 2 }) },
);
const FIELDS = ['a', 'b', 'c', 'd'];
const records = fc.array(
  fc.option(fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 4 }), { nil: null }),
  { maxLength: 60 },
);

/** A record's fields as [name, value] pairs sorted by name (the table orders fields by column). */
function entries(record: ResultRecord | null | undefined) {
  return record ? Object.entries(record).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)) : null;
}

describe('RecordTable', () => {
  it('gives back every record and every value exactly as they came', () => {
    fc.assert(
      fc.property(records, (recs) => {
        const table = RecordTable.from(recs);
        expect(table.length).toBe(recs.length);
        recs.forEach((record, i) => {
          expect(table.has(i)).toBe(record !== null);
          expect(entries(table.record(i))).toEqual(entries(record));
          for (const field of FIELDS) {
            const column = table.column(field);
            const sent = record?.[field];
            expect(table.value(i, field)).toEqual(sent);
            expect(column.value(i)).toEqual(sent);
            expect(column.missing(i)).toBe(sent === undefined || sent === null);
            if (typeof sent === 'number') expect(Object.is(column.number(i), sent)).toBe(true);
            // A numeral string stays a string (its exact digits), read as its number when asked.
            if (typeof sent === 'string') expect(column.number(i)).toEqual(Number(sent));
          }
        });
      }),
      { numRuns: 300 },
    );
  });

  it('holds the same records whether they arrive at once or in pages', () => {
    fc.assert(
      fc.property(records, fc.array(fc.nat(20), { maxLength: 5 }), (recs, cuts) => {
        let table = RecordTable.from([]);
        let at = 0;
        for (const cut of [...cuts, recs.length]) {
          const next = Math.min(recs.length, at + cut);
          table = table.append(recs.slice(at, next));
          at = next;
        }
        table = table.append(recs.slice(at));
        expect(table.toArray().map(entries)).toEqual(recs.map(entries));
        expect([...table.fields].sort()).toEqual(
          [...new Set(recs.flatMap((r) => Object.keys(r ?? {})))].sort(),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('keeps what an earlier version showed when later pages arrive, and appends a batch once', () => {
    const first = RecordTable.from([{ a: 'x' }]);
    const page = [{ a: 'y', late: '2' }];
    const second = first.append(page);
    // The same batch again (React may run a state updater twice) gives the same table.
    expect(first.append(page)).toBe(second);
    expect(first.length).toBe(1);
    expect(first.value(1, 'a')).toBeUndefined();
    expect(first.column('late').missing(1)).toBe(true);
    expect(second.toArray()).toEqual([{ a: 'x' }, { a: 'y', late: '2' }]);
    // Appending something else to the older version branches off instead of overwriting.
    const other = first.append([{ a: 'z' }]);
    expect(other.toArray()).toEqual([{ a: 'x' }, { a: 'z' }]);
    expect(second.toArray()).toEqual([{ a: 'x' }, { a: 'y', late: '2' }]);
  });

  it('keeps a "__proto__" field as an own field, not as the prototype', () => {
    const table = RecordTable.from([JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as ResultRecord]);
    const record = table.record(0)!;
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
    expect(Object.keys(record)).toEqual(['__proto__', 'a']);
    expect(JSON.stringify(record)).toBe('{"__proto__":{"polluted":true},"a":1}');
  });

  it('stays exact past the dictionary limit, for unique and for repeated values', () => {
    const n = 140_000;
    const recs = Array.from({ length: n }, (_, i) => ({
      id: `id-${i}`,
      tier: ['gold', 'silver'][i % 2]!,
      items: [`PR-${i % 7}`],
      nested: { i },
      total: String(i * 3),
    }));
    const table = RecordTable.from(recs.slice(0, 20_000), n).append(recs.slice(20_000));
    for (const i of [0, 1, 65_535, 65_536, 65_537, 99_999, n - 1]) expect(table.record(i)).toEqual(recs[i]);
    // Repeated arrays are one shared instance per distinct value.
    expect(table.value(7, 'items')).toBe(table.value(0, 'items'));
    expect(table.column('total').number(n - 1)).toBe((n - 1) * 3);
  });

  it('appends a page in slices with a pause between them, to the same records', async () => {
    const page = Array.from({ length: 25 }, (_, i) => ({ i: String(i) }));
    const seen: number[] = [];
    let table = RecordTable.from([{ i: 'first' }]);
    table = await appendInSlices(table, page, 10, async () => {
      seen.push(table.length);
    });
    expect(seen).toEqual([1, 1]);
    expect(table.toArray()).toEqual([{ i: 'first' }, ...page]);
  });

  it('reads past the end as nothing, and turns a result into a table result', () => {
    const result = tableResult({ records: [{ a: 1 }, null], types: [], metadata: {} });
    expect(result.records.length).toBe(2);
    expect(result.records.record(1)).toBeNull();
    expect(result.records.record(2)).toBeNull();
    expect(result.records.value(5, 'a')).toBeUndefined();
    expect(result.records.column('a').missing(5)).toBe(true);
    expect(result.records.column('nope').value(0)).toBeUndefined();
  });
});
