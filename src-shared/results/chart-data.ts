/**
 * Which chart a result offers, and its data (pure). For now: categorical bars for results shaped
 * like `summarize <agg> by: {<keys>}` — one or more non-numeric key columns and a numeric value
 * column — the keys joined as the bar's label. Longs are converted to numbers for drawing only.
 */
import type { WireFieldTypeName } from '../grail/wire';

export const BAR_LIMIT = 50;

export interface BarChartData {
  kind: 'bar';
  /** The value column drawn. */
  value: string;
  /** The key columns that name a bar. */
  keys: string[];
  labels: string[];
  values: number[];
  /** Bars left out beyond BAR_LIMIT. */
  omitted: number;
}

const NUMERIC = new Set<string>(['long', 'double']);
const KEY_TYPES = new Set<string>([
  'string',
  'boolean',
  'uid',
  'ip_address',
  'smartscape_id',
  'long',
  'double',
]);

/**
 * Bars when the result has a numeric column and at least one key column besides it, else
 * undefined. The value is the last numeric column (summarize puts aggregations after keys only
 * when asked to; `by:` keys come first in Grail's output, aggregations last).
 */
export function barChartData(
  records: readonly (Record<string, unknown> | null)[],
  columns: readonly string[],
  columnType: (field: string) => WireFieldTypeName | 'mixed' | undefined,
): BarChartData | undefined {
  if (records.length === 0) return undefined;
  const numeric = columns.filter((c) => NUMERIC.has(columnType(c) ?? ''));
  const value = numeric.at(-1);
  if (value === undefined) return undefined;
  // Other numeric columns are further aggregations (`summarize count(), avg(x), by: {k}`), not
  // names of a bar; a numeric column names bars only when no other key does (`by: {status}`).
  const candidates = columns.filter((c) => c !== value && KEY_TYPES.has(columnType(c) ?? ''));
  const named = candidates.filter((c) => !NUMERIC.has(columnType(c) ?? ''));
  const keys = named.length > 0 ? named : candidates;
  if (keys.length === 0) return undefined;
  const labels: string[] = [];
  const values: number[] = [];
  const shown = records.slice(0, BAR_LIMIT);
  for (const record of shown) {
    labels.push(keys.map((k) => label(record?.[k])).join(' · '));
    const v = Number(record?.[value]);
    values.push(Number.isFinite(v) ? v : 0);
  }
  return { kind: 'bar', value, keys, labels, values, omitted: records.length - shown.length };
}

function label(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

export const PIE_LIMIT = 8;

/**
 * A pie is honest only when its slices are parts of one whole: every value counted or summed
 * (`count…`/`sum…`, not an average or a max), none negative, nothing left out, and few slices.
 */
export function pieIsHonest(data: BarChartData): boolean {
  return (
    data.omitted === 0 &&
    data.labels.length >= 2 &&
    data.labels.length <= PIE_LIMIT &&
    /^(count|sum)/i.test(data.value) &&
    data.values.every((v) => v >= 0) &&
    data.values.some((v) => v > 0)
  );
}
