/**
 * Runs DQL through the Grail Query API: execute → long-poll → (cancel). Progress is pushed to the
 * caller; cancellation is a state, not an error. Error envelopes become positioned AppErrors.
 */
import { z } from 'zod';
import { AppError } from '../../src-shared/errors';
import type {
  QueryExecuteRequest,
  QueryOutcome,
  QueryVerifyResult,
  VerifyProblem,
} from '../../src-shared/ipc/contract';
import type { CallContext } from '../ipc/handler-types';
import {
  MetadataNotification,
  QueryErrorEnvelope,
  QueryPollResponse,
  QueryStartResponse,
  type QueryResult,
} from '../../src-shared/grail/wire';
import type { HttpResponse, HttpSend } from '../platform/http';
import { sendAuthorized, type Connection } from './connection';

const QUERY_API = '/platform/storage/query/v1';
/** How long execute may hold the request before handing out a request token. */
const EXECUTE_WAIT_MS = 1_000;
/** Server-side long-poll per poll request. */
const POLL_WAIT_MS = 2_000;

interface Running {
  controller: AbortController;
}

export class QueryService {
  private readonly running = new Map<string, Running>();

  constructor(
    private readonly connect: (environmentId: string) => Promise<Connection>,
    private readonly http: HttpSend,
    private readonly now: () => number = performance.now.bind(performance),
  ) {}

  async execute(req: QueryExecuteRequest, ctx: CallContext): Promise<QueryOutcome> {
    if (this.running.has(req.requestId))
      throw new AppError('DUPLICATE_REQUEST', 'This query is already running.');
    const controller = new AbortController();
    const signal = AbortSignal.any([controller.signal, ctx.signal]);
    this.running.set(req.requestId, { controller });
    const started = this.now();
    const progress = (state: 'RUNNING' | 'SUCCEEDED' | 'CANCELLED', value?: number): void =>
      ctx.emit('query:progress', {
        requestId: req.requestId,
        state,
        ...(value === undefined ? {} : { progress: value }),
      });
    let conn: Connection | undefined;
    let requestToken: string | undefined;
    try {
      conn = await this.connect(req.environmentId);
      progress('RUNNING', 0);
      const start = await this.call(conn, 'POST', '/query:execute', signal, {
        query: req.query,
        requestTimeoutMilliseconds: EXECUTE_WAIT_MS,
        ...(req.defaultTimeframeStart && req.defaultTimeframeEnd
          ? { defaultTimeframeStart: req.defaultTimeframeStart, defaultTimeframeEnd: req.defaultTimeframeEnd }
          : {}),
        ...(req.timezone ? { timezone: req.timezone } : {}),
        ...(req.maxResultRecords ? { maxResultRecords: req.maxResultRecords } : {}),
        ...(req.maxResultBytes ? { maxResultBytes: req.maxResultBytes } : {}),
        ...(req.defaultScanLimitGbytes ? { defaultScanLimitGbytes: req.defaultScanLimitGbytes } : {}),
      });
      let state = QueryStartResponse.parse(start);
      requestToken = state.requestToken;
      while (
        !state.result &&
        (state.state === 'RUNNING' || state.state === 'NOT_STARTED' || state.state === 'SUCCEEDED')
      ) {
        if (!requestToken)
          throw new AppError('QUERY_PROTOCOL', 'The server neither returned a result nor a request token.');
        progress('RUNNING', state.progress);
        const query = `?request-token=${encodeURIComponent(requestToken)}&request-timeout-milliseconds=${POLL_WAIT_MS}`;
        state = QueryPollResponse.parse(await this.call(conn, 'GET', `/query:poll${query}`, signal));
      }
      if (state.state !== 'SUCCEEDED' || !state.result) {
        if (state.state === 'CANCELLED') return this.cancelled(started, progress);
        throw new AppError('QUERY_FAILED', `The query ended in state ${state.state}.`);
      }
      progress('SUCCEEDED', 100);
      return {
        state: 'SUCCEEDED',
        result: state.result satisfies QueryResult,
        durationMs: this.elapsed(started),
      };
    } catch (err) {
      if (controller.signal.aborted || ctx.signal.aborted) {
        if (conn && requestToken) void this.cancelOnServer(conn, requestToken);
        return this.cancelled(started, progress);
      }
      throw err;
    } finally {
      this.running.delete(req.requestId);
    }
  }

  /**
   * Asks Grail's `query:verify` about a query without running it; its notifications come back as
   * problems at offsets into `query` (the server's TokenPosition indexes, end made exclusive).
   */
  async verify(environmentId: string, query: string, signal: AbortSignal): Promise<QueryVerifyResult> {
    const conn = await this.connect(environmentId);
    const body = VerifyResponse.safeParse(await this.call(conn, 'POST', '/query:verify', signal, { query }));
    if (!body.success)
      throw new AppError('QUERY_PROTOCOL', 'The query:verify answer does not have the documented shape.');
    const problems = (body.data.notifications ?? []).map((n) => toProblem(n, query.length));
    return { valid: body.data.valid, problems };
  }

  cancel(requestId: string): boolean {
    const run = this.running.get(requestId);
    if (!run) return false;
    run.controller.abort();
    return true;
  }

  private cancelled(started: number, progress: (s: 'CANCELLED') => void): QueryOutcome {
    progress('CANCELLED');
    return { state: 'CANCELLED', durationMs: this.elapsed(started) };
  }

  private async cancelOnServer(conn: Connection, token: string): Promise<void> {
    try {
      await sendAuthorized(conn, this.http, {
        method: 'POST',
        path: `${QUERY_API}/query:cancel?request-token=${encodeURIComponent(token)}`,
        timeoutMs: 10_000,
      });
    } catch {
      // Best effort: the server discards abandoned queries after their TTL anyway.
    }
  }

  private async call(
    conn: Connection,
    method: 'GET' | 'POST',
    path: string,
    signal: AbortSignal,
    body?: unknown,
  ): Promise<unknown> {
    const res = await sendAuthorized(conn, this.http, {
      method,
      path: QUERY_API + path,
      headers: { accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
      signal,
      timeoutMs: 60_000,
    });
    if (res.status === 200 || res.status === 202) return parseBody(res);
    throw queryError(res);
  }

  private elapsed(started: number): number {
    return Math.round(this.now() - started);
  }
}

const VerifyResponse = z.object({
  valid: z.boolean(),
  notifications: z.array(MetadataNotification).optional(),
});

function toProblem(n: MetadataNotification, length: number): VerifyProblem {
  const severity = n.severity?.toUpperCase();
  const pos = n.syntaxPosition;
  // Without a position the whole query is meant.
  const start = clamp(pos?.start.index ?? 0, length);
  const end = pos ? clamp(pos.end.index + 1, length) : length;
  return {
    severity: severity === 'WARNING' ? 'warning' : severity === 'INFO' ? 'info' : 'error',
    message: (n.message ?? n.notificationType ?? 'Grail reported a problem.').slice(0, 4_000),
    start,
    end: Math.max(start, end),
    ...(n.notificationType ? { code: n.notificationType.slice(0, 200) } : {}),
  };
}

function clamp(n: number, length: number): number {
  return Math.min(Math.max(0, Math.trunc(n)), length);
}

function parseBody(res: HttpResponse): unknown {
  try {
    return JSON.parse(res.text);
  } catch {
    throw new AppError(
      'QUERY_PROTOCOL',
      `The server answered HTTP ${res.status} with a body that is not JSON.`,
    );
  }
}

function queryError(res: HttpResponse): AppError {
  let json: unknown;
  try {
    json = JSON.parse(res.text);
  } catch {
    json = undefined;
  }
  const env = QueryErrorEnvelope.safeParse(json);
  if (res.status === 410)
    return new AppError('QUERY_GONE', 'The query result is no longer available. Run it again.');
  if (!env.success)
    return new AppError('QUERY_FAILED', `The query API answered HTTP ${res.status}.`, { status: res.status });
  const d = env.data.error.details;
  const code = res.status === 401 || res.status === 403 ? 'AUTH_FORBIDDEN' : 'QUERY_FAILED';
  const missing = d?.missingScopes?.length ? ` Missing scopes: ${d.missingScopes.join(', ')}.` : '';
  return new AppError(code, `${d?.errorMessage ?? env.data.error.message}${missing}`, {
    status: res.status,
    ...(d?.errorType ? { errorType: d.errorType } : {}),
    ...(d?.syntaxErrorPosition ? { syntaxErrorPosition: d.syntaxErrorPosition } : {}),
  });
}
