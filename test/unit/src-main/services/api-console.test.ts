import { describe, expect, it } from 'vitest';
import { ApiConsole, checkConsolePath } from '../../../../src-main/services/api-console';
import type { Connection } from '../../../../src-main/services/connection';
import { curlFor, shellQuote } from '../../../../src-main/services/curl';
import { assertWriteAllowed } from '../../../../src-main/services/write-guard';
import { rejectionOf } from '../../../support/rejection';
import { fakeHttp } from './fake-http';

const TOKEN = 'eyJhbGciOiJFUzI1NiJ9.eyJzY29wZSI6IngifQ.c2lnbmF0dXJlc2lnbmF0dXJl';

function setup(safety: 'normal' | 'production' | 'read-only', authKind: 'oauth' | 'apiToken' = 'oauth') {
  const { http, calls } = fakeHttp({
    'POST https://abc.apps.dynatrace.com/platform/app-engine/app-functions/v1/apps/my.app/api/calc': (
      req,
    ) => ({
      status: 200,
      body: { echoed: req.headers?.authorization },
      headers: { 'set-cookie': 'session=abc', 'content-type': 'application/json' },
    }),
  });
  const conn: Connection = {
    environmentId: 'e',
    platformBaseUrl: 'https://abc.apps.dynatrace.com',
    classicBaseUrl: 'https://abc.live.dynatrace.com',
    ingestPath: '/x',
    authorization: async () => `Bearer ${TOKEN}`,
    onUnauthorized: () => undefined,
  };
  const console = new ApiConsole(
    {
      connect: async () => conn,
      assertWriteAllowed: (_id, confirmed) => assertWriteAllowed({ name: 'Env', safety }, confirmed),
      authKindOf: () => authKind,
    },
    http,
  );
  return { console, calls };
}
const signal = new AbortController().signal;
const call = {
  environmentId: 'e',
  method: 'POST' as const,
  path: '/platform/app-engine/app-functions/v1/apps/my.app/api/calc',
  body: '{"a":1}',
};

describe('ApiConsole', () => {
  it('calls an app function with the managed token and redacts it from the answer', async () => {
    const { console, calls } = setup('normal');
    const r = await console.call(call, signal);
    expect(r.status).toBe(200);
    expect(calls[0]!.headers!.authorization).toBe(`Bearer ${TOKEN}`);
    expect(r.body).not.toContain(TOKEN);
    expect(r.headers).toContainEqual(['set-cookie', '[REDACTED]']);
    expect(r.curl).toContain(
      `curl -X POST 'https://abc.apps.dynatrace.com/platform/app-engine/app-functions/v1/apps/my.app/api/calc'`,
    );
    expect(r.curl).toContain('-H "Authorization: Bearer $DT_TOKEN"');
    expect(r.curl).not.toContain(TOKEN);
  });

  it('asks to download only the first MB, which is all it shows', async () => {
    const { console, calls } = setup('normal');
    const r = await console.call(call, signal);
    expect(calls[0]!.truncateAt).toBe(1024 * 1024);
    expect(r.truncated).toBe(false);
  });

  it('obeys the safety level for writes, not for reads', async () => {
    expect((await rejectionOf(setup('read-only').console.call(call, signal))).code).toBe(
      'ENVIRONMENT_READ_ONLY',
    );
    expect((await rejectionOf(setup('production').console.call(call, signal))).code).toBe(
      'CONFIRMATION_REQUIRED',
    );
    expect(
      (await setup('production').console.call({ ...call, confirmProduction: true }, signal)).status,
    ).toBe(200);
    const get = await setup('read-only').console.call(
      { environmentId: 'e', method: 'GET', path: '/platform/none' },
      signal,
    );
    expect(get.status).toBe(404);
  });

  it('refuses paths outside the environment APIs and platform paths with an API token', async () => {
    for (const bad of [
      'https://evil.example/x',
      '/etc/passwd',
      '/platform/../api/x',
      '/platform/a b',
      '/api/v2/%2e%2e/x',
    ])
      expect(() => checkConsolePath(bad)).toThrow();
    expect(checkConsolePath('/api/v2/metrics?x=1')).toBe('/api/v2/metrics?x=1');
    expect((await rejectionOf(setup('normal', 'apiToken').console.call(call, signal))).code).toBe(
      'PLATFORM_NEEDS_BEARER',
    );
  });
});

describe('curl', () => {
  it('quotes for a POSIX shell, so a body cannot break out', () => {
    expect(shellQuote(`it's $(rm -rf /)`)).toBe(`'it'\\''s $(rm -rf /)'`);
    const c = curlFor({ method: 'POST', url: 'https://x/api/v2/a', authKind: 'apiToken', body: `{"q":"'"}` });
    expect(c).toContain('Api-Token $DT_API_TOKEN');
    expect(c).toContain(`--data-raw '{"q":"'\\''"}'`);
  });
});
