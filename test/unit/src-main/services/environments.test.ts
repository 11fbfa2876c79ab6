import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HttpSend } from '../../../../src-main/platform/http';
import { SettingsFile } from '../../../../src-main/platform/settings-file';
import { TrustStore } from '../../../../src-main/platform/tls-trust';
import { sendAuthorized } from '../../../../src-main/services/connection';
import { EnvironmentService } from '../../../../src-main/services/environments';
import { EventBus } from '../../../../src-main/services/event-bus';
import { secretAccountFor } from '../../../../src-main/services/profile-secrets';
import { SecretBackend } from '../../../../src-main/services/secret-backend';
import type { ProfileDraft } from '../../../../src-shared/ipc/contract';
import { rejectionOf } from '../../../support/rejection';
import { createTestCa } from '../../../support/test-certs';
import { fakeHttp, tokenRoute } from './fake-http';

const SECRET_PART = 'G3DFPBEJYMODIDAEX454M7YWBUVEFOWKPRVMWFASS64NFH52PX6BNDVFFM572RZM';
const CLIENT_ID = 'dt0s02.ABCD1234';
const CLIENT_SECRET = `${CLIENT_ID}.${SECRET_PART}`;
const API_TOKEN = `dt0c01.ST2EY72KQINMH574WMNVI7YN.${SECRET_PART}`;
const PLATFORM_TOKEN = `dt0s16.PLATFORMTOKEN00000000000.${SECRET_PART}`;
const SSO = 'https://sso.dynatrace.com/sso/oauth2/token';

let dir: string;
let backend: SecretBackend;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bizlens-env-'));
  backend = new SecretBackend({ ok: false, reason: 'test' });
  backend.useSessionOnly();
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function open(http: HttpSend = fakeHttp({}).http, trust?: TrustStore) {
  const bus = new EventBus();
  const events: unknown[] = [];
  bus.subscribe((name, payload) => events.push([name, payload]));
  const service = await EnvironmentService.open({
    file: new SettingsFile(join(dir, 'settings.json')),
    secrets: backend,
    http,
    bus,
    dataDir: dir,
    ...(trust ? { trust } : {}),
  });
  return { service, events };
}

const oauthDraft = (over: Partial<ProfileDraft> = {}): ProfileDraft => ({
  name: 'Prod EU',
  url: 'https://abc12345.live.dynatrace.com/ui/apps',
  authKind: 'oauth',
  clientId: CLIENT_ID,
  scopes: ['storage:bizevents:read', 'storage:buckets:read', 'storage:events:write'],
  color: 'red',
  safety: 'normal',
  secret: CLIENT_SECRET,
  ...over,
});

describe('EnvironmentService profiles', () => {
  it('stores the non-secret parts in the settings file and the secret only in the credential store', async () => {
    const { service, events } = await open();
    const view = await service.save(oauthDraft());
    expect(view).toMatchObject({
      name: 'Prod EU',
      url: 'https://abc12345.apps.dynatrace.com',
      tokenUrl: SSO,
      secret: { configured: true, tokenIdentifier: CLIENT_ID },
      derived: {
        kind: 'saas',
        classicBase: 'https://abc12345.live.dynatrace.com',
        platformBase: 'https://abc12345.apps.dynatrace.com',
      },
    });
    expect(JSON.stringify(view)).not.toContain(SECRET_PART);
    const settings = await readFile(join(dir, 'settings.json'), 'utf8');
    expect(settings).toContain('Prod EU');
    expect(settings).not.toContain(SECRET_PART);
    expect(await backend.current()!.get(secretAccountFor(view.id, 'oauth'))).toBe(CLIENT_SECRET);
    const summary = service.list().environments.find((e) => e.id === view.id)!;
    expect(summary).toMatchObject({
      status: 'ready',
      secretConfigured: true,
      color: 'red',
      safety: 'normal',
    });
    expect(JSON.stringify(events)).not.toContain(SECRET_PART);
  });

  it('stores a pasted secret without the whitespace around it', async () => {
    const { service } = await open();
    const view = await service.save(oauthDraft({ secret: `\t${CLIENT_SECRET}\r\n` }));
    expect(await backend.current()!.get(secretAccountFor(view.id, 'oauth'))).toBe(CLIENT_SECRET);
  });

  it('keeps the stored secret when an edit leaves the secret empty, and survives a restart', async () => {
    const first = await open();
    const view = await first.service.save(oauthDraft());
    await first.service.save({ ...oauthDraft({ id: view.id, name: 'Renamed' }), secret: undefined });
    const { service } = await open();
    expect(await service.get(view.id)).toMatchObject({
      name: 'Renamed',
      secret: { configured: true, tokenIdentifier: CLIENT_ID },
    });
  });

  it('refuses malformed input with the field and position, never echoing the secret', async () => {
    const { service } = await open();
    const url = await rejectionOf(service.save(oauthDraft({ url: 'https://abc_1.live.dynatrace.com' })));
    expect(url).toMatchObject({ code: 'INVALID_PROFILE', details: { field: 'url', start: 11 } });
    const bad = `${CLIENT_ID}.${SECRET_PART.slice(4)}`;
    const secret = await rejectionOf(service.save(oauthDraft({ secret: bad })));
    expect(secret.details).toMatchObject({ field: 'secret' });
    expect(secret.message).toMatch(/64/);
    expect(secret.message).not.toContain(SECRET_PART.slice(4, 20));
    const managed = await rejectionOf(service.save(oauthDraft({ url: 'https://dt.example.com/e/abc' })));
    expect(managed.details).toMatchObject({ field: 'authKind' });
    const api = await rejectionOf(service.save(oauthDraft({ authKind: 'apiToken', secret: PLATFORM_TOKEN })));
    expect(api.message).toMatch(/platform token/i);
    expect(service.list().environments).toHaveLength(1);
  });

  it('accepts free-form client credentials for a non-Dynatrace OAuth server (seed 004)', async () => {
    const { service } = await open();
    const view = await service.save(
      oauthDraft({
        clientId: 'sheila.thomas',
        secret: 'qkDwDJlDfig2IpeuUZYKH1Wb8q1V0ju6sILxQQqhJ',
        tokenUrl: 'https://example.com/configapi/v2/oauth/token',
      }),
    );
    expect(view.secret).toEqual({ configured: true, tokenIdentifier: null });
  });

  it('removes the old secret when the auth kind changes, and on remove', async () => {
    const { service } = await open();
    const view = await service.save(oauthDraft());
    await service.save({ ...oauthDraft({ id: view.id, authKind: 'apiToken', secret: API_TOKEN }) });
    const store = backend.current()!;
    expect(await store.get(secretAccountFor(view.id, 'oauth'))).toBeNull();
    expect(await store.get(secretAccountFor(view.id, 'apiToken'))).toBe(API_TOKEN);
    expect((await service.get(view.id)).secret.tokenIdentifier).toBe('dt0c01.ST2EY72KQINMH574WMNVI7YN');
    await service.remove(view.id);
    expect(await store.get(secretAccountFor(view.id, 'apiToken'))).toBeNull();
    expect(service.list().environments.map((e) => e.id)).toEqual(['local-sandbox']);
  });

  it('resets the stored secret of one profile', async () => {
    const { service } = await open();
    const a = await service.save(oauthDraft());
    const b = await service.save(oauthDraft({ name: 'Other' }));
    const after = await service.reset(a.id, 'secret');
    expect(after.secret).toEqual({ configured: false, tokenIdentifier: null });
    expect(service.list().environments.find((e) => e.id === a.id)!.status).toBe('needs-secret');
    expect((await service.get(b.id)).secret.configured).toBe(true);
  });

  it('exports without secrets and imports as new profiles, skipping invalid entries', async () => {
    const { service } = await open();
    await service.save(oauthDraft());
    await service.save(
      oauthDraft({ name: 'Classic', authKind: 'apiToken', secret: API_TOKEN, safety: 'read-only' }),
    );
    const { text, count } = service.exportProfiles();
    expect(count).toBe(2);
    expect(text).not.toContain(SECRET_PART);
    expect(text).not.toContain('tokenIdentifier');
    const doc = JSON.parse(text) as { environments: unknown[] };
    doc.environments.push({ name: 'Broken', url: 'ftp://x', authKind: 'apiToken' }, { nope: true });
    const result = await service.importProfiles(JSON.stringify(doc));
    expect(result.imported.map((i) => i.name)).toEqual(['Prod EU (2)', 'Classic (2)']);
    expect(result.skipped.map((s) => s.name)).toEqual(['entry 4', 'Broken']);
    const imported = await service.get(result.imported[1]!.id);
    expect(imported).toMatchObject({ safety: 'read-only', secret: { configured: false } });
    await expect(service.importProfiles('not json')).rejects.toMatchObject({ code: 'INVALID_IMPORT' });
  });

  it('defaults the token URL to the SSO of the environment’s stage, and keeps an override', async () => {
    const { service } = await open();
    const dev = await service.save(
      oauthDraft({ url: 'https://abc12345.dev.apps.dynatracelabs.com/ui', tokenUrl: '' }),
    );
    expect(dev.tokenUrl).toBe('https://sso-dev.dynatracelabs.com/sso/oauth2/token');
    const sprint = await service.save(oauthDraft({ url: 'abc12345.sprint.apps.dynatracelabs.com' }));
    expect(sprint.tokenUrl).toBe('https://sso-sprint.dynatracelabs.com/sso/oauth2/token');
    const prod = await service.save(oauthDraft({ tokenUrl: '  ' }));
    expect(prod.tokenUrl).toBe(SSO);
    const custom = 'https://idp.example/oauth/token';
    const other = await service.save(
      oauthDraft({ url: 'https://abc12345.dev.apps.dynatracelabs.com', tokenUrl: custom }),
    );
    expect(other.tokenUrl).toBe(custom);
  });

  it('keeps a custom CA certificate: validated, shown, exported, trusted for the profile’s hosts', async () => {
    const ca = createTestCa('Corp Root CA');
    try {
      const trust = new TrustStore({});
      const { service } = await open(undefined, trust);
      const bad = await rejectionOf(
        service.save(oauthDraft({ caCertificate: '-----BEGIN PRIVATE KEY-----\nAAAA' })),
      );
      expect(bad).toMatchObject({ code: 'INVALID_PROFILE', details: { field: 'caCertificate', start: 0 } });
      const view = await service.save(oauthDraft({ caCertificate: `Corp root:\n${ca.certPem}` }));
      expect(view.caCertificate).toBe(ca.certPem);
      expect(view.caCertificates).toEqual([
        expect.objectContaining({ subject: 'CN=Corp Root CA', isCa: true }),
      ]);
      // API bases and the token endpoint trust it; other hosts do not.
      for (const host of ['abc12345.live.dynatrace.com', 'abc12345.apps.dynatrace.com', 'sso.dynatrace.com'])
        expect(trust.extraFor(host)).toEqual([ca.certPem]);
      expect(trust.extraFor('other.apps.dynatrace.com')).toEqual([]);
      expect(service.exportProfiles().text).toContain('BEGIN CERTIFICATE');
      // A restart registers it again; removing it from the profile stops trusting it.
      const reopened = new TrustStore({});
      const { service: again } = await open(undefined, reopened);
      expect(reopened.extraFor('abc12345.apps.dynatrace.com')).toEqual([ca.certPem]);
      const cleared = await again.save(oauthDraft({ id: view.id, caCertificate: '' }));
      expect(cleared.caCertificates).toEqual([]);
      expect(reopened.extraFor('abc12345.apps.dynatrace.com')).toEqual([]);
    } finally {
      ca.dispose();
    }
  });

  it('persists the selected environment', async () => {
    const first = await open();
    const view = await first.service.save(oauthDraft());
    await first.service.select(view.id);
    const { service } = await open();
    expect(service.list().selectedId).toBe(view.id);
  });
});

describe('EnvironmentService connect', () => {
  it('API token: classic ingest path with Api-Token, no queries, token never in a URL', async () => {
    const { http, calls } = fakeHttp({
      'POST https://abc12345.live.dynatrace.com/api/v2/bizevents/ingest': () => ({ status: 202 }),
    });
    const { service } = await open(http);
    const view = await service.save(oauthDraft({ authKind: 'apiToken', secret: API_TOKEN }));
    const conn = await service.connect(view.id, 'ingest');
    const res = await sendAuthorized(conn, http, { method: 'POST', path: conn.ingestPath, body: '{}' });
    expect(res.status).toBe(202);
    expect(calls[0]!.headers!.authorization).toBe(`Api-Token ${API_TOKEN}`);
    expect(calls.every((c) => !c.url.includes(SECRET_PART))).toBe(true);
    expect((await rejectionOf(service.connect(view.id, 'query'))).code).toBe('QUERY_NEEDS_OAUTH');
  });

  it('platform token: platform ingest path with Bearer', async () => {
    const { http, calls } = fakeHttp({
      'POST https://abc12345.apps.dynatrace.com/platform/classic/environment-api/v2/bizevents/ingest':
        () => ({ status: 202 }),
    });
    const { service } = await open(http);
    const view = await service.save(oauthDraft({ authKind: 'platformToken', secret: PLATFORM_TOKEN }));
    const conn = await service.connect(view.id, 'ingest');
    await sendAuthorized(conn, http, { method: 'POST', path: conn.ingestPath, body: '{}' });
    expect(calls[0]!.headers!.authorization).toBe(`Bearer ${PLATFORM_TOKEN}`);
  });

  it('OAuth: minimal scopes per action, Bearer on the platform base, the secret only in the form body', async () => {
    const { http, calls } = fakeHttp({
      [`POST ${SSO}`]: tokenRoute(CLIENT_ID, CLIENT_SECRET, [
        'storage:bizevents:read',
        'storage:buckets:read',
        'storage:events:write',
      ]),
      'POST https://abc12345.apps.dynatrace.com/platform/classic/environment-api/v2/bizevents/ingest':
        () => ({ status: 202 }),
    });
    const { service, events } = await open(http);
    const view = await service.save(oauthDraft());
    const query = await service.connect(view.id, 'query');
    expect(await query.authorization()).toMatch(/^Bearer eyJ/);
    const ingest = await service.connect(view.id, 'ingest');
    await sendAuthorized(ingest, http, { method: 'POST', path: ingest.ingestPath, body: '{}' });
    const tokenCalls = calls.filter((c) => c.url === SSO);
    expect(tokenCalls.map((c) => new URLSearchParams(c.body).get('scope'))).toEqual([
      'storage:bizevents:read storage:buckets:read',
      'storage:events:write',
    ]);
    expect(calls.every((c) => !c.url.includes(SECRET_PART))).toBe(true);
    expect(service.list().environments.find((e) => e.id === view.id)!.tokenExpiresAt).toBeGreaterThan(
      Date.now(),
    );
    expect(JSON.stringify(events)).not.toMatch(/eyJ|SECRET/);
  });

  it('says whether a saved tenant was reached: not signed in yet, sign-in failed, then ready', async () => {
    let secret = 'wrong';
    const { http } = fakeHttp({
      [`POST ${SSO}`]: (req, form) =>
        tokenRoute(CLIENT_ID, secret, ['storage:bizevents:read', 'storage:buckets:read'])(req, form),
    });
    const { service } = await open(http);
    const view = await service.save(
      oauthDraft({ scopes: ['storage:bizevents:read', 'storage:buckets:read'] }),
    );
    const summary = () => service.list().environments.find((e) => e.id === view.id)!;
    expect(summary()).toMatchObject({ status: 'ready', statusMessage: 'not signed in yet' });
    const query = await service.connect(view.id, 'query');
    await expect(query.authorization()).rejects.toThrow();
    expect(summary().status).toBe('error');
    expect(summary().statusMessage).toMatch(/^Sign-in failed: .+/);
    expect(summary().statusMessage).not.toContain(SECRET_PART);
    secret = CLIENT_SECRET;
    expect(await query.authorization()).toMatch(/^Bearer eyJ/);
    expect(summary()).toMatchObject({ status: 'ready' });
    expect(summary().statusMessage).toBeUndefined();
  });

  it('OAuth without a write scope: ingest says which scope to add', async () => {
    const { service } = await open();
    const view = await service.save(
      oauthDraft({ scopes: ['storage:bizevents:read', 'storage:buckets:read'] }),
    );
    const err = await rejectionOf(service.connect(view.id, 'ingest'));
    expect(err.code).toBe('NO_WRITE_SCOPE');
    expect(err.message).toContain('storage:events:write');
  });

  it('a reset token is fetched anew; a profile edit drops cached tokens', async () => {
    let n = 0;
    const { http } = fakeHttp({
      [`POST ${SSO}`]: () => ({
        status: 200,
        body: { access_token: `token-${++n}-abcdefgh`, token_type: 'Bearer', expires_in: 300 },
      }),
    });
    const { service } = await open(http);
    const view = await service.save(oauthDraft());
    expect(await (await service.connect(view.id)).authorization()).toBe('Bearer token-1-abcdefgh');
    expect(await (await service.connect(view.id)).authorization()).toBe('Bearer token-1-abcdefgh');
    await service.reset(view.id, 'token');
    expect(service.list().environments.find((e) => e.id === view.id)!.tokenExpiresAt).toBeUndefined();
    expect(await (await service.connect(view.id)).authorization()).toBe('Bearer token-2-abcdefgh');
    await service.save({ ...oauthDraft({ id: view.id }), secret: undefined });
    expect(await (await service.connect(view.id)).authorization()).toBe('Bearer token-3-abcdefgh');
  });
});

describe('safety levels', () => {
  it('refuses writes to read-only environments and asks for confirmation on production', async () => {
    const { service } = await open();
    const ro = await service.save(oauthDraft({ safety: 'read-only' }));
    const prod = await service.save(oauthDraft({ safety: 'production' }));
    const normal = await service.save(oauthDraft({ safety: 'normal' }));
    expect(() => service.assertWriteAllowed(ro.id, true)).toThrow(/read-only/);
    expect(() => service.assertWriteAllowed(prod.id, false)).toThrow(/production/);
    expect(() => service.assertWriteAllowed(prod.id, true)).not.toThrow();
    expect(() => service.assertWriteAllowed(normal.id, false)).not.toThrow();
  });
});
