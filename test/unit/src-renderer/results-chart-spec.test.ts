import { describe, expect, it } from 'vitest';
import {
  chartDescription,
  chartTitle,
  isCategorical,
} from '../../../src-renderer/features/results/chart-spec';

const bars = {
  kind: 'bar' as const,
  value: 'count()',
  keys: ['city', 'kind'],
  labels: Array.from({ length: 12 }, (_, i) => `c${i}`),
  values: Array.from({ length: 12 }, (_, i) => i),
  omitted: 0,
};
const time = {
  kind: 'time' as const,
  time: 'timestamp',
  series: [
    {
      name: 'total',
      points: [
        [0, 1],
        [1, null],
      ] as [number, number | null][],
    },
    { name: 'price', points: [[0, 2]] as [number, number | null][] },
  ],
  omitted: 0,
};

describe('chart specs', () => {
  it('titles and describes categorical charts by their first ten values', () => {
    const spec = { kind: 'pie' as const, data: bars };
    expect(isCategorical(spec)).toBe(true);
    expect(chartTitle(spec)).toBe('count() by city, kind');
    expect(chartDescription(spec)).toBe('c0 0, c1 1, c2 2, c3 3, c4 4, c5 5, c6 6, c7 7, c8 8, c9 9, …');
  });

  it('titles and describes charts over time by their series and points', () => {
    const spec = { kind: 'area' as const, data: time };
    expect(isCategorical(spec)).toBe(false);
    expect(chartTitle(spec)).toBe('total, price over timestamp');
    expect(chartDescription(spec)).toBe('2 series, 3 points');
  });
});
