/**
 * `fetch <dataObject> [, bucket:] [, from:] [, to:] [, timeframe:] [, samplingRatio:]
 * [, scanLimitGBytes:]` — reads a Grail table, newest records first (as Grail's fetch returns
 * them). Only `bizevents` is stored by the sandbox; other event tables (`logs`, `spans`, …) are
 * empty, and entity/metric data objects are not available at all. `bucket:` names the buckets
 * (or `*` patterns) to read: every stored bizevent is in `default_bizevents` (flattening sets
 * dt.system.bucket, read-only), so the fetch reads all records or none. `samplingRatio:` reads 1
 * in N records (N a power of 10); `scanLimitGBytes:` (or the request's defaultScanLimitGbytes)
 * stops the scan at that many gigabytes (10^9 bytes, -1 = no limit). A fetch with either of these
 * two is never pushed down, so what it reads does not depend on the plan.
 */
import { isKnownDataObject } from '../../catalog';
import type { Expression } from '../../ast';
import { diagnostic } from '../../diagnostics';
import type { Diagnostic } from '../../diagnostics';
import type { Row } from '../../../grail/values';
import { evaluateConstant } from '../evaluate';
import { limitedScan } from '../run-limits';
import { scanStage } from '../scan-stage';
import { noRows, throwIfCancelled } from '../types';
import type { PlanningContext, Stage, TimeframeNs } from '../types';
import { resolveTimeframe } from '../timeframe';
import { DEFAULT_BUCKET } from '../../../grail/ingest-rules';
import { groupMembers } from './items';
import type { CommandSpec } from './command-spec';

const BYTES_PER_GB = 1e9;
/** ⚠ Grail documents 1, 10, 100, 1000, 10000 for fetch and "a power of 10 ≤ 100000" for the API. */
const MAX_SAMPLING_RATIO = 100_000;

export const STORED_DATA_OBJECTS: ReadonlySet<string> = new Set(['bizevents']);

/** What an unavailable data object holds, or undefined when the sandbox can answer (maybe empty). */
function unavailableDataObject(table: string): string | undefined {
  if (table === 'metrics') return 'metrics';
  if (table.startsWith('dt.entity.')) return 'monitored entities';
  return undefined;
}

export const fetchCommand: CommandSpec = {
  name: 'fetch',
  isSource: true,
  parameters: {
    requiredPositional: 'dataObject',
    maxPositional: 1,
    named: ['bucket', 'from', 'to', 'timeframe', 'scanLimitGBytes', 'samplingRatio'],
  },
  plan(cmd, params, ctx) {
    const target = params.positional[0]?.value;
    if (!target || target.type !== 'field') {
      if (target)
        ctx.report(diagnostic('DQL2012', target, ['dataObject', 'a data object name such as `bizevents`']));
      return undefined;
    }
    const table = target.name;
    if (!isKnownDataObject(table)) {
      ctx.report(diagnostic('DQL2005', target, [table]));
      return undefined;
    }
    const unavailable = unavailableDataObject(table);
    if (unavailable) {
      ctx.report(diagnostic('DQL2090', target, [`fetch ${table}`, unavailable]));
      return undefined;
    }
    const timeframe = resolveTimeframe(
      {
        from: params.named.get('from')?.value,
        to: params.named.get('to')?.value,
        timeframe: params.named.get('timeframe')?.value,
      },
      ctx.nowNs,
      ctx.defaultTimeframe,
      ctx.report,
      ctx.timezone,
    );
    if (!timeframe) return undefined;
    const reads = readOptions(
      params.named.get('samplingRatio')?.value,
      params.named.get('scanLimitGBytes')?.value,
      ctx,
    );
    if (!reads) return undefined;
    const bucket = params.named.get('bucket')?.value;
    const patterns = bucket ? bucketPatterns(bucket, ctx) : [DEFAULT_BUCKET];
    if (!patterns) return undefined;
    ctx.addTable(table);
    ctx.setAnalysisTimeframe(timeframe);
    if (!STORED_DATA_OBJECTS.has(table) || !patterns.some((p) => bucketMatches(p, DEFAULT_BUCKET)))
      return { run: noRows };
    if (reads.samplingRatio > 1 || reads.limitGigabytes !== undefined)
      return { run: limitedFetch(table, timeframe, reads.samplingRatio, reads.limitGigabytes) };
    const plain = scanStage({ table, timeframe, order: 'desc', limit: undefined, readsAll: false }, false);
    // Run alone (pushdown off), the scan has fetch's own order and no limit; the planner may
    // replace it with a scan that also does the following limit/sort (pushdown.ts).
    const withDefaultLimit = limitedFetch(table, timeframe, 1, undefined);
    return {
      // The request's scan limit only reaches this stage when the plan is not pushed down
      // (execute.ts plans for the evaluator alone when the limit could cut a read).
      run: (input, exec) =>
        exec.limits?.scanLimitBytes === undefined ? plain(input, exec) : withDefaultLimit(input, exec),
      shape: { kind: 'scan', table, timeframe },
    };
  },
};

/** The names of `bucket: "name"` or `bucket: {"a", "b_*"}` (strings or bare names). */
function bucketPatterns(e: Expression, ctx: PlanningContext): string[] | undefined {
  const names: string[] = [];
  for (const m of groupMembers(e)) {
    if (m.type === 'field') names.push(m.name);
    else {
      const r = m.type === 'literal' ? evaluateConstant(m, { nowNs: ctx.nowNs }, ctx.report) : undefined;
      if (!r?.ok || typeof r.value !== 'string') {
        ctx.report(diagnostic('DQL2012', m, ['bucket', 'bucket names such as "default_bizevents"']));
        return undefined;
      }
      names.push(r.value);
    }
  }
  return names;
}

/** Whether a bucket name matches a pattern where `*` stands for any characters. */
function bucketMatches(pattern: string, name: string): boolean {
  const parts = pattern.split('*');
  if (parts.length === 1) return pattern === name;
  const first = parts[0] as string;
  const last = parts[parts.length - 1] as string;
  if (!name.startsWith(first) || !name.endsWith(last) || name.length < first.length + last.length)
    return false;
  let at = first.length;
  for (const part of parts.slice(1, -1)) {
    const found = name.indexOf(part, at);
    if (found < 0 || found + part.length > name.length - last.length) return false;
    at = found + part.length;
  }
  return true;
}

interface ReadOptions {
  readonly samplingRatio: number;
  /** Undefined: the request's default limit (if any) applies. -1: no limit. */
  readonly limitGigabytes: number | undefined;
}

function readOptions(
  sampling: Expression | undefined,
  scanLimit: Expression | undefined,
  ctx: PlanningContext,
): ReadOptions | undefined {
  const report = (d: Diagnostic): void => ctx.report(d);
  let samplingRatio = 1;
  if (sampling) {
    const r = evaluateConstant(sampling, { nowNs: ctx.nowNs, timezone: ctx.timezone }, report);
    if (!r.ok) return undefined;
    const n = typeof r.value === 'bigint' ? Number(r.value) : r.value;
    if (typeof n !== 'number' || !(n >= 1)) {
      report(diagnostic('DQL2012', sampling, ['samplingRatio', 'a number of at least 1']));
      return undefined;
    }
    // Normalized to a power of 10, as the API does with defaultSamplingRatio.
    samplingRatio = Math.min(10 ** Math.floor(Math.log10(n) + 1e-9), MAX_SAMPLING_RATIO);
  }
  let limitGigabytes: number | undefined;
  if (scanLimit) {
    const r = evaluateConstant(scanLimit, { nowNs: ctx.nowNs, timezone: ctx.timezone }, report);
    if (!r.ok) return undefined;
    if (typeof r.value !== 'bigint' || r.value < -1n) {
      report(
        diagnostic('DQL2012', scanLimit, ['scanLimitGBytes', 'a long of at least 0, or -1 for no limit']),
      );
      return undefined;
    }
    limitGigabytes = Number(r.value);
  }
  return { samplingRatio, limitGigabytes };
}

/**
 * The fetch read record by record, sampled and bounded by its scan limit (its own, else the
 * request's). Each record read counts as scanned.
 */
function limitedFetch(
  table: string,
  timeframe: TimeframeNs,
  samplingRatio: number,
  limitGigabytes: number | undefined,
): Stage {
  return async function* fetchLimited(_input, exec): AsyncGenerator<Row> {
    const limitBytes =
      limitGigabytes === undefined
        ? exec.limits?.scanLimitBytes
        : limitGigabytes < 0
          ? undefined
          : limitGigabytes * BYTES_PER_GB;
    if (samplingRatio > 1) exec.report?.({ kind: 'sampled' });
    const reads = limitedScan(
      exec.source,
      { table, timeframe, order: 'desc' },
      { limitBytes, samplingRatio },
      () => exec.report?.({ kind: 'scanLimit', gigabytes: (limitBytes ?? 0) / BYTES_PER_GB }),
    );
    for await (const { row, bytes } of reads) {
      throwIfCancelled(exec.cancel);
      exec.stats.scannedRecords++;
      exec.stats.scannedBytes += bytes;
      yield row;
    }
  };
}
