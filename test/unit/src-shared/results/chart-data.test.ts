import { describe, expect, it } from 'vitest';
import { BAR_LIMIT, barChartData, PIE_LIMIT, pieIsHonest } from '../../../../src-shared/results/chart-data';

const types: Record<string, 'string' | 'long' | 'double' | 'timestamp' | 'record'> = {
  city: 'string',
  kind: 'string',
  'count()': 'long',
  avg: 'double',
  timestamp: 'timestamp',
  r: 'record',
};
const typeOf = (f: string) => types[f];

describe('barChartData', () => {
  it('offers bars for a summarize … by: result, keys joined, longs drawn as numbers', () => {
    const records = [
      { city: 'Vienna', kind: 'bike', 'count()': '12' },
      { city: 'Linz', kind: null, 'count()': '3' },
    ];
    expect(barChartData(records, ['city', 'kind', 'count()'], typeOf)).toEqual({
      kind: 'bar',
      value: 'count()',
      keys: ['city', 'kind'],
      labels: ['Vienna · bike', 'Linz · null'],
      values: [12, 3],
      omitted: 0,
    });
  });

  it('names bars by the non-numeric keys only, not by another aggregation', () => {
    const records = [
      { city: 'Vienna', 'count()': '12', avg: 3.5 },
      { city: 'Linz', 'count()': '3', avg: 1 },
    ];
    const data = barChartData(records, ['city', 'count()', 'avg'], typeOf)!;
    expect(data).toMatchObject({
      value: 'avg',
      keys: ['city'],
      labels: ['Vienna', 'Linz'],
      values: [3.5, 1],
    });
  });

  it('names bars by a numeric key when no other key is there', () => {
    const records = [
      { 'count()': '404', avg: 2 },
      { 'count()': '200', avg: 9 },
    ];
    const data = barChartData(records, ['count()', 'avg'], typeOf)!;
    expect(data).toMatchObject({ value: 'avg', keys: ['count()'], labels: ['404', '200'] });
  });

  it('offers nothing without a numeric column, without a key column, or without records', () => {
    expect(barChartData([{ city: 'x' }], ['city'], typeOf)).toBeUndefined();
    expect(barChartData([{ 'count()': '1' }], ['count()'], typeOf)).toBeUndefined();
    expect(barChartData([{ r: {}, 'count()': '1' }], ['r', 'count()'], typeOf)).toBeUndefined();
    expect(barChartData([], ['city', 'count()'], typeOf)).toBeUndefined();
  });

  it('caps the number of bars and says how many were left out', () => {
    const records = Array.from({ length: BAR_LIMIT + 7 }, (_, i) => ({ city: `c${i}`, avg: i }));
    const data = barChartData(records, ['city', 'avg'], typeOf)!;
    expect(data.labels).toHaveLength(BAR_LIMIT);
    expect(data.omitted).toBe(7);
  });
});

describe('pieIsHonest', () => {
  const bars = (value: string, values: number[], omitted = 0) => ({
    kind: 'bar' as const,
    value,
    keys: ['k'],
    labels: values.map((_, i) => `k${i}`),
    values,
    omitted,
  });

  it('allows a pie of counts or sums that are parts of one whole', () => {
    expect(pieIsHonest(bars('count()', [3, 2, 1]))).toBe(true);
    expect(pieIsHonest(bars('sum(total)', [3, 0]))).toBe(true);
  });

  it('refuses averages, negative values, left-out slices, too many slices or a single slice', () => {
    expect(pieIsHonest(bars('avg(total)', [3, 2]))).toBe(false);
    expect(pieIsHonest(bars('sum(delta)', [3, -2]))).toBe(false);
    expect(pieIsHonest(bars('count()', [3, 2], 1))).toBe(false);
    expect(
      pieIsHonest(
        bars(
          'count()',
          Array.from({ length: PIE_LIMIT + 1 }, () => 1),
        ),
      ),
    ).toBe(false);
    expect(pieIsHonest(bars('count()', [3]))).toBe(false);
  });
});
