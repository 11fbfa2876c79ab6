/**
 * Query entry points: prepareQuery (parse + plan, synchronous, never throws) and runPrepared
 * (streams the plan over a DataSource and caps the result). Errors come out as QueryError data
 * carrying everything the Query API error envelope needs.
 */
import type { MetadataNotification } from '../../grail/wire';
import { toWireRow } from '../../grail/serialize';
import { UTC } from '../../grail/timestamp';
import { utf8ByteLength } from '../../grail/utf8';
import type { Timezone } from '../../grail/timestamp';
import { childrenOf } from '../ast-walk';
import type { Node } from '../ast-walk';
import { calendarMonths } from './align';
import type { Row } from '../../grail/values';
import { codeInfo } from '../diagnostics';
import type { Diagnostic } from '../diagnostics';
import { formatCanonical } from '../format';
import { parse } from '../parser';
import type { Span } from '../source-span';
import { planQuery } from './planner';
import type { PlanOptions } from './planner';
import { QueryCancelled, QueryFailed } from './types';
import type {
  CancellationToken,
  DataSource,
  ExecutionContext,
  ExecutionEvent,
  Plan,
  TimeframeNs,
} from './types';
import { timeLimited } from './run-limits';
import {
  fetchTimeoutNotification,
  resultBytesNotification,
  resultLimitNotification,
  scanLimitNotification,
} from './notifications';

export interface QueryError {
  readonly code: string;
  readonly errorType: string;
  readonly exceptionType: string;
  readonly message: string;
  readonly messageFormat: string;
  readonly arguments: readonly string[];
  readonly argumentTypes: readonly string[];
  readonly span: Span;
}

export interface PreparedQuery {
  readonly query: string;
  readonly canonicalQuery: string;
  readonly plan: Plan;
  /** The same query planned for the evaluator alone (nothing pushed down into storage). */
  readonly purePlan?: () => Plan | undefined;
}

export type PrepareOutcome =
  | { ok: true; prepared: PreparedQuery; diagnostics: Diagnostic[] }
  | { ok: false; error: QueryError; diagnostics: Diagnostic[] };

export function toQueryError(d: Diagnostic): QueryError {
  const info = codeInfo(d.code);
  return {
    code: d.code,
    errorType: info.errorType,
    exceptionType: info.exceptionType,
    message: d.message,
    messageFormat: info.format,
    arguments: d.args,
    argumentTypes: info.argTypes ?? [],
    span: { start: d.start, end: d.end },
  };
}

export interface PrepareOptions extends PlanOptions {
  /** The request's timezone (default UTC): the calendar of `@` and of `M`/`q`/`y` arithmetic. */
  readonly timezone?: Timezone;
}

export function prepareQuery(query: string, prepareOptions: PrepareOptions): PrepareOutcome {
  const parsed = parse(query);
  const syntaxError = parsed.diagnostics.find((d) => d.severity === 'error');
  if (syntaxError) return { ok: false, error: toQueryError(syntaxError), diagnostics: parsed.diagnostics };
  const { timezone, ...planOptions } = prepareOptions;
  // Storage folds constants on the UTC calendar; off UTC, keep calendar-dependent queries in the
  // evaluator so that pushed-down and in-memory results agree.
  const options: PlanOptions =
    timezone && timezone.id !== UTC.id && usesCalendar(parsed.ast)
      ? { ...planOptions, pushdown: false }
      : planOptions;
  // ⚠ The planner does not hand the timezone to PlanningContext yet, so constants planned ahead
  // (`from: now()@d`) stay on the UTC calendar until it does.
  const { plan, diagnostics } = planQuery(parsed.ast, { ...options, ...(timezone ? { timezone } : {}) });
  const all = [...parsed.diagnostics, ...diagnostics];
  if (!plan) {
    const first = all.find((d) => d.severity === 'error');
    const error: QueryError = first
      ? toQueryError(first)
      : toQueryError({
          code: 'DQL1001',
          severity: 'error',
          message: 'The query is empty.',
          args: [],
          start: 0,
          end: query.length,
        });
    return { ok: false, error, diagnostics: all };
  }
  return {
    ok: true,
    prepared: {
      query,
      canonicalQuery: formatCanonical(parsed.ast),
      plan,
      purePlan: () => planQuery(parsed.ast, { ...options, pushdown: false }).plan,
    },
    diagnostics: all,
  };
}

/** Does the query align times (`@`) or do calendar arithmetic (`d`/`w` alignment, `M`/`q`/`y`)? */
function usesCalendar(root: Node): boolean {
  if (root.type === 'alignment') return true;
  if (
    root.type === 'literal' &&
    root.literal.kind === 'duration' &&
    calendarMonths(root.literal.unit) !== undefined
  )
    return true;
  return childrenOf(root).some(usesCalendar);
}

export interface RunOptions {
  readonly source: DataSource;
  readonly nowNs: bigint;
  /** The request's timezone (default UTC), for `@` alignment and calendar arithmetic. */
  readonly timezone?: Timezone;
  readonly maxResultRecords: number;
  /**
   * Soft limit on the result's serialized bytes: the record that crosses it is still included,
   * the next ones are not (RESULT_LIMIT_BYTES).
   */
  readonly maxResultBytes?: number;
  /** A record's serialized size for maxResultBytes (default: its UTC wire JSON in UTF-8). */
  readonly recordBytes?: (row: Row) => number;
  /** Soft time limit on reading storage (FETCH_TIMEOUT): scans stop, the rest still runs. */
  readonly fetchTimeoutMs?: number;
  /** A clock in milliseconds (default Date.now), for fetchTimeoutMs. */
  readonly clockMs?: () => number;
  /** The request's default scan limit per fetch, in bytes (SCAN_LIMIT_GBYTES). */
  readonly scanLimitBytes?: number;
  readonly cancel?: CancellationToken;
}

export type RunOutcome =
  | {
      state: 'SUCCEEDED';
      records: Row[];
      analysisTimeframe: TimeframeNs | undefined;
      scannedRecords: number;
      scannedBytes: number;
      notifications: MetadataNotification[];
      /** A fetch read only a sample of its data (`samplingRatio:`). */
      sampled: boolean;
    }
  | { state: 'FAILED'; error: QueryError }
  | { state: 'CANCELLED' };

export { resultLimitNotification };

function wireBytes(row: Row): number {
  return utf8ByteLength(JSON.stringify(toWireRow(row, UTC)));
}

/**
 * With a scan limit, pushed-down reads (counts, aggregates, sorted or filtered scans) would not
 * stop where the evaluator's scan does; plan for the evaluator alone unless no table in the query
 * holds more than the limit (then the limit cannot cut anything).
 */
async function planFor(prepared: PreparedQuery, options: RunOptions): Promise<Plan> {
  const limit = options.scanLimitBytes;
  // Sub-queries may be pushed down too, so this does not depend on plan.pushdown.
  if (limit === undefined || !prepared.purePlan) return prepared.plan;
  for (const table of prepared.plan.tables) {
    const totals = await options.source.measure({ table, timeframe: ALL_TIME });
    if (totals.bytes > limit) return prepared.purePlan() ?? prepared.plan;
  }
  return prepared.plan;
}

const ALL_TIME: TimeframeNs = { startNs: -(2n ** 63n), endNs: 2n ** 63n - 1n };

/** Runs a prepared plan. Storage failures reject (the caller maps them to an internal error). */
export async function runPrepared(prepared: PreparedQuery, options: RunOptions): Promise<RunOutcome> {
  const cancel = options.cancel ?? { cancelled: false };
  const clockMs = options.clockMs ?? Date.now;
  const events: ExecutionEvent[] = [];
  const timeout =
    options.fetchTimeoutMs === undefined
      ? undefined
      : timeLimited(options.source, clockMs() + options.fetchTimeoutMs, clockMs);
  const plan = await planFor(prepared, options);
  const exec: ExecutionContext = {
    nowNs: options.nowNs,
    source: timeout ? timeout.source : options.source,
    cancel,
    stats: { scannedRecords: 0, scannedBytes: 0 },
    resultCap: options.maxResultRecords + 1,
    ...(options.timezone ? { timezone: options.timezone } : {}),
    limits: options.scanLimitBytes === undefined ? {} : { scanLimitBytes: options.scanLimitBytes },
    report: (e) => events.push(e),
  };
  let stream: AsyncIterable<Row> = (async function* () {})();
  for (const stage of plan.stages) stream = stage(stream, exec);
  const records: Row[] = [];
  const recordBytes = options.recordBytes ?? wireBytes;
  const maxBytes = options.maxResultBytes;
  let bytes = 0;
  let truncated: 'records' | 'bytes' | undefined;
  try {
    for await (const row of stream) {
      if (cancel.cancelled) throw new QueryCancelled();
      if (records.length >= options.maxResultRecords) truncated = 'records';
      else if (maxBytes !== undefined && bytes >= maxBytes) truncated = 'bytes';
      if (truncated) break; // closes the pipeline, which stops the scan
      records.push(row);
      if (maxBytes !== undefined) bytes += recordBytes(row);
    }
    if (cancel.cancelled) throw new QueryCancelled();
  } catch (e) {
    if (e instanceof QueryCancelled) return { state: 'CANCELLED' };
    if (e instanceof QueryFailed) return { state: 'FAILED', error: toQueryError(e.diagnostic) };
    throw e;
  }
  const notifications: MetadataNotification[] = [];
  if (truncated === 'records') notifications.push(resultLimitNotification(options.maxResultRecords));
  if (truncated === 'bytes') notifications.push(resultBytesNotification(maxBytes ?? 0));
  const limits = new Set<number>();
  for (const e of events) if (e.kind === 'scanLimit') limits.add(e.gigabytes);
  for (const gb of limits) notifications.push(scanLimitNotification(gb));
  if (timeout?.timedOut()) notifications.push(fetchTimeoutNotification((options.fetchTimeoutMs ?? 0) / 1000));
  return {
    state: 'SUCCEEDED',
    records,
    analysisTimeframe: prepared.plan.analysisTimeframe,
    scannedRecords: exec.stats.scannedRecords,
    scannedBytes: exec.stats.scannedBytes,
    notifications,
    sampled: events.some((e) => e.kind === 'sampled'),
  };
}
