import { useCallback, useMemo } from 'react';
import { barChartData, BAR_LIMIT, pieIsHonest } from '../../../src-shared/results/chart-data';
import type { RecordTable } from '../../../src-shared/results/record-table';
import {
  singleValueData,
  timeSeriesAvailable,
  timeSeriesData,
} from '../../../src-shared/results/time-series';
import type { ChartKind, ChartSpec } from './chart-spec';
import type { FieldTypeLookup } from './columns';

/**
 * Which charts fit a result, and the data of the one asked for: bars from the first rows shown
 * (cheap), time series by column types only; the series themselves are built only while a time
 * chart is shown, from the time and value columns (no record objects).
 */
export function useResultCharts(
  records: RecordTable,
  recordAt: (position: number) => number,
  rowCount: number,
  columns: string[],
  lookup: FieldTypeLookup,
  view: ChartKind | undefined,
) {
  const columnType = useCallback((c: string) => lookup.columnType(c), [lookup]);
  const bars = useMemo(() => {
    const first = Array.from({ length: Math.min(BAR_LIMIT, rowCount) }, (_, i) =>
      records.record(recordAt(i)),
    );
    const data = barChartData(first, columns, columnType);
    return data && { ...data, omitted: rowCount - data.labels.length };
  }, [records, recordAt, rowCount, columns, columnType]);
  // Only a one-record result can be a single value; larger ones are not turned into objects.
  const single = useMemo(
    () => singleValueData(records.length === 1 ? [records.record(0)] : [], columns),
    [records, columns],
  );
  const charts = useMemo(() => {
    const kinds: ChartKind[] = [];
    if (single) kinds.push('single');
    if (bars) kinds.push('bar');
    if (bars && pieIsHonest(bars)) kinds.push('pie');
    if (timeSeriesAvailable(columns, columnType)) kinds.push('line', 'area');
    return kinds;
  }, [single, bars, columns, columnType]);
  const activeView = view && charts.includes(view) ? view : undefined;
  const series = useMemo(() => {
    if (activeView !== 'line' && activeView !== 'area') return undefined;
    const shown = { length: rowCount, value: (i: number, f: string) => records.value(recordAt(i), f) };
    return timeSeriesData(shown, columns, columnType);
  }, [activeView, rowCount, records, recordAt, columns, columnType]);
  const spec = useMemo<ChartSpec | undefined>(() => {
    if ((activeView === 'bar' || activeView === 'pie') && bars) return { kind: activeView, data: bars };
    if ((activeView === 'line' || activeView === 'area') && series) return { kind: activeView, data: series };
    return undefined;
  }, [activeView, bars, series]);
  return { charts, activeView, single, spec };
}
