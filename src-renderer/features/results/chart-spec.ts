/** The charts a result can be shown as, and what each needs (data is built only when shown). */
import type { BarChartData } from '../../../src-shared/results/chart-data';
import type { TimeSeriesData } from '../../../src-shared/results/time-series';

export type ChartKind = 'bar' | 'pie' | 'line' | 'area' | 'single';

export const CHART_LABELS: Record<ChartKind, string> = {
  bar: 'Bar chart',
  pie: 'Pie chart',
  line: 'Line chart',
  area: 'Area chart',
  single: 'Single value',
};

export type CategoricalSpec = { kind: 'bar' | 'pie'; data: BarChartData };
export type TimeSpec = { kind: 'line' | 'area'; data: TimeSeriesData };
export type ChartSpec = CategoricalSpec | TimeSpec;

export function isCategorical(spec: ChartSpec): spec is CategoricalSpec {
  return spec.kind === 'bar' || spec.kind === 'pie';
}

export function chartTitle(spec: ChartSpec): string {
  if (isCategorical(spec)) return `${spec.data.value} by ${spec.data.keys.join(', ')}`;
  return `${spec.data.series.map((s) => s.name).join(', ')} over ${spec.data.time}`;
}

/** A short text alternative: the first values drawn. */
export function chartDescription(spec: ChartSpec): string {
  if (isCategorical(spec)) {
    const { labels, values } = spec.data;
    const first = labels
      .slice(0, 10)
      .map((l, i) => `${l} ${values[i]}`)
      .join(', ');
    return `${first}${labels.length > 10 ? ', …' : ''}`;
  }
  const points = spec.data.series.reduce((n, s) => n + s.points.length, 0);
  return `${spec.data.series.length} series, ${points} points`;
}
