/**
 * The one stage that reads storage: `fetch` alone, or fetch plus the prefix the planner folded
 * into it (pushdown.ts). Scan stats are kept exactly as the evaluator would have kept them, so
 * `scannedRecords`/`scannedBytes` do not depend on what was pushed down:
 *   - a folded sort or count read the whole timeframe: its totals;
 *   - a folded filter read every record up to the last one it let through (the evaluator's scan
 *     stops there when a limit or the consumer stops pulling), or the whole timeframe;
 *   - otherwise each record yielded was one record read.
 */
import { compareValues } from './compare';
import { valueKey } from './group-key';
import { durationValue, timeframeValue } from '../../grail/values';
import type { Row, Value } from '../../grail/values';
import type { ScanFilter } from './storage-predicate';
import { throwIfCancelled } from './types';
import { sortGroups } from './commands/summarize';
import type {
  AggregateGroups,
  CountBy,
  ExecutionContext,
  GroupCount,
  ScanCursor,
  ScanOrder,
  ScanPushdown,
  ScanRequest,
  Stage,
  TimeframeNs,
} from './types';

export interface ScanSpec {
  readonly table: string;
  readonly timeframe: TimeframeNs;
  readonly order: ScanOrder;
  /** Undefined = no limit. */
  readonly limit: bigint | undefined;
  /**
   * A folded sort consumed the whole timeframe before yielding (as the evaluator's sort does), so
   * the stats are the timeframe's totals rather than the records yielded.
   */
  readonly readsAll: boolean;
  readonly filter?: ScanFilter;
  readonly count?: ScanPushdown['count'];
  readonly series?: ScanPushdown['series'];
  readonly aggregate?: ScanPushdown['aggregate'];
}

function addTotals(exec: ExecutionContext, totals: { records: number; bytes: number }): void {
  exec.stats.scannedRecords += totals.records;
  exec.stats.scannedBytes += totals.bytes;
}

/**
 * `last`: nothing follows, so the runner's result cap bounds the scan too (it never pulls more),
 * and storage need not produce rows nobody takes.
 */
export function scanStage(spec: ScanSpec, last: boolean): Stage {
  if (spec.count) return countStage(spec, spec.count);
  if (spec.series) return seriesStage(spec, spec.series);
  if (spec.aggregate) return aggregateStage(spec, spec.aggregate);
  return async function* scan(_input, exec): AsyncGenerator<Row> {
    let limit = spec.limit === undefined ? Infinity : toNumber(spec.limit);
    if (last) limit = Math.min(limit, exec.resultCap);
    // Like `limit 0` in the evaluator: nothing upstream is pulled, so nothing is scanned.
    if (limit <= 0) return;
    throwIfCancelled(exec.cancel);
    const request = scanRequest(spec, limit);
    // A separate read from the scan's (as the store's pages are): an append landing in between
    // is counted or not, like a page read after it. It runs while the scan reads.
    const totals = spec.readsAll ? exec.source.measure(request) : undefined;
    totals?.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
    const countEach = !spec.readsAll && !spec.filter;
    let yielded = 0;
    let lastCursor: ScanCursor | undefined;
    let exhausted = false;
    try {
      for await (const { row, bytes, cursor } of exec.source.scan(request)) {
        throwIfCancelled(exec.cancel);
        if (countEach) {
          exec.stats.scannedRecords++;
          exec.stats.scannedBytes += bytes;
        }
        yielded++;
        lastCursor = cursor;
        yield row;
      }
      exhausted = true;
    } finally {
      if (totals) addTotals(exec, await totals);
      if (spec.filter && !spec.readsAll) {
        // Ran out before the limit: the evaluator's scan would have read everything.
        const all = exhausted && yielded < limit;
        if (all) addTotals(exec, await exec.source.measure(request));
        else if (lastCursor) addTotals(exec, await exec.source.measure(request, lastCursor));
      }
    }
  };
}

/** What the storage is asked to read for a pushed-down scan (with a limit when there is one). */
function scanRequest(spec: ScanSpec, limit = Infinity): ScanRequest {
  return {
    table: spec.table,
    timeframe: spec.timeframe,
    order: spec.order,
    ...(limit === Infinity ? {} : { limit }),
    ...(spec.filter ? { filter: spec.filter } : {}),
  };
}

/** A folded `summarize count() [by: field]`: groups in key order, as summarize sorts them. */
function countStage(spec: ScanSpec, count: NonNullable<ScanPushdown['count']>): Stage {
  return async function* counted(_input, exec): AsyncGenerator<Row> {
    throwIfCancelled(exec.cancel);
    const request = scanRequest(spec);
    const key = count.key;
    const groups = await countsOf(
      exec,
      request,
      key ? { kind: 'fields', fields: [key.field] } : { kind: 'all' },
      key ? { kind: 'field', field: key.field } : { kind: 'all' },
    );
    throwIfCancelled(exec.cancel);
    const rows = key
      ? merge(groups).sort((a, b) => compareValues(a.key, b.key))
      : [{ key: null, count: sum(groups) }];
    for (const g of rows) {
      const out = new Map<string, Value>();
      if (key) out.set(key.name, g.key);
      for (const name of count.outputs) out.set(name, g.count);
      yield out;
    }
  };
}

/** A folded `makeTimeseries count()`: one record unless there is nothing to count (and not `nonempty`). */
function seriesStage(spec: ScanSpec, series: NonNullable<ScanPushdown['series']>): Stage {
  return async function* counted(_input, exec): AsyncGenerator<Row> {
    throwIfCancelled(exec.cancel);
    const request = scanRequest(spec);
    const bins = { kind: 'bins', startNs: series.startNs, intervalNs: series.intervalNs } as const;
    const groups = await countsOf(exec, request, bins, bins);
    throwIfCancelled(exec.cancel);
    // Records outside the series' bins (a `from:`/`to:` narrower than the fetch's) count nowhere.
    const perBin = new Map<bigint, bigint>();
    for (const g of groups)
      if (typeof g.key === 'bigint' && g.key >= 0n && g.key < BigInt(series.bins))
        perBin.set(g.key, (perBin.get(g.key) ?? 0n) + g.count);
    if (perBin.size === 0 && !series.nonempty) return;
    const out = new Map<string, Value>([
      ['timeframe', timeframeValue(series.startNs, series.startNs + BigInt(series.bins) * series.intervalNs)],
      ['interval', durationValue(series.intervalNs)],
    ]);
    for (const o of series.outputs)
      out.set(
        o.name,
        Array.from({ length: series.bins }, (_, i) => perBin.get(BigInt(i)) ?? o.defaultValue),
      );
    yield out;
  };
}

/**
 * Counts per group, with the timeframe's totals added to the stats: in one pass where storage
 * aggregates (`aggregate`), else measured and counted separately.
 */
async function countsOf(
  exec: ExecutionContext,
  request: ScanRequest,
  groups: AggregateGroups,
  by: CountBy,
): Promise<GroupCount[]> {
  const one = await exec.source.aggregate?.({ ...request, groups, aggregates: [{ fn: 'count' }] });
  if (one) {
    addTotals(exec, one.totals);
    return one.groups.map((g) => ({
      key: groups.kind === 'all' ? null : (g.key[0] ?? null),
      count: g.values[0] as bigint,
    }));
  }
  addTotals(exec, await exec.source.measure(request));
  return exec.source.countGroups(request, by);
}

/**
 * A folded general `summarize`: storage aggregates in one pass, or — when it declines, or its
 * groups would not sort exactly as the evaluator's (equal keys of different types keep first-seen
 * order there) — the planned summarize runs over the folded scan.
 */
function aggregateStage(spec: ScanSpec, aggregate: NonNullable<ScanPushdown['aggregate']>): Stage {
  const { shape, fallback } = aggregate;
  return async function* aggregated(input, exec): AsyncGenerator<Row> {
    throwIfCancelled(exec.cancel);
    const request = scanRequest(spec);
    const result = await exec.source.aggregate?.({
      ...request,
      groups:
        shape.keys.length === 0
          ? { kind: 'all' }
          : { kind: 'fields', fields: shape.keys.map((k) => k.field) },
      aggregates: shape.outputs.map((o) => o.aggregate),
    });
    throwIfCancelled(exec.cancel);
    const groups = result && sortedDistinct(result.groups);
    if (!result || !groups) {
      const { aggregate: _, ...scanOnly } = spec;
      yield* fallback(scanStage({ ...scanOnly, limit: undefined }, false)(input, exec), exec);
      return;
    }
    addTotals(exec, result.totals);
    for (const g of groups) {
      const out = new Map<string, Value>();
      shape.keys.forEach((k, i) => out.set(k.name, g.key[i] ?? null));
      shape.outputs.forEach((o, i) => out.set(o.name, g.values[i] ?? null));
      yield out;
    }
  };
}

/** Groups in summarize's order, or undefined when two keys compare equal (order would differ). */
function sortedDistinct<T extends { key: readonly Value[] }>(groups: readonly T[]): T[] | undefined {
  const sorted = sortGroups([...groups]);
  for (let i = 1; i < sorted.length; i++) {
    const a = (sorted[i - 1] as T).key;
    const b = (sorted[i] as T).key;
    if (a.every((v, j) => compareValues(v, b[j] as Value) === 0)) return undefined;
  }
  return sorted;
}

/** Groups summarize would not tell apart (e.g. 0.0 and -0.0) become one. */
function merge(groups: readonly GroupCount[]): GroupCount[] {
  const byKey = new Map<string, GroupCount>();
  for (const g of groups) {
    const k = valueKey(g.key);
    const prev = byKey.get(k);
    byKey.set(k, prev ? { key: prev.key, count: prev.count + g.count } : g);
  }
  return [...byKey.values()];
}

function sum(groups: readonly { count: bigint }[]): bigint {
  return groups.reduce((n, g) => n + g.count, 0n);
}

/** A limit beyond 2^53 cannot be reached; treat it as none. */
function toNumber(n: bigint): number {
  return n > BigInt(Number.MAX_SAFE_INTEGER) ? Infinity : Number(n);
}
