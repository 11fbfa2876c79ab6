/**
 * The Bizlens sandbox: a local, Dynatrace-compatible HTTP server (SSO token endpoint, classic and
 * platform bizevents ingest, Grail Query API) over a durable DuckDB store. Clients, including the
 * official SDKs, talk to it exactly as to a tenant: point the base URL at `RunningSandbox.url` and
 * the token URL at `${url}/sso/oauth2/token`.
 */
import { rm, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { TokenService } from './auth';
import { DEV_API_TOKEN_CREDENTIALS, DEV_CLIENT } from './dev-credentials';
import type { ApiTokenCredentials, ClientCredentials } from './dev-credentials';
import { environmentError } from './envelopes';
import { FaultInjector } from './faults';
import { applyFaults } from './faults-http';
import { NO_FAULTS, isInert } from './faults-spec';
import type { FaultSpec } from './faults-spec';
import { discardUnreadBody, sendJson } from './http-util';
import type { RequestContext } from './http-util';
import { JobRegistry } from './jobs';
import { handleAutocomplete, handleParse, handleVerify } from './routes/assist';
import { handleIngest } from './routes/ingest';
import { handleCancel, handleExecute, handlePoll } from './routes/query';
import { handleToken } from './routes/sso';
import type { SandboxDeps } from './sandbox-deps';
import { flattenPool } from './flatten-pool';
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
  /** Injected faults (429/503 shares, latency, early token expiry); default none. */
  faults?: FaultSpec;
  /** Test seam: how injected latency waits; default setTimeout. */
  faultSleep?: (ms: number) => Promise<void>;
}

/** What the sandbox holds, for the app's data management. */
export interface SandboxStats {
  eventCount: number;
  /** Database file plus its write-ahead log. */
  sizeBytes: number;
}

export interface RunningSandbox {
  /** Base URL, e.g. http://127.0.0.1:49152 (no trailing slash). */
  url: string;
  close(): Promise<void>;
  /** Replaces the fault spec; the seeded sequence starts over for requests after it resolves. */
  setFaults(spec: FaultSpec): Promise<void>;
  faults(): FaultSpec;
  /**
   * In-process admin hook (not reachable over HTTP, so it needs no auth of its own): event count
   * and size on disk, and deleting every stored event.
   */
  admin: {
    stats(): Promise<SandboxStats>;
    clear(): Promise<void>;
  };
}

const DB_FILES = ['bizevents.duckdb', 'bizevents.duckdb.wal'];

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

  let store = await openEventStore(options.dataDir);
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
  // Mutable so that clear() can swap in a fresh store; routes read deps.store per request.
  const deps: { -readonly [K in keyof SandboxDeps]: SandboxDeps[K] } = {
    store,
    flattener: flattenPool({ log }),
    tokens,
    jobs,
    clients,
    apiTokens,
    now,
    log,
    executionGate: options.executionGate,
  };

  let injector: FaultInjector | undefined;
  const setFaults = (spec: FaultSpec): void => {
    injector = isInert(spec) ? undefined : new FaultInjector(spec);
  };
  setFaults(options.faults ?? NO_FAULTS);
  let clearing: Promise<void> | undefined;
  // Requests being handled, so clear() can let them finish before the store goes away.
  const inFlight = new Set<Promise<void>>();

  const server = createServer((req, res) => {
    void (async () => {
      if (clearing) await clearing.catch(() => undefined);
      const handling = handle(req, res, deps, injector, options.faultSleep);
      inFlight.add(handling);
      await handling;
      inFlight.delete(handling);
    })();
  });
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
    await deps.flattener.close();
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
        await clearing?.catch(() => undefined);
        await jobs.shutdown();
        await deps.flattener.close();
        await deps.store.close();
      })();
      return closing;
    },
    setFaults: (spec) => {
      setFaults(spec);
      return Promise.resolve();
    },
    faults: () => injector?.spec ?? options.faults ?? NO_FAULTS,
    admin: {
      async stats() {
        if (clearing) await clearing;
        const sizes = await Promise.all(
          DB_FILES.map((f) =>
            stat(join(options.dataDir, f)).then(
              (s) => s.size,
              () => 0,
            ),
          ),
        );
        return { eventCount: await deps.store.count(), sizeBytes: sizes.reduce((a, b) => a + b, 0) };
      },
      clear() {
        // Requests arriving meanwhile wait for the fresh store; the signing key is kept.
        clearing ??= (async () => {
          try {
            // Cancel first so long polls end, let requests finish, then catch jobs they started.
            await jobs.cancelAll();
            await Promise.all([...inFlight]);
            await jobs.cancelAll();
            await store.close();
            for (const f of DB_FILES) await rm(join(options.dataDir, f), { force: true });
            store = await openEventStore(options.dataDir);
            deps.store = store;
          } finally {
            clearing = undefined;
          }
        })();
        return clearing;
      },
    },
  };
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  deps: SandboxDeps,
  injector: FaultInjector | undefined,
  faultSleep: ((ms: number) => Promise<void>) | undefined,
): Promise<void> {
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
    if (handler) {
      // A request answered by the fault spec never reaches its route.
      if (!injector || !(await applyFaults(ctx, deps, injector, faultSleep))) await handler(ctx, deps);
    } else if (methods)
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
