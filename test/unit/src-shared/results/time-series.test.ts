import { describe, expect, it } from 'vitest';
import {
  SERIES_LIMIT,
  singleValueData,
  timeSeriesAvailable,
  timeSeriesData,
} from '../../../../src-shared/results/time-series';
import { RecordTable } from '../../../../src-shared/results/record-table';

type T = 'string' | 'long' | 'double' | 'timestamp' | 'timeframe' | 'duration' | 'array';

const of = (types: Record<string, T>) => (f: string) => types[f];

describe('timeSeriesData', () => {
  it('reads makeTimeseries output: one series per record and aggregation, bins at start + i × interval', () => {
    const records = [
      {
        timeframe: { start: '2026-01-01T00:00:00.000000000Z', end: '2026-01-01T00:03:00.000000000Z' },
        interval: '60000000000',
        'event.type': 'a',
        'count()': ['1', null, '3'],
      },
      {
        timeframe: { start: '2026-01-01T00:00:00.000000000Z', end: '2026-01-01T00:03:00.000000000Z' },
        interval: '60000000000',
        'event.type': 'b',
        'count()': ['4', '5', '6'],
      },
    ];
    const types = of({
      timeframe: 'timeframe',
      interval: 'duration',
      'event.type': 'string',
      'count()': 'array',
    });
    const t0 = Date.parse('2026-01-01T00:00:00Z');
    expect(timeSeriesData(records, ['timeframe', 'interval', 'event.type', 'count()'], types)).toEqual({
      kind: 'time',
      time: 'timeframe',
      series: [
        {
          name: 'a',
          points: [
            [t0, 1],
            [t0 + 60_000, null],
            [t0 + 120_000, 3],
          ],
        },
        {
          name: 'b',
          points: [
            [t0, 4],
            [t0 + 60_000, 5],
            [t0 + 120_000, 6],
          ],
        },
      ],
      omitted: 0,
    });
  });

  it('draws timestamped records in time order, one series per numeric column', () => {
    const records = [
      { timestamp: '2026-01-01T00:00:02.000000000Z', total: '7', amount: 1.5, name: 'x' },
      { timestamp: '2026-01-01T00:00:01.000000000Z', total: '3', amount: null, name: 'y' },
      { timestamp: null, total: '9', amount: 2, name: 'z' },
    ];
    const types = of({ timestamp: 'timestamp', total: 'long', amount: 'double', name: 'string' });
    const data = timeSeriesData(records, ['timestamp', 'total', 'amount', 'name'], types);
    const t = Date.parse('2026-01-01T00:00:01Z');
    expect(data?.time).toBe('timestamp');
    expect(data?.series).toEqual([
      {
        name: 'total',
        points: [
          [t, 3],
          [t + 1000, 7],
        ],
      },
      {
        name: 'amount',
        points: [
          [t, null],
          [t + 1000, 1.5],
        ],
      },
    ]);
  });

  it('reads a column store field by field with the same points as the records (nulls, gaps, order)', () => {
    const records = [
      { timestamp: '2026-01-01T00:00:02.000000000Z', total: '7', amount: 1.5 },
      null,
      { timestamp: '2026-01-01T00:00:01.000000000Z', amount: null },
      { timestamp: null, total: '9', amount: 2 },
      { timestamp: '2026-01-01T00:00:01.000000000Z', total: '30000000000', amount: -1 },
    ];
    const types = of({ timestamp: 'timestamp', total: 'long', amount: 'double' });
    const columns = ['timestamp', 'total', 'amount'];
    const fromTable = timeSeriesData(RecordTable.from(records), columns, types);
    expect(fromTable).toEqual(timeSeriesData(records, columns, types));
    expect(fromTable?.series[0]?.points.map(([, v]) => v)).toEqual([null, 30_000_000_000, 7]);
    const bins = [
      {
        timeframe: { start: '2026-01-01T00:00:00Z', end: '2026-01-01T00:02:00Z' },
        interval: '60000000000',
        k: 'a',
        v: ['1', null],
      },
    ];
    const binTypes = of({ timeframe: 'timeframe', interval: 'duration', k: 'string', v: 'array' });
    const binColumns = ['timeframe', 'interval', 'k', 'v'];
    expect(timeSeriesData(RecordTable.from(bins), binColumns, binTypes)).toEqual(
      timeSeriesData(bins, binColumns, binTypes),
    );
  });

  it('is offered by column types alone', () => {
    expect(timeSeriesAvailable(['timestamp', 'n'], of({ timestamp: 'timestamp', n: 'long' }))).toBe(true);
    expect(
      timeSeriesAvailable(
        ['timeframe', 'interval', 'c'],
        of({ timeframe: 'timeframe', interval: 'duration', c: 'array' }),
      ),
    ).toBe(true);
    expect(timeSeriesAvailable(['timestamp', 's'], of({ timestamp: 'timestamp', s: 'string' }))).toBe(false);
  });

  it('offers nothing without a time column, without numbers, or without records', () => {
    expect(timeSeriesData([{ a: 'x', n: 1 }], ['a', 'n'], of({ a: 'string', n: 'long' }))).toBeUndefined();
    expect(
      timeSeriesData(
        [{ timestamp: '2026-01-01T00:00:00Z', a: 'x' }],
        ['timestamp', 'a'],
        of({ timestamp: 'timestamp', a: 'string' }),
      ),
    ).toBeUndefined();
    expect(timeSeriesData([], ['timestamp', 'n'], of({ timestamp: 'timestamp', n: 'long' }))).toBeUndefined();
  });

  it('caps the number of series and says how many were left out', () => {
    const records = Array.from({ length: SERIES_LIMIT + 3 }, (_, i) => ({
      timeframe: { start: '2026-01-01T00:00:00Z', end: '2026-01-01T00:01:00Z' },
      interval: '60000000000',
      k: String(i),
      v: [i],
    }));
    const data = timeSeriesData(
      records,
      ['timeframe', 'interval', 'k', 'v'],
      of({ timeframe: 'timeframe', interval: 'duration', k: 'string', v: 'array' }),
    );
    expect(data?.series).toHaveLength(SERIES_LIMIT);
    expect(data?.omitted).toBe(3);
  });
});

describe('singleValueData', () => {
  it('is offered for exactly one record with one field', () => {
    expect(singleValueData([{ 'count()': '42' }], ['count()'])).toEqual({
      kind: 'single',
      field: 'count()',
      value: '42',
    });
    expect(singleValueData([{ a: 1 }, { a: 2 }], ['a'])).toBeUndefined();
    expect(singleValueData([{ a: 1, b: 2 }], ['a', 'b'])).toBeUndefined();
  });
});
