/**
 * The Bizlens sandbox: a local, Dynatrace-compatible HTTP server (SSO token endpoint, classic and
 * platform bizevents ingest, Grail Query API) over a durable DuckDB store. Clients, including the
 * official SDKs, talk to it exactly as to a tenant: point the base URL at `RunningSandbox.url` and
 * the token URL at `${url}/sso/oauth2/token`.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TokenService } from './auth';
import { DEV_API_TOKEN_CREDENTIALS, DEV_CLIENT } from './dev-credentials';
import type { ApiTokenCredentials, ClientCredentials } from './dev-credentials';
import { environmentError } from './envelopes';
import { discardUnreadBody, sendJson } from './http-util';
import type { RequestContext } from './http-util';
import { JobRegistry } from './jobs';
import { handleAutocomplete, handleParse, handleVerify } from './routes/assist';
import { handleIngest } from './routes/ingest';
import { handleCancel, handleExecute, handlePoll } from './routes/query';
import { handleToken } from './routes/sso';
import type { SandboxDeps } from './sandbox-deps';
import { openEventStore } from './store';

export interface SandboxOptions {
  /** Interface to listen on; default 127.0.0.1 (the sandbox is for this machine only). */
  host?: string;
  /** 0 picks a free port. */
  port: number;
  /** Where events (and the token signing key) are kept across restarts. */
  dataDir: string;
  /** OAuth clients; default the well-known development client (dev-credentials.ts). */
  clients?: { clientId: string; clientSecret: string; scopes: string[] }[];
  /** Classic API tokens; default the well-known development token. */
  apiTokens?: { token: string; scopes: string[] }[];
  /** Clock in ns since epoch; default the system clock. */
  now?: () => bigint;
  /** Diagnostic log lines (never containing credentials); default silent. */
  log?: (line: string) => void;
  /** Test seam: awaited before each query job runs, to hold jobs in RUNNING deterministically. */
  executionGate?: (query: string) => Promise<void>;
  /** How long finished query results stay pollable; default 120 s. */
  resultTtlSeconds?: number;
}

export interface RunningSandbox {
  /** Base URL, e.g. http://127.0.0.1:49152 (no trailing slash). */
  url: string;
  close(): Promise<void>;
}

type Handler = (ctx: RequestContext, deps: SandboxDeps) => Promise<void>;

const QUERY_BASE = '/platform/storage/query/v1';
const ROUTES: Readonly<Record<string, Partial<Record<string, Handler>>>> = {
  '/sso/oauth2/token': { POST: handleToken },
  '/api/v2/bizevents/ingest': { POST: (ctx, deps) => handleIngest(ctx, deps, 'classic') },
  '/platform/classic/environment-api/v2/bizevents/ingest': {
    POST: (ctx, deps) => handleIngest(ctx, deps, 'platform'),
  },
  [`${QUERY_BASE}/query:execute`]: { POST: handleExecute },
  [`${QUERY_BASE}/query:poll`]: { GET: handlePoll },
  [`${QUERY_BASE}/query:cancel`]: { POST: handleCancel },
  [`${QUERY_BASE}/query:verify`]: { POST: handleVerify },
  [`${QUERY_BASE}/query:parse`]: { POST: handleParse },
  [`${QUERY_BASE}/query:autocomplete`]: { POST: handleAutocomplete },
};

/** Wall clock with microsecond resolution, in ns. */
const systemNow = (): bigint =>
  BigInt(Math.round((performance.timeOrigin + performance.now()) * 1000)) * 1000n;

export async function startSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  const now = options.now ?? systemNow;
  const log = options.log ?? (() => undefined);
  const clients: ClientCredentials[] = options.clients?.length
    ? options.clients.map((c) => ({ ...c, scopes: [...c.scopes] }))
    : [DEV_CLIENT];
  const apiTokens: ApiTokenCredentials[] = options.apiTokens?.length
    ? options.apiTokens.map((t) => ({ ...t, scopes: [...t.scopes] }))
    : [DEV_API_TOKEN_CREDENTIALS];

  const store = await openEventStore(options.dataDir);
  const tokens = await TokenService.load(options.dataDir).catch(async (err: unknown) => {
    await store.close();
    throw err;
  });
  const jobs = new JobRegistry({
    ttlSeconds: options.resultTtlSeconds ?? 120,
    now,
    maxJobs: 1000,
    onError: (err) => log(`query job failed: ${describe(err)}`),
  });
  const deps: SandboxDeps = {
    store,
    tokens,
    jobs,
    clients,
    apiTokens,
    now,
    log,
    executionGate: options.executionGate,
  };

  const server = createServer((req, res) => void handle(req, res, deps));
  server.keepAliveTimeout = 5_000;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    await jobs.shutdown();
    await store.close();
    throw err;
  }
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${address.port}`,
    close(): Promise<void> {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await closed;
        await jobs.shutdown();
        await store.close();
      })();
      return closing;
    },
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, deps: SandboxDeps): Promise<void> {
  const started = performance.now();
  let url: URL;
  try {
    url = new URL(req.url ?? '/', 'http://sandbox.invalid');
  } catch {
    url = new URL('http://sandbox.invalid/');
  }
  const ctx: RequestContext = { req, res, url };
  try {
    const methods = ROUTES[url.pathname];
    const handler = methods?.[req.method ?? ''];
    if (handler) await handler(ctx, deps);
    else if (methods)
      sendJson(ctx, 405, environmentError(405, `Method ${req.method ?? ''} is not allowed here.`), {
        allow: Object.keys(methods).join(', '),
      });
    else sendJson(ctx, 404, environmentError(404, 'Not found.'));
  } catch (err) {
    deps.log(`${req.method ?? ''} ${url.pathname} failed: ${describe(err)}`);
    if (!res.headersSent) sendJson(ctx, 500, environmentError(500, 'An internal error occurred.'));
    else res.destroy();
  } finally {
    discardUnreadBody(req);
  }
  // Path only: query strings (request tokens) and headers (credentials) are never logged.
  deps.log(
    `${req.method ?? ''} ${url.pathname} ${res.statusCode} ${Math.round(performance.now() - started)}ms`,
  );
}

function describe(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}
