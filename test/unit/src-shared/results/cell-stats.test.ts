import { describe, expect, it } from 'vitest';
import { cellStats } from '../../../../src-shared/results/cell-stats';

describe('cellStats', () => {
  it('counts present values, distinct values, and sums/averages the numeric ones', () => {
    expect(cellStats(['5', '40', '300', null, undefined, '40'])).toEqual({
      cells: 6,
      count: 4,
      distinct: 3,
      numeric: 4,
      sum: '385',
      avg: 96.25,
      min: 5,
      max: 300,
    });
  });

  it('sums large longs exactly', () => {
    expect(cellStats(['9007199254740993', '1']).sum).toBe('9007199254740994');
  });

  it('sums doubles as doubles and skips text that is not a number', () => {
    const stats = cellStats([1.5, '2', 'paypal', true, { a: 1 }]);
    expect(stats).toMatchObject({ count: 5, distinct: 5, numeric: 2, sum: '3.5', min: 1.5, max: 2 });
  });

  it('has no numeric figures when nothing reads as a number', () => {
    const stats = cellStats(['a', 'b', 'a']);
    expect(stats).toEqual({ cells: 3, count: 3, distinct: 2, numeric: 0 });
  });
});
