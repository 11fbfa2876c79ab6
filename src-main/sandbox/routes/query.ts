/**
 * Grail Query API (reference §2): `query:execute`, `query:poll`, `query:cancel` under
 * /platform/storage/query/v1. Bearer only. Syntax and semantic errors are answered by execute at
 * once (400 ErrorEnvelope with positions); permissions follow the planned tables (bizevents needs
 * storage:bizevents:read and storage:buckets:read, else 403 with missingScopes); the query then runs
 * as a job that execute and poll wait on for at most their request timeout.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { prepareQuery, runPrepared } from '../../../src-shared/dql/engine';
import type { PreparedQuery, RunOptions, RunOutcome, TimeframeNs } from '../../../src-shared/dql/engine';
import type { Row } from '../../../src-shared/grail/values';
import { buildTypes, toWireRow } from '../../../src-shared/grail/serialize';
import { UTC, formatTimestamp, parseRfc3339, resolveTimezone } from '../../../src-shared/grail/timestamp';
import type { Timezone } from '../../../src-shared/grail/timestamp';
import { ExecuteRequest } from '../../../src-shared/grail/wire';
import type { QueryResult } from '../../../src-shared/grail/wire';
import { dqlError, queryApiError } from '../envelopes';
import { sendEmpty, sendJson } from '../http-util';
import type { RequestContext } from '../http-util';
import type { JobOutcome, QueryJob } from '../jobs';
import { authorize, badRequest, readJsonBody } from './query-request';
import { missingScopes } from '../request-auth';
import type { SandboxDeps } from '../sandbox-deps';

const MAX_WAIT_MS = 60_000;
/** ⚠ The API does not state a default; 1000 is the limit every client observes. */
export const DEFAULT_MAX_RESULT_RECORDS = 1000;
/** fetchTimeoutSeconds: "engine default typically 300 s, max typically 900 s" (reference §2.2). */
const DEFAULT_FETCH_TIMEOUT_SECONDS = 300;
const MAX_FETCH_TIMEOUT_SECONDS = 900;
const BYTES_PER_GB = 1e9;
/**
 * ⚠ Without requestTimeoutMilliseconds execute answers at once (202 + requestToken) and the result
 * is polled, as in the documented execute → poll example.
 */
const DEFAULT_REQUEST_TIMEOUT_MS = 0;

/**
 * Read scopes per Grail table (reference §2.1: the table's scope + storage:buckets:read). Tables
 * the sandbox does not store are empty, but reading them still takes their scope.
 */
function tableScopes(table: string): readonly string[] {
  if (table.startsWith('dt.system.')) return ['storage:system:read'];
  if (table.startsWith('dt.davis.')) return ['storage:events:read', 'storage:buckets:read'];
  return [`storage:${table}:read`, 'storage:buckets:read'];
}

const ExecuteBody = ExecuteRequest.extend({
  query: z.string().max(1_000_000),
  timezone: z.string().max(100).optional(),
  locale: z.string().max(50).optional(),
  maxResultRecords: z.number().int().min(0).optional(),
  maxResultBytes: z.number().min(0).optional(),
  fetchTimeoutSeconds: z.number().positive().optional(),
  requestTimeoutMilliseconds: z.number().int().min(0).optional(),
  defaultScanLimitGbytes: z.number().min(-1).optional(),
});
type ExecuteBody = z.infer<typeof ExecuteBody>;

export async function handleExecute(ctx: RequestContext, deps: SandboxDeps): Promise<void> {
  const principal = authorize(ctx, deps);
  if (!principal) return;
  const request = await readJsonBody(ctx, ExecuteBody);
  if (!request) return;
  const zone = resolveTimezone(request.timezone);
  if (!zone) {
    return badRequest(ctx, `The timezone '${request.timezone ?? ''}' is not valid.`, [
      { message: 'unknown timezone', parameterDescriptor: 'timezone', parameterLocation: 'PAYLOAD_BODY' },
    ]);
  }
  const defaults = requestDefaultTimeframe(request);
  if (defaults === 'invalid') {
    return badRequest(
      ctx,
      'defaultTimeframeStart/defaultTimeframeEnd must be RFC 3339 timestamps, start before end.',
      [
        {
          message: 'invalid timestamp',
          parameterDescriptor: 'defaultTimeframeStart',
          parameterLocation: 'PAYLOAD_BODY',
        },
      ],
    );
  }

  const nowNs = deps.now();
  const queryId = randomUUID();
  const prepared = prepareQuery(request.query, { nowNs, defaultTimeframe: defaults, timezone: zone });
  if (!prepared.ok) return sendJson(ctx, 400, dqlError(prepared.error, request.query, queryId));

  const required = [...new Set(prepared.prepared.plan.tables.flatMap(tableScopes))];
  const missing = missingScopes(principal, required);
  if (missing.length > 0) {
    return sendJson(
      ctx,
      403,
      queryApiError(403, 'Insufficient permissions.', {
        errorType: 'INSUFFICIENT_PERMISSION',
        missingScopes: missing,
        missingPermissions: missing,
        queryId,
      }),
    );
  }

  const job = deps.jobs.start((cancel) =>
    runJob(deps, prepared.prepared, request, zone, queryId, nowNs, cancel),
  );
  if (!job)
    return sendJson(
      ctx,
      429,
      queryApiError(429, 'Too many queries are held by the sandbox; poll or cancel some first.'),
    );
  await deps.jobs.waitFor(
    job,
    Math.min(request.requestTimeoutMilliseconds ?? DEFAULT_REQUEST_TIMEOUT_MS, MAX_WAIT_MS),
  );
  if (job.state === 'RUNNING') {
    return sendJson(ctx, 202, {
      state: 'RUNNING',
      requestToken: job.requestToken,
      ttlSeconds: deps.jobs.ttlSeconds(job),
      progress: 0,
    });
  }
  // Finished in time: the answer carries the result and no token, so the job is not kept.
  deps.jobs.delete(job.requestToken);
  respondFinished(ctx, deps, job);
}

function requestDefaultTimeframe(r: ExecuteBody): TimeframeNs | undefined | 'invalid' {
  // Used only if both are given (SDK doc); one alone is ignored.
  if (r.defaultTimeframeStart === undefined || r.defaultTimeframeEnd === undefined) return undefined;
  const startNs = parseRfc3339(r.defaultTimeframeStart);
  const endNs = parseRfc3339(r.defaultTimeframeEnd);
  if (startNs === undefined || endNs === undefined || startNs > endNs) return 'invalid';
  return { startNs, endNs };
}

async function runJob(
  deps: SandboxDeps,
  prepared: PreparedQuery,
  request: ExecuteBody,
  zone: Timezone,
  queryId: string,
  nowNs: bigint,
  cancel: { readonly cancelled: boolean },
): Promise<JobOutcome> {
  await deps.executionGate?.(request.query);
  const started = performance.now();
  const run = await runPrepared(prepared, {
    ...runLimits(request, zone),
    timezone: zone,
    source: deps.store,
    nowNs,
    cancel,
  });
  if (run.state === 'CANCELLED') return { kind: 'cancelled' };
  if (run.state === 'FAILED')
    return { kind: 'failed', status: 400, body: dqlError(run.error, request.query, queryId) };
  const executionTimeMilliseconds = Math.round(performance.now() - started);
  return {
    kind: 'succeeded',
    result: buildResult(run, prepared, request, zone, queryId, executionTimeMilliseconds),
  };
}

/**
 * The request's limits as the engine takes them. defaultSamplingRatio is not among them: it
 * applies to log queries only, and the sandbox holds no logs.
 */
function runLimits(request: ExecuteBody, zone: Timezone): Omit<RunOptions, 'source' | 'nowNs' | 'cancel'> {
  const scanLimit = request.defaultScanLimitGbytes;
  const timeoutSeconds = Math.min(
    request.fetchTimeoutSeconds ?? DEFAULT_FETCH_TIMEOUT_SECONDS,
    MAX_FETCH_TIMEOUT_SECONDS,
  );
  return {
    maxResultRecords: request.maxResultRecords ?? DEFAULT_MAX_RESULT_RECORDS,
    ...(request.maxResultBytes === undefined
      ? {}
      : {
          maxResultBytes: request.maxResultBytes,
          recordBytes: (row: Row) => Buffer.byteLength(JSON.stringify(toWireRow(row, zone))),
        }),
    fetchTimeoutMs: timeoutSeconds * 1000,
    clockMs: () => performance.now(),
    ...(scanLimit === undefined || scanLimit < 0 ? {} : { scanLimitBytes: scanLimit * BYTES_PER_GB }),
  };
}

function buildResult(
  run: Extract<RunOutcome, { state: 'SUCCEEDED' }>,
  prepared: PreparedQuery,
  request: ExecuteBody,
  zone: Timezone,
  queryId: string,
  executionTimeMilliseconds: number,
): QueryResult {
  const tf = run.analysisTimeframe;
  return {
    records: run.records.map((r) => toWireRow(r, zone)),
    types: request.includeTypes === false ? [] : buildTypes(run.records),
    metadata: {
      grail: {
        canonicalQuery: prepared.canonicalQuery,
        timezone: zone.id,
        query: prepared.query,
        scannedRecords: run.scannedRecords,
        dqlVersion: 'V1_0',
        scannedBytes: run.scannedBytes,
        scannedDataPoints: 0,
        ...(tf
          ? {
              analysisTimeframe: {
                start: formatTimestamp(tf.startNs, UTC),
                end: formatTimestamp(tf.endNs, UTC),
              },
            }
          : {}),
        locale: request.locale ?? '',
        executionTimeMilliseconds,
        notifications: run.notifications,
        queryId,
        sampled: run.sampled,
        ...(request.includeContributions
          ? {
              contributions: {
                buckets: prepared.plan.tables.includes('bizevents')
                  ? [
                      {
                        name: 'default_bizevents',
                        table: 'bizevents',
                        scannedBytes: run.scannedBytes,
                        matchedRecordsRatio: 1,
                      },
                    ]
                  : [],
              },
            }
          : {}),
      },
    },
  };
}

function respondFinished(ctx: RequestContext, deps: SandboxDeps, job: QueryJob): void {
  const outcome = job.outcome;
  if (outcome?.kind === 'succeeded') {
    return sendJson(ctx, 200, {
      state: 'SUCCEEDED',
      progress: 100,
      ttlSeconds: deps.jobs.ttlSeconds(job),
      result: outcome.result,
    });
  }
  if (outcome?.kind === 'failed') return sendJson(ctx, outcome.status, outcome.body);
  return sendGone(ctx);
}

function sendGone(ctx: RequestContext): void {
  sendJson(
    ctx,
    410,
    queryApiError(410, 'The query for the given request-token is not available anymore.', {
      errorType: 'QUERY_GONE',
      exceptionType: 'GONE',
    }),
  );
}

/** request-token (required) and request-timeout-milliseconds (optional, integer ≥ 0). */
function pollParams(ctx: RequestContext): { token: string; waitMs: number } | undefined {
  const token = ctx.url.searchParams.get('request-token');
  if (!token) {
    badRequest(ctx, 'The request-token parameter is required.', [
      { message: 'must not be empty', parameterDescriptor: 'request-token', parameterLocation: 'QUERY' },
    ]);
    return undefined;
  }
  const rawWait = ctx.url.searchParams.get('request-timeout-milliseconds');
  const waitMs = rawWait === null ? 0 : Number(rawWait);
  if (!Number.isInteger(waitMs) || waitMs < 0) {
    badRequest(ctx, 'request-timeout-milliseconds must be a non-negative integer.', [
      {
        message: 'invalid value',
        parameterDescriptor: 'request-timeout-milliseconds',
        parameterLocation: 'QUERY',
      },
    ]);
    return undefined;
  }
  return { token, waitMs: Math.min(waitMs, MAX_WAIT_MS) };
}

export async function handlePoll(ctx: RequestContext, deps: SandboxDeps): Promise<void> {
  if (!authorize(ctx, deps)) return;
  const params = pollParams(ctx);
  if (!params) return;
  const job = deps.jobs.get(params.token);
  if (!job) return sendGone(ctx);
  await deps.jobs.waitFor(job, params.waitMs);
  if (job.state === 'RUNNING')
    return sendJson(ctx, 200, { state: 'RUNNING', progress: 0, ttlSeconds: deps.jobs.ttlSeconds(job) });
  // A result stays pollable until its TTL ends; a failure (or cancellation) is reported once.
  if (job.state !== 'SUCCEEDED') deps.jobs.delete(job.requestToken);
  respondFinished(ctx, deps, job);
}

export async function handleCancel(ctx: RequestContext, deps: SandboxDeps): Promise<void> {
  if (!authorize(ctx, deps)) return;
  const token = ctx.url.searchParams.get('request-token');
  if (!token) {
    return badRequest(ctx, 'The request-token parameter is required.', [
      { message: 'must not be empty', parameterDescriptor: 'request-token', parameterLocation: 'QUERY' },
    ]);
  }
  const job = deps.jobs.get(token);
  if (!job) return sendGone(ctx);
  if (job.state === 'SUCCEEDED') {
    deps.jobs.delete(token);
    return respondFinished(ctx, deps, job); // "the query had already finished": 200 with the result
  }
  deps.jobs.cancel(token);
  sendEmpty(ctx, 202);
}
