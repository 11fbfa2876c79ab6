// The main-side core through the contract's handlers ("direct calls" transport), against the real
// embedded sandbox over HTTP and the real keychain.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore } from '../../../src-main/app/core';
import type { CallContext } from '../../../src-main/ipc/handler-types';
import { KeytarCredentialStore } from '../../../src-main/platform/keychain';
import { startAppCore, stopAppCore } from '../../support/app-core';
import { rejectionOf } from '../../support/rejection';

const service = `dev.bizlens.test.${randomUUID()}`;
let dataDir: string;
let core: AppCore;
const events: Array<[string, unknown]> = [];
const ctx: CallContext = {
  signal: new AbortController().signal,
  emit: (name, payload) => void events.push([name, payload]),
};

beforeAll(async () => {
  ({ core, dataDir } = await startAppCore('bizlens-core-', service));
});

afterAll(() => stopAppCore(core, dataDir, service));

const seed = JSON.stringify({
  id: '2',
  'event.type': 'com.bizevent.single',
  'event.provider': 'custom.provider',
  total: 234,
  customer: { firstName: 'John', lastName: 'Doe' },
});

describe('app core on the embedded sandbox', () => {
  it('reports the keychain and a ready Local sandbox, selected by default', async () => {
    const info = await core.handlers['app:getInfo']({}, ctx);
    expect(info.secretBackend.kind).toBe('keychain');
    const list = await core.handlers['environments:list']({}, ctx);
    expect(list.selectedId).toBe('local-sandbox');
    expect(list.environments[0]).toMatchObject({
      id: 'local-sandbox',
      name: 'Local sandbox',
      status: 'ready',
      kind: 'sandbox',
    });
    expect(list.environments[0]!.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('keeps the sandbox client secret in the keychain, not in the settings file', async () => {
    const secret = await new KeytarCredentialStore(service).get('environment:local-sandbox:client-secret');
    expect(secret).toMatch(/^dt0s02\.[A-Z0-9]{8}\.[A-Z0-9]{64}$/);
    const { readFile } = await import('node:fs/promises');
    const settings = await readFile(join(dataDir, 'settings.json'), 'utf8');
    expect(settings).not.toContain(secret!);
  });

  it('sends an event and reads it back flattened', async () => {
    const sent = await core.handlers['ingest:send'](
      { environmentId: 'local-sandbox', body: seed, contentType: 'application/json' },
      ctx,
    );
    expect(sent).toMatchObject({ status: 202, accepted: true, body: '' });
    const out = await core.handlers['query:execute'](
      {
        requestId: 'q1',
        environmentId: 'local-sandbox',
        query: 'fetch bizevents | sort timestamp desc | limit 10',
      },
      ctx,
    );
    expect(out.state).toBe('SUCCEEDED');
    const rec = out.result!.records[0]!;
    expect(rec).toMatchObject({
      customer: '{"firstName":"John","lastName":"Doe"}',
      'event.kind': 'BIZ_EVENT',
      'event.provider': 'custom.provider',
      total: '234',
    });
    expect(
      events.some(([n, p]) => n === 'query:progress' && (p as { state: string }).state === 'SUCCEEDED'),
    ).toBe(true);
  });

  it('reports a partial-success 400 with the per-event errors', async () => {
    const sent = await core.handlers['ingest:send'](
      { environmentId: 'local-sandbox', body: '[{"a":1}, 5]', contentType: 'application/json' },
      ctx,
    );
    expect(sent.status).toBe(400);
    expect(JSON.parse(sent.body)).toMatchObject({ errors: [{ index: 1 }] });
  });

  it('turns a DQL error into a positioned error', async () => {
    const err = await rejectionOf(
      core.handlers['query:execute'](
        { requestId: 'q2', environmentId: 'local-sandbox', query: 'fetch bizevents\n| limt 3' },
        ctx,
      ),
    );
    expect(err).toMatchObject({ code: 'QUERY_FAILED' });
    expect((err.details?.syntaxErrorPosition as { start: { line: number } }).start.line).toBe(2);
  });

  it('keeps events and credentials across a restart', async () => {
    await core.dispose();
    core = await createAppCore({ dataDir, edition: 'web', keychainService: service });
    await core.ready;
    const out = await core.handlers['query:execute'](
      { requestId: 'q3', environmentId: 'local-sandbox', query: 'fetch bizevents' },
      ctx,
    );
    expect(out.result!.records.length).toBeGreaterThanOrEqual(2);
  });
});

describe('without a keychain', () => {
  it('says so, starts nothing silently, and runs on session-only secrets once the user chooses', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bizlens-core-nokey-'));
    const c = await createAppCore({
      dataDir: dir,
      edition: 'web',
      keychain: { ok: false, reason: 'No Secret Service (OS keychain) is reachable on D-Bus.' },
    });
    try {
      await c.ready;
      expect((await c.handlers['app:getInfo']({}, ctx)).secretBackend.kind).toBe('unavailable');
      expect((await c.handlers['environments:list']({}, ctx)).environments[0]!.status).toBe('needs-secret');
      await expect(
        c.handlers['query:execute'](
          { requestId: 'x', environmentId: 'local-sandbox', query: 'fetch bizevents' },
          ctx,
        ),
      ).rejects.toMatchObject({ code: 'ENVIRONMENT_NOT_READY' });
      expect((await c.handlers['secrets:useSessionOnly']({}, ctx)).kind).toBe('session');
      await expect
        .poll(async () => (await c.handlers['environments:list']({}, ctx)).environments[0]!.status, {
          timeout: 20_000,
        })
        .toBe('ready');
    } finally {
      await c.dispose();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
