/**
 * Query entry points: prepareQuery (parse + plan, synchronous, never throws) and runPrepared
 * (streams the plan over a DataSource and caps the result). Errors come out as QueryError data
 * carrying everything the Query API error envelope needs.
 */
import type { MetadataNotification } from '../../grail/wire';
import type { Row } from '../../grail/values';
import { codeInfo } from '../diagnostics';
import type { Diagnostic } from '../diagnostics';
import { formatCanonical } from '../format';
import { parse } from '../parser';
import type { Span } from '../source-span';
import { planQuery } from './planner';
import type { PlanOptions } from './planner';
import { QueryCancelled } from './types';
import type { CancellationToken, DataSource, ExecutionContext, Plan, TimeframeNs } from './types';

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

export function prepareQuery(query: string, options: PlanOptions): PrepareOutcome {
  const parsed = parse(query);
  const syntaxError = parsed.diagnostics.find((d) => d.severity === 'error');
  if (syntaxError) return { ok: false, error: toQueryError(syntaxError), diagnostics: parsed.diagnostics };
  const { plan, diagnostics } = planQuery(parsed.ast, options);
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
    prepared: { query, canonicalQuery: formatCanonical(parsed.ast), plan },
    diagnostics: all,
  };
}

export interface RunOptions {
  readonly source: DataSource;
  readonly nowNs: bigint;
  readonly maxResultRecords: number;
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
    }
  | { state: 'CANCELLED' };

export function resultLimitNotification(limit: number): MetadataNotification {
  return {
    severity: 'WARNING',
    notificationType: 'RESULT_LIMIT_RECORDS',
    message: `Your result has been limited to ${limit}.`,
    messageFormat: 'Your result has been limited to %1$s.',
    arguments: [String(limit)],
    messageFormatSpecifierTypes: ['NUMBER'],
  };
}

/** Runs a prepared plan. Storage failures reject (the caller maps them to an internal error). */
export async function runPrepared(prepared: PreparedQuery, options: RunOptions): Promise<RunOutcome> {
  const cancel = options.cancel ?? { cancelled: false };
  const exec: ExecutionContext = {
    nowNs: options.nowNs,
    source: options.source,
    cancel,
    stats: { scannedRecords: 0, scannedBytes: 0 },
    resultCap: options.maxResultRecords + 1,
  };
  let stream: AsyncIterable<Row> = (async function* () {})();
  for (const stage of prepared.plan.stages) stream = stage(stream, exec);
  const records: Row[] = [];
  let truncated = false;
  try {
    for await (const row of stream) {
      if (cancel.cancelled) throw new QueryCancelled();
      if (records.length >= options.maxResultRecords) {
        truncated = true;
        break; // closes the pipeline, which stops the scan
      }
      records.push(row);
    }
    if (cancel.cancelled) throw new QueryCancelled();
  } catch (e) {
    if (e instanceof QueryCancelled) return { state: 'CANCELLED' };
    throw e;
  }
  return {
    state: 'SUCCEEDED',
    records,
    analysisTimeframe: prepared.plan.analysisTimeframe,
    scannedRecords: exec.stats.scannedRecords,
    scannedBytes: exec.stats.scannedBytes,
    notifications: truncated ? [resultLimitNotification(options.maxResultRecords)] : [],
  };
}
