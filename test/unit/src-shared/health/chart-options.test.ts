import { describe, expect, it } from 'vitest';
import { canaryOption, MAX_SERIES, volumeChart } from '../../../../src-shared/health/chart-options';
import type { CanaryRun } from '../../../../src-shared/ipc/contract';

describe('health chart options', () => {
  it('keeps the biggest series and folds the rest into "other", bucket by bucket', () => {
    const series = Array.from({ length: MAX_SERIES + 2 }, (_, i) => ({
      provider: `p${i}`,
      type: 't',
      total: 100 - i,
      counts: [i, 1],
    }));
    const chart = volumeChart({ intervalMs: 60_000, bucketStarts: ['a', 'b'], series, total: 0 }, (s) =>
      s.toUpperCase(),
    );
    expect(chart.labels).toEqual(['A', 'B']);
    expect(chart.series).toHaveLength(MAX_SERIES + 1);
    expect(chart.series[0]).toEqual({ name: 'p0 / t', data: [0, 1] });
    expect(chart.series.at(-1)).toEqual({ name: 'other (2)', data: [MAX_SERIES + MAX_SERIES + 1, 2] });
  });

  it('plots the canary’s queryable time, with gaps for runs that never became queryable', () => {
    const run = (queryableMs: number | null): CanaryRun => ({
      id: 'r',
      environmentId: 'e',
      trigger: 'manual',
      startedAt: 's',
      eventId: 'x',
      state: queryableMs === null ? 'timeout' : 'arrived',
      sendMs: 1,
      queryableMs,
      polls: 1,
    });
    const option = canaryOption([run(900), run(null), run(1200)], (s) => s) as {
      series: Array<{ data: unknown[] }>;
    };
    expect(option.series[0]!.data).toEqual([900, null, 1200]);
  });
});
