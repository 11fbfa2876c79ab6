import { describe, expect, it } from 'vitest';
import type { NetProbes } from '../../../../src-main/platform/net-probes';
import { appProxyResolver } from '../../../../src-main/platform/proxy-resolver';
import type { Connection } from '../../../../src-main/services/connection';
import { DiagnosticsService } from '../../../../src-main/services/diagnostics/diagnostics-service';
import type { DiagnosticsTarget } from '../../../../src-main/services/environments';
import { OAuthTokenProvider } from '../../../../src-main/services/token-provider';
import { ingestScopes, queryScopes } from '../../../../src-shared/auth/scopes';
import { fakeHttp, tokenRoute, type Route } from './fake-http';

const SECRET_PART = 'G3DFPBEJYMODIDAEX454M7YWBUVEFOWKPRVMWFASS64NFH52PX6BNDVFFM572RZM';
const CLIENT_ID = 'dt0s02.ABCD1234';
const CLIENT_SECRET = `${CLIENT_ID}.${SECRET_PART}`;
const SSO = 'https://sso.dynatrace.com/sso/oauth2/token';
const PLATFORM = 'https://abc12345.apps.dynatrace.com';
const ALL = ['storage:bizevents:read', 'storage:buckets:read', 'storage:events:write'];

const probes: NetProbes = {
  dns: async (host) => ({ ok: true, addresses: 1, message: `${host} resolves (1 address).` }),
  tls: async () => ({
    ok: true,
    message: 'TLSv1.3, certificate trusted, valid for 90 more days.',
    validTo: Date.now() + 90 * 86_400_000,
  }),
};

function setup(routes: Record<string, Route>, over: Partial<DiagnosticsTarget> = {}) {
  const { http, calls } = fakeHttp(routes);
  const target: DiagnosticsTarget = {
    name: 'Prod EU',
    authKind: 'oauth',
    safety: 'normal',
    classicBase: 'https://abc12345.live.dynatrace.com',
    platformBase: PLATFORM,
    tokenUrl: SSO,
    clientId: CLIENT_ID,
    scopes: ALL,
    tokenIdentifier: CLIENT_ID,
    readSecret: async () => CLIENT_SECRET,
    ...over,
  };
  const connect = async (_id: string, purpose: 'query' | 'ingest'): Promise<Connection> => {
    const p = new OAuthTokenProvider(
      {
        tokenUrl: SSO,
        clientId: CLIENT_ID,
        scopes: purpose === 'query' ? queryScopes(target.scopes) : ingestScopes(target.scopes),
        readSecret: target.readSecret,
      },
      http,
    );
    return {
      environmentId: 'e',
      platformBaseUrl: PLATFORM,
      ingestPath: '/platform/classic/environment-api/v2/bizevents/ingest',
      authorization: async () => `Bearer ${await p.token()}`,
      onUnauthorized: () => p.invalidate(),
    };
  };
  const service = new DiagnosticsService(
    { diagnosticsTarget: () => target, connect },
    http,
    { version: '0.1.0', edition: 'web' },
    { probes, proxy: appProxyResolver(null, {}) },
  );
  return { service, calls };
}

const apis = (): Record<string, Route> => ({
  [`POST ${PLATFORM}/platform/storage/query/v1/query:execute`]: () => ({
    status: 200,
    body: { state: 'SUCCEEDED', result: { records: [] } },
  }),
  [`POST ${PLATFORM}/platform/classic/environment-api/v2/bizevents/ingest`]: () => ({ status: 202 }),
});

const status = (r: { checks: { id: string; status: string }[] }, id: string) =>
  r.checks.find((c) => c.id === id)?.status;
const signal = new AbortController().signal;

describe('DiagnosticsService', () => {
  it('passes every check for a fully authorized client', async () => {
    const { service } = setup({ [`POST ${SSO}`]: tokenRoute(CLIENT_ID, CLIENT_SECRET, ALL), ...apis() });
    const r = await service.run('e', signal);
    expect(r.checks.filter((c) => c.status === 'fail')).toEqual([]);
    expect(['token', 'query', 'ingest', 'secret'].map((id) => status(r, id))).toEqual([
      'ok',
      'ok',
      'ok',
      'ok',
    ]);
    expect(r.scopes.map((s) => s.status)).toEqual(['granted', 'granted', 'granted']);
    expect(r.missingScopes).toEqual([]);
    expect(r.clockSkewSeconds).not.toBeNull();
    expect(Math.abs(r.clockSkewSeconds!)).toBeLessThanOrEqual(2);
  });

  it('names the missing write scope, suggests the IAM policy, and still tests queries', async () => {
    const { service } = setup({
      [`POST ${SSO}`]: tokenRoute(CLIENT_ID, CLIENT_SECRET, ALL.slice(0, 2)),
      ...apis(),
    });
    const r = await service.run('e', signal);
    expect(status(r, 'token')).toBe('fail');
    expect(r.checks.find((c) => c.id === 'token')!.message).toMatch(/lacks the scope storage:events:write/);
    expect(status(r, 'query')).toBe('ok');
    expect(status(r, 'ingest')).toBe('fail');
    expect(r.scopes.map((s) => [s.scope, s.status])).toEqual([
      ['storage:bizevents:read', 'granted'],
      ['storage:buckets:read', 'granted'],
      ['storage:events:write', 'missing'],
    ]);
    expect(r.missingScopes).toEqual(['storage:events:write']);
    expect(r.policy).toEqual(['ALLOW storage:events:write;']);
    expect(r.report).toContain('Suggested IAM policy:\n  ALLOW storage:events:write;');
  });

  it('reports policy gaps the API names in a 403 (client has the scope, the service user lacks the permission)', async () => {
    const { service } = setup({
      [`POST ${SSO}`]: tokenRoute(CLIENT_ID, CLIENT_SECRET, ALL),
      ...apis(),
      [`POST ${PLATFORM}/platform/storage/query/v1/query:execute`]: () => ({
        status: 403,
        body: {
          error: {
            code: 403,
            message: 'Insufficient permissions.',
            details: { missingScopes: ['storage:buckets:read'] },
          },
        },
      }),
    });
    const r = await service.run('e', signal);
    expect(status(r, 'query')).toBe('fail');
    expect(r.policy).toEqual(['ALLOW storage:buckets:read WHERE storage:table-name = "bizevents";']);
  });

  it('says "client id or secret is wrong" and stops before the APIs', async () => {
    const { service, calls } = setup({ [`POST ${SSO}`]: tokenRoute(CLIENT_ID, 'other', ALL), ...apis() });
    const r = await service.run('e', signal);
    expect(r.checks.find((c) => c.id === 'token')!.message).toBe('The client id or secret is wrong.');
    expect(calls.filter((c) => c.url.startsWith(SSO))).toHaveLength(1);
  });

  it('never writes to production or read-only environments', async () => {
    const { service, calls } = setup(
      { [`POST ${SSO}`]: tokenRoute(CLIENT_ID, CLIENT_SECRET, ALL), ...apis() },
      { safety: 'production' },
    );
    const r = await service.run('e', signal);
    expect(status(r, 'ingest')).toBe('skip');
    expect(calls.some((c) => c.url.includes('bizevents/ingest'))).toBe(false);
  });

  it('explains an HTML token endpoint, and the report holds no secret or token', async () => {
    const { service } = setup({
      [`POST ${SSO}`]: () => ({
        status: 200,
        headers: { 'content-type': 'text/html' },
        raw: `<html>login ${CLIENT_SECRET}</html>`,
      }),
    });
    const r = await service.run('e', signal);
    expect(r.checks.find((c) => c.id === 'token')!.message).toMatch(/web page/);
    const all = JSON.stringify(r);
    expect(all).not.toContain(SECRET_PART);
    expect(r.report).toContain(`Environment: Prod EU — OAuth client ${CLIENT_ID}`);
  });

  it('reports clock skew from the server Date header and a configured proxy without its password', async () => {
    const skewed = tokenRoute(CLIENT_ID, CLIENT_SECRET, ALL);
    const { http } = fakeHttp({
      [`POST ${SSO}`]: (req, form) => ({
        ...skewed(req, form),
        headers: { date: new Date(Date.now() + 600_000).toUTCString() },
      }),
    });
    const target: DiagnosticsTarget = {
      name: 'X',
      authKind: 'oauth',
      safety: 'production',
      classicBase: PLATFORM,
      platformBase: PLATFORM,
      tokenUrl: SSO,
      clientId: CLIENT_ID,
      scopes: ['storage:events:write'],
      tokenIdentifier: null,
      readSecret: async () => CLIENT_SECRET,
    };
    const tunnels: (string | null | undefined)[] = [];
    const tracked: NetProbes = {
      ...probes,
      tls: async (host, port, options) => {
        tunnels.push(options?.proxyUrl);
        return probes.tls(host, port, options);
      },
    };
    const service = new DiagnosticsService(
      {
        diagnosticsTarget: () => target,
        connect: async () => {
          throw new Error('unused');
        },
      },
      http,
      { version: '0', edition: 'web' },
      {
        probes: tracked,
        proxy: appProxyResolver(null, { HTTPS_PROXY: 'http://user:hunter2hunter2@proxy.example:3128' }),
      },
    );
    const r = await service.run('e', signal);
    expect(r.clockSkewSeconds).toBeGreaterThan(590);
    expect(status(r, 'clock')).toBe('warn');
    expect(r.proxy).toBe('http://proxy.example:3128 (HTTPS_PROXY)');
    expect(status(r, 'proxy')).toBe('ok');
    // The TLS probe takes the same tunnel as the API calls (with the credentials it needs)…
    expect(tunnels).toContain('http://user:hunter2hunter2@proxy.example:3128');
    // …and nothing shown carries them.
    expect(JSON.stringify(r)).not.toContain('hunter2');
  });
});
