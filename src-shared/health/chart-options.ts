/**
 * ECharts options for the health view's charts, built as plain data (pure, so tested without a
 * canvas). The volume chart stacks the biggest provider/type series and folds the rest into "other".
 */
import type { CanaryRun, Volume } from '../ipc/domains/health';

export const MAX_SERIES = 8;

export interface VolumeChart {
  labels: string[];
  series: Array<{ name: string; data: number[] }>;
}

export function volumeChart(volume: Volume, formatTime: (iso: string) => string): VolumeChart {
  const top = volume.series.slice(0, MAX_SERIES);
  const rest = volume.series.slice(MAX_SERIES);
  const series = top.map((s) => ({ name: `${s.provider} / ${s.type}`, data: [...s.counts] }));
  if (rest.length > 0)
    series.push({
      name: `other (${rest.length})`,
      data: volume.bucketStarts.map((_, i) => rest.reduce((sum, s) => sum + (s.counts[i] ?? 0), 0)),
    });
  return { labels: volume.bucketStarts.map(formatTime), series };
}

export function volumeOption(chart: VolumeChart): Record<string, unknown> {
  return {
    animation: false,
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    legend: { type: 'scroll', top: 0 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'category', data: chart.labels },
    yAxis: { type: 'value', minInterval: 1 },
    series: chart.series.map((s) => ({ type: 'bar', stack: 'events', name: s.name, data: s.data })),
  };
}

/** Queryable-after per run, oldest first; runs that never became queryable are gaps. */
export function canaryOption(
  runs: readonly CanaryRun[],
  formatTime: (iso: string) => string,
): Record<string, unknown> {
  return {
    animation: false,
    grid: { left: 8, right: 16, top: 28, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: runs.map((r) => formatTime(r.startedAt)) },
    yAxis: { type: 'value', name: 'ms', min: 0 },
    series: [
      {
        type: 'line',
        name: 'Queryable after (ms)',
        connectNulls: false,
        showSymbol: true,
        data: runs.map((r) => r.queryableMs),
      },
    ],
  };
}
