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
  records: Rows,
  columns: readonly string[],
  columnType: ColumnType,
): TimeSeriesData | undefined {
  if (records.length === 0) return undefined;
  return fromMakeTimeseries(records, columns, columnType) ?? fromTimestamps(records, columns, columnType);
}

function fromMakeTimeseries(records: Rows, columns: readonly string[], columnType: ColumnType) {
  if (columnType('timeframe') !== 'timeframe' || !columns.includes('interval')) return undefined;
  const arrays = columns.filter((c) => columnType(c) === 'array');
  if (arrays.length === 0) return undefined;
  const keys = columns.filter((c) => c !== 'timeframe' && c !== 'interval' && !arrays.includes(c));
  const series: TimeSeries[] = [];
  let total = 0;
  for (const record of records) {
    const start = instant(record?.timeframe);
    const interval = toNumber(record?.interval);
    if (start === null || interval === null || interval <= 0) continue;
    const stepMs = interval / NS_PER_MS;
    for (const column of arrays) {
      const values = record?.[column];
      if (!Array.isArray(values)) continue;
      total++;
      if (series.length >= SERIES_LIMIT) continue;
      const by = keys.map((k) => label(record?.[k])).join(' · ');
      series.push({
        name: by ? (arrays.length > 1 ? `${column} · ${by}` : by) : column,
        points: values.map((v, i) => [start + i * stepMs, toNumber(v)]),
      });
    }
  }
  if (series.length === 0) return undefined;
  return { kind: 'time' as const, time: 'timeframe', series, omitted: total - series.length };
}

function fromTimestamps(records: Rows, columns: readonly string[], columnType: ColumnType) {
  const time = columns.find((c) => columnType(c) === 'timestamp' || columnType(c) === 'timeframe');
  if (time === undefined) return undefined;
  const numeric = columns.filter((c) => c !== time && NUMERIC.has(columnType(c) ?? ''));
  if (numeric.length === 0) return undefined;
  const at: number[] = [];
  const rows: number[] = [];
  records.forEach((record, i) => {
    const t = instant(record?.[time]);
    if (t !== null) {
      at.push(t);
      rows.push(i);
    }
  });
  if (rows.length === 0) return undefined;
  const order = rows.map((_, i) => i).sort((a, b) => at[a]! - at[b]! || a - b);
  const drawn = numeric.slice(0, SERIES_LIMIT);
  const series = drawn.map((column) => ({
    name: column,
    points: order.map((i): [number, number | null] => [at[i]!, toNumber(records[rows[i]!]?.[column])]),
  }));
  return { kind: 'time' as const, time, series, omitted: numeric.length - drawn.length };
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
