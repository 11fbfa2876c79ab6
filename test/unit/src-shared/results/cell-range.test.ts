import { describe, expect, it } from 'vitest';
import {
  inRange,
  rangeAsJson,
  rangeAsTsv,
  rangeOf,
  rangeSize,
  rangeValues,
} from '../../../../src-shared/results/cell-range';

const rows = [
  { a: 'x', b: '1', c: null },
  { a: 'y\tz', b: '2', c: { n: 1 } },
  { a: 'w', b: '3' },
];
const read = (row: number, column: string) => (rows[row] as Record<string, unknown>)[column];
const columns = ['a', 'b', 'c'];

describe('cell ranges', () => {
  it('spans anchor to focus in either direction', () => {
    const range = rangeOf({ row: 2, col: 2 }, { row: 1, col: 1 });
    expect(range).toEqual({ top: 1, bottom: 2, left: 1, right: 2 });
    expect(rangeSize(range)).toBe(4);
    expect(inRange(range, 1, 1)).toBe(true);
    expect(inRange(range, 0, 1)).toBe(false);
    expect([...rangeValues(range, columns, read)]).toEqual(['2', { n: 1 }, '3', undefined]);
  });

  it('copies as TSV with a header (tabs in values become spaces), one cell without one', () => {
    expect(rangeAsTsv(rangeOf({ row: 0, col: 0 }, { row: 1, col: 2 }), columns, read)).toBe(
      'a\tb\tc\nx\t1\t\ny z\t2\t{"n":1}',
    );
    expect(rangeAsTsv(rangeOf({ row: 1, col: 1 }, { row: 1, col: 1 }), columns, read)).toBe('2');
  });

  it('copies as JSON objects of the selected columns', () => {
    expect(JSON.parse(rangeAsJson(rangeOf({ row: 1, col: 1 }, { row: 2, col: 2 }), columns, read))).toEqual([
      { b: '2', c: { n: 1 } },
      { b: '3' },
    ]);
  });
});
