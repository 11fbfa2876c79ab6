// Tenant profiles through the app core's handlers (the contract's direct-call transport), with the
// real OS keychain, against a separate sandbox standing in for a tenant: its SSO token endpoint,
// platform and classic ingest, and the query API.
import { randomInt, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore } from '../../../src-main/app/core';
import type { CallContext } from '../../../src-main/ipc/handler-types';
import { dispatch } from '../../../src-main/ipc/dispatch';
import { KeytarCredentialStore } from '../../../src-main/platform/keychain';
import { startSandbox, type RunningSandbox } from '../../../src-main/sandbox/server';
import type { ProfileDraft } from '../../../src-shared/ipc/contract';
import { rejectionOf } from '../../support/rejection';

const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const random = (n: number) => Array.from({ length: n }, () => A[randomInt(A.length)]).join('');
const FULL = { clientId: 'dt0s02.FULLACCS', clientSecret: `dt0s02.FULLACCS.${random(64)}` };
const READ = { clientId: 'dt0s02.READONLY', clientSecret: `dt0s02.READONLY.${random(64)}` };
const API_TOKEN = `dt0c01.${random(24)}.${random(64)}`;
const ALL = ['storage:bizevents:read', 'storage:buckets:read', 'storage:events:write'];

const keychainService = `dev.bizlens.test.${randomUUID()}`;
let tenant: RunningSandbox;
let dirs: string[] = [];
let core: AppCore;
const ctx: CallContext = { signal: new AbortController().signal, emit: () => undefined };
const ids: string[] = [];

beforeAll(async () => {
  const tenantDir = await mkdtemp(join(tmpdir(), 'bizlens-tenant-'));
  const dataDir = await mkdtemp(join(tmpdir(), 'bizlens-core-'));
  dirs = [tenantDir, dataDir];
  tenant = await startSandbox({
    port: 0,
    dataDir: tenantDir,
    clients: [
      { ...FULL, scopes: ALL },
      { ...READ, scopes: ALL.slice(0, 2) },
    ],
    apiTokens: [{ token: API_TOKEN, scopes: ['bizevents.ingest'] }],
  });
  core = await createAppCore({ dataDir, edition: 'web', keychainService });
});

afterAll(async () => {
  await core.dispose();
  await tenant.close();
  const store = new KeytarCredentialStore(keychainService);
  for (const id of ['local-sandbox', ...ids])
    for (const kind of ['client-secret', 'api-token', 'platform-token'])
      await store.delete(`environment:${id}:${kind}`);
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

const oauth = (over: Partial<ProfileDraft> = {}): ProfileDraft => ({
  name: 'Tenant',
  url: tenant.url,
  authKind: 'oauth',
  clientId: FULL.clientId,
  secret: FULL.clientSecret,
  scopes: ALL,
  tokenUrl: `${tenant.url}/sso/oauth2/token`,
  color: 'blue',
  safety: 'normal',
  ...over,
});

async function save(draft: ProfileDraft) {
  const view = await core.handlers['environments:save'](draft, ctx);
  ids.push(view.id);
  return view;
}

describe('tenant profiles against a sandbox as the tenant', () => {
  it('keeps the secret in the real keychain only, and ingests and queries with OAuth', async () => {
    const view = await save(oauth());
    expect(await new KeytarCredentialStore(keychainService).get(`environment:${view.id}:client-secret`)).toBe(
      FULL.clientSecret,
    );
    const settings = await readFile(join(dirs[1]!, 'settings.json'), 'utf8');
    expect(settings).not.toContain(FULL.clientSecret.split('.')[2]);
    const marker = randomUUID();
    const sent = await core.handlers['ingest:send'](
      {
        environmentId: view.id,
        body: JSON.stringify({ 'event.type': 'it', marker }),
        contentType: 'application/json',
      },
      ctx,
    );
    expect(sent.status).toBe(202);
    const result = await core.handlers['query:execute'](
      { requestId: `q-${randomUUID()}`, environmentId: view.id, query: 'fetch bizevents' },
      ctx,
    );
    expect(JSON.stringify(result.result?.records)).toContain(marker);
  });

  it('sends with an API token to the classic endpoint, and refuses queries with it', async () => {
    const view = await save({
      name: 'Classic',
      url: tenant.url,
      authKind: 'apiToken',
      secret: API_TOKEN,
      color: 'gray',
      safety: 'normal',
    });
    expect(view.secret.tokenIdentifier).toBe(API_TOKEN.split('.').slice(0, 2).join('.'));
    const sent = await core.handlers['ingest:send'](
      { environmentId: view.id, body: '{"event.type":"classic"}', contentType: 'application/json' },
      ctx,
    );
    expect(sent.status).toBe(202);
    const refused = await dispatch(
      core.handlers,
      'query:execute',
      { requestId: 'q-api', environmentId: view.id, query: 'fetch bizevents' },
      ctx,
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'QUERY_NEEDS_OAUTH' } });
  });

  it('enforces safety levels in main, whatever the caller sends', async () => {
    const ro = await save(oauth({ name: 'RO', safety: 'read-only' }));
    const prod = await save(oauth({ name: 'Prod', safety: 'production' }));
    const body = { body: '{}', contentType: 'application/json' as const };
    expect(
      await dispatch(
        core.handlers,
        'ingest:send',
        { environmentId: ro.id, ...body, confirmProduction: true },
        ctx,
      ),
    ).toMatchObject({
      ok: false,
      error: { code: 'ENVIRONMENT_READ_ONLY' },
    });
    expect(
      await dispatch(core.handlers, 'ingest:send', { environmentId: prod.id, ...body }, ctx),
    ).toMatchObject({
      ok: false,
      error: { code: 'CONFIRMATION_REQUIRED' },
    });
    expect(
      await dispatch(
        core.handlers,
        'ingest:send',
        { environmentId: prod.id, ...body, confirmProduction: true },
        ctx,
      ),
    ).toMatchObject({
      ok: true,
      value: { status: 202 },
    });
  });

  it("maps the sandbox SSO's refusals to plain words", async () => {
    const wrong = await save(oauth({ name: 'Wrong', secret: `${FULL.clientId}.${random(64)}` }));
    const e1 = await rejectionOf(
      core.handlers['query:execute'](
        { requestId: 'q-w', environmentId: wrong.id, query: 'fetch bizevents' },
        ctx,
      ),
    );
    expect(e1.message).toBe('The client id or secret is wrong.');
    const lacking = await save(
      oauth({ name: 'Lacking', clientId: READ.clientId, secret: READ.clientSecret }),
    );
    const e2 = await rejectionOf(
      core.handlers['ingest:send'](
        { environmentId: lacking.id, body: '{}', contentType: 'application/json' },
        ctx,
      ),
    );
    expect(e2.message).toMatch(/lacks the scope storage:events:write/);
    // Reads still work: queries ask only for read scopes.
    const ok = await core.handlers['query:execute'](
      { requestId: 'q-l', environmentId: lacking.id, query: 'fetch bizevents | limit 1' },
      ctx,
    );
    expect(ok.state).toBe('SUCCEEDED');
  });

  it('diagnoses a client lacking the write scope and suggests the policy', async () => {
    const lacking = await save(
      oauth({ name: 'Lacking 2', clientId: READ.clientId, secret: READ.clientSecret }),
    );
    const report = await core.handlers['environments:test']({ id: lacking.id }, ctx);
    expect(report.missingScopes).toEqual(['storage:events:write']);
    expect(report.policy).toEqual(['ALLOW storage:events:write;']);
    expect(report.checks.find((c) => c.id === 'query')?.status).toBe('ok');
    expect(report.report).not.toContain(READ.clientSecret.split('.')[2]);
  });

  it('forgets a stored secret in the keychain and reports it', async () => {
    const view = await save(oauth({ name: 'Forget me' }));
    const after = await core.handlers['environments:resetSecret']({ id: view.id, what: 'secret' }, ctx);
    expect(after.secret).toEqual({ configured: false, tokenIdentifier: null });
    expect(
      await new KeytarCredentialStore(keychainService).get(`environment:${view.id}:client-secret`),
    ).toBeNull();
  });

  it('calls a platform API through the console with the managed token, copyable as curl', async () => {
    const view = await save(oauth({ name: 'Console' }));
    const r = await core.handlers['console:call'](
      {
        environmentId: view.id,
        method: 'POST',
        path: '/platform/storage/query/v1/query:execute',
        body: JSON.stringify({ query: 'fetch bizevents | limit 1', requestTimeoutMilliseconds: 5000 }),
      },
      ctx,
    );
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ state: 'SUCCEEDED' });
    expect(r.curl).toContain(`${tenant.url}/platform/storage/query/v1/query:execute`);
    expect(JSON.stringify(r)).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\./);
    expect(JSON.stringify(r)).not.toContain(FULL.clientSecret);
  });

  it('tests an API-token environment: ingest authorized, queries not possible', async () => {
    const view = await save({
      name: 'Classic 2',
      url: tenant.url,
      authKind: 'apiToken',
      secret: API_TOKEN,
      color: 'gray',
      safety: 'normal',
    });
    const report = await core.handlers['environments:test']({ id: view.id }, ctx);
    const status = (id: string) => report.checks.find((c) => c.id === id)?.status;
    expect([status('secret'), status('token'), status('query'), status('ingest')]).toEqual([
      'ok',
      'skip',
      'skip',
      'ok',
    ]);
    expect(report.report).not.toContain(API_TOKEN.split('.')[2]);
  });

  it('finds its profiles and keychain secrets again after a restart', async () => {
    const first = ids[0]!;
    await core.dispose();
    core = await createAppCore({ dataDir: dirs[1]!, edition: 'web', keychainService });
    await core.ready;
    const list = await core.handlers['environments:list']({}, ctx);
    expect(list.environments.find((e) => e.id === first)).toMatchObject({
      status: 'ready',
      secretConfigured: true,
      tokenIdentifier: FULL.clientId,
    });
    const result = await core.handlers['query:execute'](
      { requestId: 'q-after', environmentId: first, query: 'fetch bizevents | limit 1' },
      ctx,
    );
    expect(result.state).toBe('SUCCEEDED');
  });
});
