/**
 * Statistics of selected cells: count (non-null values), distinct, and — over the values that read
 * as numbers — sum, avg, min, max. Longs arrive as digit strings; they are summed as BigInt while
 * every numeric value is an integer, so a sum of large longs stays exact.
 */
export interface CellStats {
  /** Cells in the selection. */
  cells: number;
  /** Non-null, present values. */
  count: number;
  distinct: number;
  /** Values that read as numbers; sum/avg/min/max are over these. */
  numeric: number;
  sum?: string;
  avg?: number;
  min?: number;
  max?: number;
}

const INTEGER = /^-?\d+$/;

function key(value: unknown): string {
  return typeof value === 'string' ? `s${value}` : `j${JSON.stringify(value)}`;
}

export function cellStats(values: Iterable<unknown>): CellStats {
  let cells = 0;
  let count = 0;
  let numeric = 0;
  let exact: bigint | null = 0n;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  const seen = new Set<string>();
  for (const value of values) {
    cells++;
    if (value === null || value === undefined) continue;
    count++;
    seen.add(key(value));
    const text = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
    if (text === '' || (typeof value !== 'number' && typeof value !== 'string')) continue;
    const n = Number(text);
    if (!Number.isFinite(n)) continue;
    numeric++;
    sum += n;
    if (n < min) min = n;
    if (n > max) max = n;
    if (exact !== null) exact = INTEGER.test(text) ? exact + BigInt(text) : null;
  }
  const stats: CellStats = { cells, count, distinct: seen.size, numeric };
  if (numeric > 0) {
    stats.sum = exact !== null ? exact.toString() : String(sum);
    stats.avg = sum / numeric;
    stats.min = min;
    stats.max = max;
  }
  return stats;
}
