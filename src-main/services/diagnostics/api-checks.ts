/**
 * Probes of the APIs Bizlens uses, each as harmless as it can be: a query that reads at most one
 * record of the last minute, and an ingest of an empty batch (stores nothing) — the latter only on
 * environments whose safety level is normal; production and read-only ones are never written to.
 */
import { WRITE_SCOPES, queryScopes } from '../../../src-shared/auth/scopes';
import { AppError } from '../../../src-shared/errors';
import type { HttpResponse, HttpSend } from '../../platform/http';
import { sendAuthorized, type Connection } from '../connection';
import type { DiagnosticsTarget } from '../environments';
import type { Purpose } from '../tenant-connection';
import type { Collector } from './collector';

export const PROBE_QUERY = 'fetch bizevents, from: now() - 1m | limit 1';
const QUERY_API = '/platform/storage/query/v1';

export type Connect = (purpose: Purpose) => Promise<Connection>;

export async function checkQueryApi(
  target: DiagnosticsTarget,
  connect: Connect,
  http: HttpSend,
  c: Collector,
  signal: AbortSignal,
): Promise<void> {
  const label = 'Query API (DQL)';
  if (target.authKind === 'apiToken')
    return c.add(
      'query',
      label,
      'skip',
      'API tokens cannot run DQL queries; use an OAuth client or a platform token.',
    );
  if (!target.platformBase) return c.add('query', label, 'skip', 'Managed environments have no query API.');
  if (target.authKind === 'oauth') {
    const reads = queryScopes(target.scopes);
    if (reads.length === 0) return c.add('query', label, 'skip', 'No read scopes are configured.');
    const lacking = reads.filter((s) => c.missing.has(s));
    if (lacking.length)
      return c.add('query', label, 'fail', `Cannot query: the OAuth client lacks ${lacking.join(', ')}.`);
  }
  const started = c.now();
  const res = await call(connect, 'query', c, signal, (conn) =>
    sendAuthorized(conn, http, {
      method: 'POST',
      path: `${QUERY_API}/query:execute`,
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: PROBE_QUERY, requestTimeoutMilliseconds: 5_000, maxResultRecords: 1 }),
      timeoutMs: 30_000,
      signal,
    }),
  );
  if ('error' in res) return c.add('query', label, 'fail', res.error, started);
  const { response, conn } = res;
  if (response.status === 200 || response.status === 202) {
    const token = requestToken(response.text);
    if (response.status === 202 && token) void cancelQuery(conn, http, token);
    return c.add('query', label, 'ok', `Ran "${PROBE_QUERY}" (HTTP ${response.status}).`, started);
  }
  c.add('query', label, 'fail', describeRefusal(response, c, 'run queries'), started);
}

export async function checkIngestApi(
  target: DiagnosticsTarget,
  connect: Connect,
  http: HttpSend,
  c: Collector,
  signal: AbortSignal,
): Promise<void> {
  const label = 'Ingest API (business events)';
  if (target.safety !== 'normal')
    return c.add(
      'ingest',
      label,
      'skip',
      `Not tried: "${target.name}" is ${target.safety === 'production' ? 'a production' : 'a read-only'} environment, and a test never writes to it.`,
    );
  if (target.authKind === 'oauth') {
    const writes = target.scopes.filter((s) => WRITE_SCOPES.includes(s));
    if (writes.length === 0)
      return c.add('ingest', label, 'skip', 'No write scope is configured, so sending events is off.');
    if (writes.every((s) => c.missing.has(s)))
      return c.add(
        'ingest',
        label,
        'fail',
        `Cannot send events: the OAuth client lacks ${writes.join(', ')}.`,
      );
  }
  const started = c.now();
  const res = await call(connect, 'ingest', c, signal, (conn) =>
    sendAuthorized(conn, http, {
      method: 'POST',
      path: conn.ingestPath,
      headers: { 'content-type': 'application/json' },
      // An empty batch: authenticated and authorized like any other, but it stores nothing.
      body: '[]',
      timeoutMs: 30_000,
      signal,
    }),
  );
  if ('error' in res) return c.add('ingest', label, 'fail', res.error, started);
  const { response } = res;
  if (response.status === 202 || response.status === 204)
    return c.add(
      'ingest',
      label,
      'ok',
      `Accepted an empty test batch (HTTP ${response.status}); nothing was stored.`,
      started,
    );
  if (response.status === 400)
    return c.add(
      'ingest',
      label,
      'ok',
      'Authorized; the empty test batch itself was refused (HTTP 400), as expected.',
      started,
    );
  c.add('ingest', label, 'fail', describeRefusal(response, c, 'send events'), started);
}

async function call(
  connect: Connect,
  purpose: Purpose,
  c: Collector,
  signal: AbortSignal,
  send: (conn: Connection) => Promise<HttpResponse>,
): Promise<{ response: HttpResponse; conn: Connection } | { error: string }> {
  try {
    const conn = await connect(purpose);
    const sent = c.now();
    const response = await send(conn);
    c.serverDate(response.headers.get('date'), sent, c.now());
    return { response, conn };
  } catch (err) {
    if (signal.aborted) return { error: 'Cancelled.' };
    if (err instanceof AppError) {
      const missing = err.details?.missingScopes;
      if (Array.isArray(missing)) for (const s of missing) if (typeof s === 'string') c.missing.add(s);
      return { error: err.message };
    }
    return { error: 'The request failed unexpectedly.' };
  }
}

/** A refusal in plain words; 403 bodies that name missing scopes feed the policy suggestion. */
function describeRefusal(res: HttpResponse, c: Collector, action: string): string {
  const envelope = parse(res.text) as
    | { error?: { message?: string; details?: { missingScopes?: unknown; errorMessage?: string } } }
    | undefined;
  const missing = Array.isArray(envelope?.error?.details?.missingScopes)
    ? envelope.error.details.missingScopes.filter((s): s is string => typeof s === 'string')
    : [];
  for (const s of missing) c.missing.add(s);
  const serverSays = (envelope?.error?.details?.errorMessage ?? envelope?.error?.message ?? '').slice(0, 300);
  switch (res.status) {
    case 401:
      return `The credentials were refused (HTTP 401)${serverSays ? `: ${serverSays}` : ''}. Check the secret or token.`;
    case 403:
      return missing.length
        ? `Not allowed to ${action} (HTTP 403): missing ${missing.join(', ')}.`
        : `Not allowed to ${action} (HTTP 403)${serverSays ? `: ${serverSays}` : ''}. Check the IAM policy of the client's service user.`;
    case 404:
      return 'Not found (HTTP 404): is the environment URL right?';
    default:
      return `HTTP ${res.status}${serverSays ? `: ${serverSays}` : ''}.`;
  }
}

function requestToken(text: string): string | null {
  const body = parse(text) as { requestToken?: unknown } | undefined;
  return typeof body?.requestToken === 'string' ? body.requestToken : null;
}

async function cancelQuery(conn: Connection, http: HttpSend, token: string): Promise<void> {
  try {
    await sendAuthorized(conn, http, {
      method: 'POST',
      path: `${QUERY_API}/query:cancel?request-token=${encodeURIComponent(token)}`,
      timeoutMs: 10_000,
    });
  } catch {
    // Best effort: an abandoned probe query expires on the server anyway.
  }
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
