/**
 * Posts one batch with retries: 429 and 5xx answers and network trouble are retried with
 * exponential backoff (honouring `Retry-After`); 202 is success; 400 is partial success (the valid
 * events were stored, the `errors` list names the rest); anything else stops the job with a reason.
 */
import { AppError } from '../../../src-shared/errors';
import type { HttpSend } from '../../platform/http';
import { sendAuthorized } from '../connection';
import type { Connection } from '../connection';
import { retryAfter } from '../ingest-service';

export interface PostOutcome {
  /** Events the server rejected (they were not stored). */
  failed: number;
}

export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 10, baseDelayMs: 500, maxDelayMs: 30_000 };

export interface PostContext {
  conn: Connection;
  http: HttpSend;
  contentType: string;
  signal: AbortSignal;
  retry: RetryPolicy;
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Told before each wait, so the progress can say why nothing moves. */
  onRetry: (reason: string, delayMs: number) => void;
}

export async function postBatch(body: string, count: number, ctx: PostContext): Promise<PostOutcome> {
  for (let attempt = 1; ; attempt++) {
    let reason: string;
    let delayMs = backoff(attempt, ctx.retry);
    // A signal per request, linked to the job's and unlinked after: signals combined from the
    // job's long-lived one (AbortSignal.any) would keep every finished request reachable.
    const request = new AbortController();
    const abort = () => request.abort();
    ctx.signal.addEventListener('abort', abort, { once: true });
    try {
      const res = await sendAuthorized(ctx.conn, ctx.http, {
        method: 'POST',
        path: ctx.conn.ingestPath,
        headers: { 'content-type': ctx.contentType },
        body,
        signal: request.signal,
        timeoutMs: 120_000,
      });
      if (res.status >= 200 && res.status < 300) return { failed: 0 };
      if (res.status === 400) return { failed: rejectedCount(res.text, count) };
      if (res.status !== 429 && res.status < 500) throw new AppError('BULK_REFUSED', refusal(res.status));
      reason = `HTTP ${res.status}`;
      const after = retryAfter(res.headers.get('retry-after'), Date.now());
      if (after !== undefined) delayMs = Math.min(after * 1000, 10 * ctx.retry.maxDelayMs);
    } catch (err) {
      if (ctx.signal.aborted) throw new AppError('CANCELLED', 'The job was stopped.');
      if (!(err instanceof AppError) || !err.retryable) throw err;
      reason = err.message;
    } finally {
      ctx.signal.removeEventListener('abort', abort);
    }
    if (attempt >= ctx.retry.attempts)
      throw new AppError('BULK_GAVE_UP', `Gave up after ${attempt} attempts (${reason}).`, {}, true);
    ctx.onRetry(reason, delayMs);
    await ctx.sleep(delayMs, ctx.signal);
  }
}

/** Exponential with full jitter (AWS architecture blog), capped. */
function backoff(attempt: number, p: RetryPolicy): number {
  const cap = Math.min(p.maxDelayMs, p.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(cap / 2 + (Math.random() * cap) / 2);
}

/** Per-event errors of a 400; a 400 without the list means nothing of the batch was stored. */
function rejectedCount(text: string, count: number): number {
  try {
    const body = JSON.parse(text) as { errors?: unknown };
    if (Array.isArray(body.errors) && body.errors.length > 0) return Math.min(body.errors.length, count);
  } catch {
    // fall through: an unreadable 400 rejected the whole request
  }
  return count;
}

function refusal(status: number): string {
  switch (status) {
    case 401:
    case 403:
      return `The environment refused the token (HTTP ${status}): sending needs the scope bizevents.ingest (API token) or storage:events:write (OAuth).`;
    case 413:
      return 'A batch was over the request size limit (HTTP 413): lower the events per batch.';
    default:
      return `The environment answered HTTP ${status}; the job stopped.`;
  }
}

export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new AppError('CANCELLED', 'The job was stopped.'));
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AppError('CANCELLED', 'The job was stopped.'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
