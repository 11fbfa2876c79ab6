/**
 * The cost guard: before a run, say when a query may scan more than the environment's budget
 * (its scan-limit setting). Grail stops a `fetch` at the request's default scan limit unless the
 * query names its own `scanLimitGBytes:` (`-1` = none), so the risks are an own limit above the
 * budget, and — from earlier runs of the same query — an expected scan that exceeds it.
 */
import type { Query } from './ast';
import { ownTimeframeParameters } from './timeframe-params';

export const BYTES_PER_GB = 1_000_000_000;

/** An earlier run of this query text (from the history). */
export interface PastRun {
  scannedBytes: number;
  /** The default timeframe's length; unknown when the query set its own. */
  timeframeMs?: number | undefined;
}

export interface CostWarning {
  reason: 'own-limit-above-budget' | 'unlimited' | 'estimate-above-budget';
  /** What the query may scan, in GB (Infinity when unlimited). */
  mayScanGBytes: number;
  budgetGBytes: number;
  message: string;
}

/** `scanLimitGBytes:` values written on the query's fetch commands (negative = unlimited). */
export function ownScanLimits(query: Query): number[] {
  const out: number[] = [];
  for (const cmd of query.commands) {
    if (cmd.name.toLowerCase() !== 'fetch') continue;
    for (const p of cmd.params) {
      if (p.type !== 'named' || p.name.toLowerCase() !== 'scanlimitgbytes') continue;
      const v = p.value;
      if (v.type === 'literal' && v.literal.kind === 'long') out.push(Number(v.literal.value));
      else if (v.type === 'literal' && v.literal.kind === 'double') out.push(v.literal.value);
    }
  }
  return out;
}

const gb = (n: number) => (Number.isFinite(n) ? `${+n.toPrecision(3)} GB` : 'without limit');

export function costWarning(
  query: Query,
  budgetGBytes: number,
  timeframeMs: number | undefined,
  past: readonly PastRun[],
): CostWarning | undefined {
  const limits = ownScanLimits(query);
  if (limits.some((l) => l < 0)) {
    return {
      reason: 'unlimited',
      mayScanGBytes: Infinity,
      budgetGBytes,
      message: `The query sets scanLimitGBytes: -1, so it may scan without limit (this environment's budget is ${gb(budgetGBytes)}).`,
    };
  }
  const own = Math.max(0, ...limits);
  if (own > budgetGBytes) {
    return {
      reason: 'own-limit-above-budget',
      mayScanGBytes: own,
      budgetGBytes,
      message: `The query may scan up to ${gb(own)} (its own scanLimitGBytes), more than this environment's budget of ${gb(budgetGBytes)}.`,
    };
  }
  const estimate = estimateBytes(past, ownTimeframeParameters(query).length ? undefined : timeframeMs);
  if (estimate !== undefined && estimate > budgetGBytes * BYTES_PER_GB) {
    const mayScan = estimate / BYTES_PER_GB;
    return {
      reason: 'estimate-above-budget',
      mayScanGBytes: mayScan,
      budgetGBytes,
      message: `Earlier runs suggest this query scans about ${gb(mayScan)}, more than this environment's budget of ${gb(budgetGBytes)}; Grail stops at the budget, so the result may be incomplete.`,
    };
  }
  return undefined;
}

/**
 * The largest scan of earlier runs, scaled to this run's timeframe where both lengths are known
 * (scanned bytes grow with the timeframe); undefined without earlier runs.
 */
export function estimateBytes(past: readonly PastRun[], timeframeMs: number | undefined): number | undefined {
  let best: number | undefined;
  for (const r of past) {
    const scaled =
      timeframeMs !== undefined && r.timeframeMs
        ? (r.scannedBytes * timeframeMs) / r.timeframeMs
        : r.scannedBytes;
    best = best === undefined ? scaled : Math.max(best, scaled);
  }
  return best;
}
