// Outgoing calls take the configured proxy (a real CONNECT proxy that records what it tunnels)
// and trust an environment's custom CA on top of the default roots; TLS failures get plain words;
// the embedded sandbox (loopback) is never proxied; no message carries the proxy's password.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../src-shared/errors';
import { createHttp } from '../../../src-main/platform/http';
import { nodeNetProbes } from '../../../src-main/platform/net-probes';
import { appProxyResolver } from '../../../src-main/platform/proxy-resolver';
import { SettingsFile } from '../../../src-main/platform/settings-file';
import { TrustStore } from '../../../src-main/platform/tls-trust';
import { DiagnosticsService } from '../../../src-main/services/diagnostics/diagnostics-service';
import { EnvironmentService } from '../../../src-main/services/environments';
import { EventBus } from '../../../src-main/services/event-bus';
import { SecretBackend } from '../../../src-main/services/secret-backend';
import { startConnectProxy, type TestProxy } from '../../support/connect-proxy';
import { rejectionOf } from '../../support/rejection';
import { createTestCa, selfSigned, type TestCa } from '../../support/test-certs';

const TENANT = 'tenant.bizlens.test';
const OTHER = 'other.bizlens.test';
const PROXY_USER = 'proxy-user';
const PROXY_PASSWORD = 'proxy-pass-7f3a9c2e';
const PLATFORM_TOKEN = 'integration-platform-token-0d9e8f7a6b5c';

let ca: TestCa;
let tenant: Server;
let loopback: Server;
let loopbackPort: number;
let loopbackCert: string;
let proxy: TestProxy;
let proxyWithAuth: string;
const tenantSaw: { method: string; path: string; authorization: string | null }[] = [];

function listen(server: Server): Promise<number> {
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r((server.address() as AddressInfo).port)));
}

beforeAll(async () => {
  ca = createTestCa();
  // A tenant whose certificate is issued by a private CA, reachable only through the proxy.
  tenant = createServer(ca.issue({ dns: [TENANT] }), (req, res) => {
    tenantSaw.push({
      method: req.method ?? '',
      path: req.url ?? '',
      authorization: req.headers.authorization ?? null,
    });
    req.resume();
    if (req.url?.endsWith('/query:execute'))
      return res
        .writeHead(200, { 'content-type': 'application/json', date: new Date().toUTCString() })
        .end(JSON.stringify({ state: 'SUCCEEDED', result: { records: [], types: [] } }));
    if (req.url?.endsWith('/bizevents/ingest')) return res.writeHead(202).end();
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
  const tenantPort = await listen(tenant);
  const self = selfSigned({ ip: ['127.0.0.1'] });
  loopbackCert = self.cert;
  loopback = createServer(self, (_req, res) => res.end('{"sandbox":true}'));
  loopbackPort = await listen(loopback);
  proxy = await startConnectProxy({
    routes: { [`${TENANT}:443`]: tenantPort, [`${OTHER}:443`]: tenantPort },
    credentials: { user: PROXY_USER, password: PROXY_PASSWORD },
  });
  proxyWithAuth = `http://${PROXY_USER}:${PROXY_PASSWORD}@127.0.0.1:${proxy.port}`;
});

afterAll(async () => {
  await proxy.close();
  tenant.closeAllConnections();
  tenant.close();
  loopback.closeAllConnections();
  loopback.close();
  ca.dispose();
});

function client(env: NodeJS.ProcessEnv, trust = new TrustStore({})) {
  return createHttp({ proxy: appProxyResolver(null, env), caFor: (host) => trust.caFor(host) });
}

function trusting(host: string, pem: string): TrustStore {
  const trust = new TrustStore({});
  trust.set('profile', [host], pem);
  return trust;
}

async function networkError(promise: Promise<unknown>): Promise<AppError> {
  const err = await rejectionOf(promise);
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe('NETWORK');
  expect((err as AppError).message).not.toContain(PROXY_PASSWORD);
  return err as AppError;
}

describe('HTTPS_PROXY and custom CA certificates', () => {
  it('tunnels through the proxy (with its credentials) and trusts the environment CA', async () => {
    const before = proxy.seen.length;
    const http = client({ HTTPS_PROXY: proxyWithAuth }, trusting(TENANT, ca.certPem));
    const res = await http({ method: 'GET', url: `https://${TENANT}/echo` });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ ok: true });
    const tunnel = proxy.seen.slice(before).find((t) => t.target === `${TENANT}:443`);
    expect(tunnel?.proxyAuthorization).toBe(
      `Basic ${Buffer.from(`${PROXY_USER}:${PROXY_PASSWORD}`).toString('base64')}`,
    );
  });

  it('honours lower-case https_proxy as well', async () => {
    const before = proxy.seen.length;
    const res = await client(
      { https_proxy: proxyWithAuth },
      trusting(TENANT, ca.certPem),
    )({
      method: 'GET',
      url: `https://${TENANT}/lower`,
    });
    expect(res.status).toBe(200);
    expect(proxy.seen.length).toBeGreaterThan(before);
  });

  it('without the CA the call fails in plain words, naming the fix', async () => {
    const err = await networkError(
      client({ HTTPS_PROXY: proxyWithAuth })({ method: 'GET', url: `https://${TENANT}/x` }),
    );
    expect(err.message).toContain(`https://${TENANT}`);
    expect(err.message).toContain(`through the proxy http://127.0.0.1:${proxy.port}`);
    expect(err.message).toMatch(/not signed by a trusted CA|issuer is not trusted/);
    expect(err.message).toContain('CA certificate to this environment under Connections');
  });

  it('a certificate for another host is a hostname mismatch', async () => {
    const err = await networkError(
      client(
        { HTTPS_PROXY: proxyWithAuth },
        trusting(OTHER, ca.certPem),
      )({ method: 'GET', url: `https://${OTHER}/x` }),
    );
    expect(err.message).toContain('hostname mismatch');
  });

  it('a proxy that wants credentials gets a plain 407 message', async () => {
    const err = await networkError(
      client(
        { HTTPS_PROXY: proxy.url },
        trusting(TENANT, ca.certPem),
      )({ method: 'GET', url: `https://${TENANT}/x` }),
    );
    expect(err.message).toContain(
      'asks for a user name and password (407); add them to HTTPS_PROXY as user:password@',
    );
  });

  it('an unreachable proxy is named, without its password', async () => {
    const closed = createServer();
    const port = await listen(closed);
    await new Promise<void>((r) => closed.close(() => r()));
    const err = await networkError(
      client({ HTTPS_PROXY: `http://${PROXY_USER}:${PROXY_PASSWORD}@127.0.0.1:${port}` })({
        method: 'GET',
        url: `https://${TENANT}/x`,
      }),
    );
    expect(err.message).toBe(
      `Could not reach https://${TENANT} through the proxy http://127.0.0.1:${port}: the proxy is not reachable (connection refused)`,
    );
  });

  it('NO_PROXY sends a host directly', async () => {
    const before = proxy.seen.length;
    const err = await networkError(
      client(
        { HTTPS_PROXY: proxyWithAuth, NO_PROXY: '.bizlens.test' },
        trusting(TENANT, ca.certPem),
      )({
        method: 'GET',
        url: `https://${TENANT}/x`,
        timeoutMs: 20_000,
      }),
    );
    // Directly, the made-up host does not resolve: proof that the proxy was bypassed.
    expect(err.message).not.toContain('through the proxy');
    expect(proxy.seen.length).toBe(before);
  });

  it('never proxies loopback (the embedded sandbox); a self-signed certificate is named as such', async () => {
    const before = proxy.seen.length;
    const url = `https://127.0.0.1:${loopbackPort}/`;
    const err = await networkError(client({ HTTPS_PROXY: proxyWithAuth })({ method: 'GET', url }));
    expect(err.message).toContain('self-signed certificate');
    const trusted = client(
      { HTTPS_PROXY: proxyWithAuth },
      trusting(`127.0.0.1:${loopbackPort}`, loopbackCert),
    );
    expect((await trusted({ method: 'GET', url })).text).toBe('{"sandbox":true}');
    expect(proxy.seen.length).toBe(before);
  });
});

describe('TLS failures in plain words', () => {
  it('an expired certificate is named as expired, in calls and in the diagnostics probe', async () => {
    const expired = createServer(ca.issue({ ip: ['127.0.0.1'] }, { expired: true }), (_req, res) =>
      res.end('x'),
    );
    const port = await listen(expired);
    try {
      const host = `127.0.0.1:${port}`;
      const err = await networkError(
        client({}, trusting(host, ca.certPem))({ method: 'GET', url: `https://${host}/` }),
      );
      expect(err.message).toBe(`Could not reach https://${host}: its TLS certificate has expired`);
      const probe = await nodeNetProbes.tls('127.0.0.1', port, {
        ca: trusting(host, ca.certPem).caFor(host),
      });
      expect(probe.ok).toBe(false);
      expect(probe.message).toContain('expired');
    } finally {
      expired.closeAllConnections();
      expired.close();
    }
  });
});

describe('a profile with a custom CA behind a proxy, end to end', () => {
  let dir: string;
  let service: EnvironmentService;

  afterAll(async () => {
    await service?.dispose();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('saves the CA, runs diagnostics through the proxy and reports the route really used', async () => {
    dir = await mkdtemp(join(tmpdir(), 'bizlens-proxy-'));
    const backend = new SecretBackend({ ok: false, reason: 'test' });
    backend.useSessionOnly();
    const trust = new TrustStore({});
    const proxyResolver = appProxyResolver(null, { HTTPS_PROXY: proxyWithAuth });
    const caFor = (host: string) => trust.caFor(host);
    const http = createHttp({ proxy: proxyResolver, caFor });
    service = await EnvironmentService.open({
      file: new SettingsFile(join(dir, 'settings.json')),
      secrets: backend,
      http,
      bus: new EventBus(),
      dataDir: dir,
      trust,
    });
    const view = await service.save({
      name: 'Behind the company proxy',
      url: `https://${TENANT}/ui/apps`,
      authKind: 'platformToken',
      secret: PLATFORM_TOKEN,
      caCertificate: ca.certPem,
      color: 'blue',
      safety: 'normal',
    });
    expect(view.caCertificates).toEqual([
      expect.objectContaining({ subject: 'CN=Bizlens Test Root CA', isCa: true, expired: false }),
    ]);

    const before = proxy.seen.length;
    const diagnostics = new DiagnosticsService(
      service,
      http,
      { version: 't', edition: 'web' },
      { proxy: proxyResolver, caFor },
    );
    const report = await diagnostics.run(view.id, new AbortController().signal);
    const check = (id: string) => report.checks.find((c) => c.id === id);

    expect(report.proxy).toBe(`http://127.0.0.1:${proxy.port} (HTTPS_PROXY)`);
    expect(check('proxy')?.message).toContain(`through proxy http://127.0.0.1:${proxy.port}`);
    // The made-up host does not resolve here; behind a proxy that is normal, not a failure.
    expect(check(`dns:${TENANT}`)).toMatchObject({ status: 'skip' });
    expect(check(`dns:${TENANT}`)?.message).toContain('normal behind a proxy');
    expect(check(`tls:${TENANT}`)).toMatchObject({ status: 'ok' });
    expect(check(`tls:${TENANT}`)?.message).toContain('CA certificate configured for this environment');
    expect(check('query')).toMatchObject({ status: 'ok' });
    expect(check('ingest')).toMatchObject({ status: 'ok' });
    // The TLS probe and both API calls went through the proxy, and the token reached the tenant.
    expect(
      proxy.seen.slice(before).filter((t) => t.target === `${TENANT}:443`).length,
    ).toBeGreaterThanOrEqual(2);
    expect(
      tenantSaw.some(
        (r) => r.path.endsWith('/query:execute') && r.authorization === `Bearer ${PLATFORM_TOKEN}`,
      ),
    ).toBe(true);
    expect(JSON.stringify(report)).not.toContain(PROXY_PASSWORD);
    expect(JSON.stringify(report)).not.toContain(PLATFORM_TOKEN);

    // Removing the CA takes effect at once: the same call now fails in plain words.
    await service.save({ ...draftOf(view), caCertificate: '' });
    const again = await diagnostics.run(view.id, new AbortController().signal);
    expect(again.checks.find((c) => c.id === `tls:${TENANT}`)).toMatchObject({ status: 'fail' });
    expect(again.checks.find((c) => c.id === 'query')?.message).toMatch(
      /not signed by a trusted CA|issuer is not trusted/,
    );
  });
});

function draftOf(view: Awaited<ReturnType<EnvironmentService['get']>>) {
  return {
    id: view.id,
    name: view.name,
    url: view.url,
    authKind: view.authKind,
    color: view.color,
    safety: view.safety,
  };
}
