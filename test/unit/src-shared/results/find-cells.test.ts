import { describe, expect, it } from 'vitest';
import {
  findCells,
  matchesByRow,
  matchFrom,
  NO_MATCHES,
  stepMatch,
} from '../../../../src-shared/results/find-cells';

const GRID: unknown[][] = [
  ['Alpha', 12, null],
  ['beta', 120, { tier: 'gold', plan: 'annual' }],
  ['gamma', '9223372036854775807', ['GOLD', 'x']],
];
const read = (row: number, col: number) => GRID[row]![col];

describe('findCells', () => {
  it('finds cells in reading order, case-insensitive, nested values as JSON', () => {
    const m = findCells(3, 3, read, 'GOLD');
    expect([...m.rows]).toEqual([1, 2]);
    expect([...m.cols]).toEqual([2, 2]);
    expect(m.capped).toBe(false);
  });
  it('matches numbers and longs by their digits, row by row then left to right', () => {
    const m = findCells(3, 3, read, '12');
    expect([...m.rows]).toEqual([0, 1]);
    expect([...m.cols]).toEqual([1, 1]);
    expect([...findCells(3, 3, read, '854775').rows]).toEqual([2]);
    const a = findCells(3, 3, read, 'a');
    expect([...a.rows]).toEqual([0, 1, 1, 2]);
    expect([...a.cols]).toEqual([0, 0, 2, 0]);
  });
  it('finds nothing for blank text or null cells, and stops at the limit', () => {
    expect(findCells(3, 3, read, '  ')).toBe(NO_MATCHES);
    expect(findCells(3, 3, read, 'null').rows.length).toBe(0);
    const capped = findCells(3, 3, read, 'a', 2);
    expect([...capped.rows]).toEqual([0, 1]);
    expect(capped.capped).toBe(true);
  });
});

describe('moving between matches', () => {
  const m = findCells(3, 3, read, 'a'); // (0,0) (1,0) (1,2) (2,0)
  it('steps forward and back, wrapping at both ends', () => {
    expect(stepMatch(4, -1, 1)).toBe(0);
    expect(stepMatch(4, -1, -1)).toBe(3);
    expect(stepMatch(4, 3, 1)).toBe(0);
    expect(stepMatch(4, 0, -1)).toBe(3);
    expect(stepMatch(0, -1, 1)).toBe(-1);
  });
  it('continues from a cell: the first match at or after it, wrapping to the first', () => {
    expect(matchFrom(m, 1, 1)).toBe(2);
    expect(matchFrom(m, 1, 0)).toBe(1);
    expect(matchFrom(m, 2, 1)).toBe(0);
    expect(matchFrom(NO_MATCHES, 0, 0)).toBe(-1);
  });
  it('groups matches by row', () => {
    expect([...matchesByRow(m)]).toEqual([
      [0, [0]],
      [1, [0, 2]],
      [2, [0]],
    ]);
  });
});
