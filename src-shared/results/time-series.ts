/**
 * Which results can be drawn over time, and their points (pure). Two shapes:
 * - `makeTimeseries` output: one record per series, a `timeframe` {start, end}, an `interval`
 *   (duration in ns) and one array per aggregation, bin i starting at start + i × interval;
 * - ordinary records with a timestamp (or timeframe) column and numeric columns: one point per
 *   record, at the timestamp (the timeframe's start), ordered by time.
 * Longs are converted to numbers for drawing only; nulls stay gaps.
 */
import type { WireFieldTypeName } from '../grail/wire';

export const SERIES_LIMIT = 20;

export interface TimeSeries {
  name: string;
  /** [epoch ms, value or null] in time order. */
  points: [number, number | null][];
}

export interface TimeSeriesData {
  kind: 'time';
  /** The time column the x axis comes from. */
  time: string;
  series: TimeSeries[];
  /** Series left out beyond SERIES_LIMIT. */
  omitted: number;
}

type ColumnType = (field: string) => WireFieldTypeName | 'mixed' | undefined;
type Rows = readonly (Record<string, unknown> | null)[];

/**
 * Records read field by field (the renderer's RecordTable): a chart over a million records reads
 * the time and value columns only, and builds no record object.
 */
export interface RowSource {
  readonly length: number;
  /** One field of the row (undefined when the row lacks it). */
  value(row: number, field: string): unknown;
}

function sourceOf(records: Rows | RowSource): RowSource {
  if (!Array.isArray(records)) return records as RowSource;
  const rows = records as Rows;
  return { length: rows.length, value: (row, field) => rows[row]?.[field] };
}

const NUMERIC = new Set<string>(['long', 'double', 'duration']);
const NS_PER_MS = 1_000_000;

function toNumber(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

function instant(value: unknown): number | null {
  if (typeof value === 'string') {
    const t = Date.parse(value);
    return Number.isNaN(t) ? null : t;
  }
  if (value && typeof value === 'object' && 'start' in value) return instant(value.start);
  return null;
}

function label(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Whether a result with these columns can be drawn over time (cheap: types only). */
export function timeSeriesAvailable(columns: readonly string[], columnType: ColumnType): boolean {
  const makeTimeseries =
    columnType('timeframe') === 'timeframe' &&
    columns.includes('interval') &&
    columns.some((c) => columnType(c) === 'array');
  const time = columns.find((c) => columnType(c) === 'timestamp' || columnType(c) === 'timeframe');
  return (
    makeTimeseries ||
    (time !== undefined && columns.some((c) => c !== time && NUMERIC.has(columnType(c) ?? '')))
  );
}

/** Points over time for a `makeTimeseries` result or a timestamped one; undefined when neither. */
export function timeSeriesData(
  records: Rows | RowSource,
  columns: readonly string[],
  columnType: ColumnType,
): TimeSeriesData | undefined {
  const rows = sourceOf(records);
  if (rows.length === 0) return undefined;
  return fromMakeTimeseries(rows, columns, columnType) ?? fromTimestamps(rows, columns, columnType);
}

function fromMakeTimeseries(rows: RowSource, columns: readonly string[], columnType: ColumnType) {
  if (columnType('timeframe') !== 'timeframe' || !columns.includes('interval')) return undefined;
  const arrays = columns.filter((c) => columnType(c) === 'array');
  if (arrays.length === 0) return undefined;
  const keys = columns.filter((c) => c !== 'timeframe' && c !== 'interval' && !arrays.includes(c));
  const series: TimeSeries[] = [];
  let total = 0;
  for (let row = 0; row < rows.length; row++) {
    const start = instant(rows.value(row, 'timeframe'));
    const interval = toNumber(rows.value(row, 'interval'));
    if (start === null || interval === null || interval <= 0) continue;
    const stepMs = interval / NS_PER_MS;
    for (const column of arrays) {
      const values = rows.value(row, column);
      if (!Array.isArray(values)) continue;
      total++;
      if (series.length >= SERIES_LIMIT) continue;
      const by = keys.map((k) => label(rows.value(row, k))).join(' · ');
      series.push({
        name: by ? (arrays.length > 1 ? `${column} · ${by}` : by) : column,
        points: values.map((v, i) => [start + i * stepMs, toNumber(v)]),
      });
    }
  }
  if (series.length === 0) return undefined;
  return { kind: 'time' as const, time: 'timeframe', series, omitted: total - series.length };
}

function fromTimestamps(rows: RowSource, columns: readonly string[], columnType: ColumnType) {
  const time = columns.find((c) => columnType(c) === 'timestamp' || columnType(c) === 'timeframe');
  if (time === undefined) return undefined;
  const numeric = columns.filter((c) => c !== time && NUMERIC.has(columnType(c) ?? ''));
  if (numeric.length === 0) return undefined;
  const at: number[] = [];
  const timed: number[] = [];
  for (let row = 0; row < rows.length; row++) {
    const t = instant(rows.value(row, time));
    if (t !== null) {
      at.push(t);
      timed.push(row);
    }
  }
  if (timed.length === 0) return undefined;
  const order = timeOrder(at);
  const drawn = numeric.slice(0, SERIES_LIMIT);
  const series = drawn.map((column) => ({
    name: column,
    points: order.map((i): [number, number | null] => [at[i]!, toNumber(rows.value(timed[i]!, column))]),
  }));
  return { kind: 'time' as const, time, series, omitted: numeric.length - drawn.length };
}

/**
 * Positions of `at` by time, ties by position. Results usually arrive sorted (a fetch newest
 * first): a run that is already in order, or strictly in reverse, is not sorted again.
 */
function timeOrder(at: readonly number[]): number[] {
  let ascending = true;
  let descending = true;
  for (let i = 1; i < at.length && (ascending || descending); i++) {
    if (at[i]! < at[i - 1]!) ascending = false;
    if (at[i]! >= at[i - 1]!) descending = false;
  }
  const order = at.map((_, i) => i);
  if (ascending) return order;
  if (descending) return order.reverse();
  return order.sort((a, b) => at[a]! - at[b]! || a - b);
}

export interface SingleValueData {
  kind: 'single';
  field: string;
  value: unknown;
}

/** A one-record, one-field result (`summarize count()`), shown as one big value. */
export function singleValueData(records: Rows, columns: readonly string[]): SingleValueData | undefined {
  if (records.length !== 1 || columns.length !== 1) return undefined;
  const field = columns[0]!;
  return { kind: 'single', field, value: records[0]?.[field] ?? null };
}
