/**
 * Applies the fault spec to one request before its route runs: only ingest and query endpoints
 * (the SSO endpoint stays reliable so clients can always get a token). Answers in the envelope of
 * the endpoint's API family; 429 carries `Retry-After` as the real rate limiter does.
 */
import { environmentError, queryApiError } from './envelopes';
import type { FaultInjector } from './faults';
import { sendJson } from './http-util';
import type { RequestContext } from './http-util';
import { nowSeconds } from './sandbox-deps';
import type { SandboxDeps } from './sandbox-deps';

const INGEST_PATHS = new Set([
  '/api/v2/bizevents/ingest',
  '/platform/classic/environment-api/v2/bizevents/ingest',
]);
const QUERY_PREFIX = '/platform/storage/query/v1/';

export function faultFamily(pathname: string): 'ingest' | 'query' | undefined {
  if (INGEST_PATHS.has(pathname)) return 'ingest';
  if (pathname.startsWith(QUERY_PREFIX)) return 'query';
  return undefined;
}

/** Returns true when the request was answered here (the route must not run). */
export async function applyFaults(
  ctx: RequestContext,
  deps: SandboxDeps,
  injector: FaultInjector,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): Promise<boolean> {
  const family = faultFamily(ctx.url.pathname);
  if (!family) return false;
  const decision = injector.next();
  if (decision.latencyMs > 0) await sleep(decision.latencyMs);
  const error = (code: number, message: string) =>
    family === 'query' ? queryApiError(code, message) : environmentError(code, message);
  if (decision.status === 429) {
    sendJson(ctx, 429, error(429, 'Too many requests (injected by the sandbox fault spec).'), {
      'retry-after': String(injector.spec.retryAfterSeconds),
    });
    return true;
  }
  if (decision.status === 503) {
    sendJson(ctx, 503, error(503, 'Service unavailable (injected by the sandbox fault spec).'));
    return true;
  }
  if (injector.spec.tokenTtlSeconds !== undefined) {
    const m = /^\s*bearer\s+(\S+)\s*$/i.exec(ctx.req.headers.authorization ?? '');
    const now = nowSeconds(deps);
    const verified = m?.[1] ? deps.tokens.verify(m[1], now) : undefined;
    if (verified?.ok && injector.tokenExpiredEarly(verified.claims.iat, now)) {
      sendJson(ctx, 401, error(401, 'The access token has expired.'));
      return true;
    }
  }
  return false;
}
