/** Shared helpers for the sandbox integration tests: a sandbox on port 0 in a fresh temp dir. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEV_API_TOKEN, DEV_CLIENT_ID, DEV_CLIENT_SECRET } from '../../../src-main/sandbox/dev-credentials';
import { startSandbox } from '../../../src-main/sandbox/server';
import { flattenIngestBody } from '../../../src-shared/grail/flatten';
import type { FlattenedEvent } from '../../../src-shared/grail/flatten';
import type { RunningSandbox, SandboxOptions } from '../../../src-main/sandbox/server';

export const QUERY = '/platform/storage/query/v1';
export const READ_SCOPES = ['storage:bizevents:read', 'storage:buckets:read'];
export const ALL_SCOPES = [...READ_SCOPES, 'storage:events:write'];

export interface TestSandbox {
  sandbox: RunningSandbox;
  url: string;
  dataDir: string;
  /** Closes the sandbox and removes its data dir. */
  dispose(): Promise<void>;
}

export async function makeDataDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'bizlens-sandbox-'));
}

export async function startTestSandbox(
  options: Partial<SandboxOptions> = {},
  dataDir?: string,
): Promise<TestSandbox> {
  const dir = dataDir ?? (await makeDataDir());
  const sandbox = await startSandbox({ port: 0, dataDir: dir, ...options });
  return {
    sandbox,
    url: sandbox.url,
    dataDir: dir,
    async dispose() {
      await sandbox.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export async function requestToken(
  url: string,
  scopes: readonly string[] = ALL_SCOPES,
  client = { id: DEV_CLIENT_ID, secret: DEV_CLIENT_SECRET },
): Promise<string> {
  const res = await fetch(`${url}/sso/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: client.id,
      client_secret: client.secret,
      scope: scopes.join(' '),
    }),
  });
  if (res.status !== 200) throw new Error(`token request failed: ${res.status}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

export function ingest(
  url: string,
  body: string,
  options: { contentType?: string; auth?: string; path?: string } = {},
): Promise<Response> {
  return fetch(`${url}${options.path ?? '/api/v2/bizevents/ingest'}`, {
    method: 'POST',
    headers: {
      'content-type': options.contentType ?? 'application/json',
      authorization: options.auth ?? `Api-Token ${DEV_API_TOKEN}`,
    },
    body,
  });
}

export function execute(url: string, token: string, body: Record<string, unknown>): Promise<Response> {
  return fetch(`${url}${QUERY}/query:execute`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
}

export function poll(url: string, token: string, requestToken: string, waitMs?: number): Promise<Response> {
  const params = new URLSearchParams({ 'request-token': requestToken });
  if (waitMs !== undefined) params.set('request-timeout-milliseconds', String(waitMs));
  return fetch(`${url}${QUERY}/query:poll?${params}`, { headers: { authorization: `Bearer ${token}` } });
}

export function cancel(url: string, token: string, requestToken: string): Promise<Response> {
  return fetch(`${url}${QUERY}/query:cancel?${new URLSearchParams({ 'request-token': requestToken })}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  });
}

export interface QueryOk {
  state: string;
  result: {
    records: Record<string, unknown>[];
    types: unknown[];
    metadata: { grail: Record<string, unknown> };
  };
}

/** Runs a query to completion (execute with a generous wait). */
export async function query(
  url: string,
  token: string,
  dql: string,
  extra: Record<string, unknown> = {},
): Promise<QueryOk> {
  const res = await execute(url, token, { query: dql, requestTimeoutMilliseconds: 10_000, ...extra });
  if (res.status !== 200) throw new Error(`query failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as QueryOk;
}

/** A gate the sandbox awaits before running each query job: keeps jobs RUNNING until opened. */
export function createGate(): { gate: () => Promise<void>; open: () => void; entered: Promise<void> } {
  let open!: () => void;
  let entered!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  const enteredP = new Promise<void>((r) => (entered = r));
  return {
    gate: () => {
      entered();
      return opened;
    },
    open,
    entered: enteredP,
  };
}

/** A controllable clock in ns. */
export function manualClock(startNs = BigInt(Date.now()) * 1_000_000n): {
  now: () => bigint;
  advanceSeconds: (s: number) => void;
} {
  let t = startNs;
  return { now: () => t, advanceSeconds: (s) => (t += BigInt(s) * 1_000_000_000n) };
}

let generatedIds = 0;

/**
 * What the sandbox stores for a JSON array of events ingested at `nowNs`, for tests that append to
 * a store directly; generated ids are `id-1`, `id-2`, …. Throws if any event is rejected.
 */
export function flattenEvents(payload: unknown[], nowNs: bigint): FlattenedEvent[] {
  const out = flattenIngestBody(JSON.stringify(payload), 'application/json', {
    nowNs,
    newId: () => `id-${++generatedIds}`,
  });
  if (!out.ok || out.rejected.length > 0) throw new Error('flatten failed');
  return out.events;
}
