// The OAuth code is not tied to one implementation: against oauth2-mock-server (an independent,
// OIDC-conformant server with real JWT signing) a tenant profile with a custom token URL gets
// tokens, sends them as Bearer to the environment, and gets OAuth errors mapped to plain words.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Events, OAuth2Server } from 'oauth2-mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendHttp } from '../../../src-main/platform/http';
import { SettingsFile } from '../../../src-main/platform/settings-file';
import { sendAuthorized } from '../../../src-main/services/connection';
import { DiagnosticsService } from '../../../src-main/services/diagnostics/diagnostics-service';
import { EnvironmentService } from '../../../src-main/services/environments';
import { EventBus } from '../../../src-main/services/event-bus';
import { SecretBackend } from '../../../src-main/services/secret-backend';
import { rejectionOf } from '../../support/rejection';

let oauth: OAuth2Server;
let api: Server;
let apiUrl: string;
const seen: string[] = [];
let dir: string;
let service: EnvironmentService;
let envId: string;

beforeAll(async () => {
  oauth = new OAuth2Server();
  await oauth.issuer.keys.generate('ES256');
  await oauth.start(0, '127.0.0.1');
  // A stand-in environment API that records what it was sent.
  api = createServer((req, res) => {
    seen.push(req.headers.authorization ?? '');
    res.writeHead(202).end();
  });
  await new Promise<void>((r) => api.listen(0, '127.0.0.1', r));
  apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  dir = await mkdtemp(join(tmpdir(), 'bizlens-oauth-'));
  const backend = new SecretBackend({ ok: false, reason: 'test' });
  backend.useSessionOnly();
  service = await EnvironmentService.open({
    file: new SettingsFile(join(dir, 'settings.json')),
    secrets: backend,
    http: sendHttp,
    bus: new EventBus(),
    dataDir: dir,
  });
  const view = await service.save({
    name: 'Other IdP',
    url: apiUrl,
    authKind: 'oauth',
    clientId: 'bizlens-test',
    secret: 'a free-form secret, not Dynatrace-shaped'.replace(/ /g, '-'),
    scopes: ['storage:bizevents:read', 'storage:events:write'],
    tokenUrl: `${oauth.issuer.url!.replace('localhost', '127.0.0.1')}/token`,
    color: 'purple',
    safety: 'normal',
  });
  envId = view.id;
});

afterAll(async () => {
  await oauth.stop();
  api.closeAllConnections();
  api.close();
  await service.dispose();
  await rm(dir, { recursive: true, force: true });
});

function claims(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('a second, independent OAuth server', () => {
  it('issues a token that reaches the environment as Bearer, with the minimal scope per action', async () => {
    const requests: URLSearchParams[] = [];
    oauth.service.on(Events.BeforeTokenSigning, (_token, req) =>
      requests.push(new URLSearchParams(req.body as Record<string, string>)),
    );
    const conn = await service.connect(envId, 'ingest');
    const res = await sendAuthorized(conn, sendHttp, { method: 'POST', path: conn.ingestPath, body: '[]' });
    oauth.service.removeAllListeners(Events.BeforeTokenSigning);
    expect(res.status).toBe(202);
    const bearer = seen.at(-1)!;
    expect(bearer).toMatch(/^Bearer eyJ/);
    expect(claims(bearer.slice(7))).toMatchObject({ scope: 'storage:events:write' });
    expect(requests[0]!.get('client_secret')).toBe('a-free-form-secret,-not-Dynatrace-shaped');
    // expires_in 3600 (a number) from this server: the lifetime indicator follows it.
    const expires = service.list().environments.find((e) => e.id === envId)!.tokenExpiresAt!;
    expect(expires - Date.now()).toBeGreaterThan(3_500_000);
  });

  it('maps its invalid_client answer to plain words', async () => {
    await service.reset(envId, 'token');
    oauth.service.once(Events.BeforeResponse, (response) => {
      response.statusCode = 401;
      response.body = { error: 'invalid_client', error_description: 'Client authentication failed' };
    });
    const conn = await service.connect(envId, 'query');
    const err = await rejectionOf(conn.authorization());
    expect(err.message).toBe('The client id or secret is wrong.');
  });

  it('passes the token check of a connection test', async () => {
    const diagnostics = new DiagnosticsService(service, sendHttp, { version: 't', edition: 'web' });
    const report = await diagnostics.run(envId, new AbortController().signal);
    expect(report.checks.find((c) => c.id === 'token')).toMatchObject({ status: 'ok' });
    expect(report.checks.find((c) => c.id === 'ingest')).toMatchObject({ status: 'ok' });
    expect(report.report).not.toContain('free-form-secret');
  });
});
