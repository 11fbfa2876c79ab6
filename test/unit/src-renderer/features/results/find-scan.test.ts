import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RecordTable } from '../../../../../src-shared/results/record-table';
import type { QueryResult } from '../../../../../src-shared/grail/wire';
import { findCells } from '../../../../../src-shared/results/find-cells';
import { tsvField } from '../../../../../src-shared/results/copy-text';
import { CellScan, cellMatcher } from '../../../../../src-renderer/features/results/find-scan';

const COLUMNS = ['a', 'b', 'c'];
const value = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('Gold\tBar', 'İstanbul', 'KELVIN \u212a', 'ΣΊΣΥΦΟΣ', 'a\r\nb', '12,345', '-0.5e3'),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { maxKeys: 2 }),
);
const needle = fc.oneof(
  fc.string({ maxLength: 4 }),
  fc.constantFrom('gold', 'GOLD bar', 'i', 'k', 'σ', '1', '-', '"', 'infinity', 'nan', 'true', ' a b', '5e'),
);

describe('find in results, incrementally', () => {
  it('matches a cell exactly when its value as sent contains the text, ignoring case', () => {
    fc.assert(
      fc.property(value, needle, (v, n) => {
        const text = n.trim().toLowerCase();
        const expected = v !== undefined && v !== null && tsvField(v).toLowerCase().includes(text);
        expect(cellMatcher(text)(v)).toBe(expected);
      }),
      { numRuns: 3000 },
    );
  });

  it('finds what the one-pass search finds, in any slicing, sorted or filtered', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.record({ a: value, b: value, c: value }), { nil: null }), { maxLength: 40 }),
        needle,
        fc.integer({ min: 1, max: 7 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 50 }),
        (records, n, slice, reversed, limit) => {
          const recs = records as QueryResult['records'];
          const order = reversed ? Int32Array.from(recs.map((_, i) => recs.length - 1 - i)) : null;
          const read = (row: number, col: number) => recs[order ? order[row]! : row]?.[COLUMNS[col]!];
          const expected = findCells(recs.length, COLUMNS.length, read, n, limit);
          const scan = new CellScan({
            records: RecordTable.from(recs),
            order,
            rowCount: recs.length,
            columns: COLUMNS,
            needle: n,
            limit,
          });
          let steps = 0;
          while (!scan.step(slice)) steps++;
          expect(steps).toBeLessThanOrEqual(recs.length);
          expect(scan.matches()).toEqual(expected);
          expect(scan.done).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('reports progress and keeps earlier matches as a prefix of later ones', () => {
    const records = Array.from({ length: 10_000 }, (_, i) => ({
      n: `row ${i}`,
      t: i % 10 === 3 ? 'Gold' : 'x',
    }));
    const scan = new CellScan({
      records: RecordTable.from(records),
      order: null,
      rowCount: records.length,
      columns: ['n', 't'],
      needle: 'gold',
    });
    expect(scan.step(2_500)).toBe(false);
    expect(scan.progress).toBe(0.25);
    const first = scan.matches();
    expect(first.rows.length).toBe(250);
    expect(first.rows[0]).toBe(3);
    expect(scan.step(100_000)).toBe(true);
    const all = scan.matches();
    expect(all.rows.length).toBe(1000);
    expect([...all.rows.slice(0, 250)]).toEqual([...first.rows]);
    expect(scan.progress).toBe(1);
  });

  it('has nothing to do for blank text', () => {
    const scan = new CellScan({
      records: RecordTable.from([{ a: 'x' }]),
      order: null,
      rowCount: 1,
      columns: ['a'],
      needle: '  ',
    });
    expect(scan.done).toBe(true);
    expect(scan.matches().rows.length).toBe(0);
  });
});
