import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_CLIENT_ID, DEV_CLIENT_SECRET } from '../../../src-main/sandbox/dev-credentials';
import { ALL_SCOPES, startTestSandbox } from './helpers';
import type { TestSandbox } from './helpers';

let sb: TestSandbox;
beforeAll(async () => {
  sb = await startTestSandbox({
    clients: [
      { clientId: DEV_CLIENT_ID, clientSecret: DEV_CLIENT_SECRET, scopes: ALL_SCOPES },
      {
        clientId: 'dt0s02.READONLY',
        clientSecret: 'dt0s02.READONLY.SECRET',
        scopes: ['storage:bizevents:read'],
      },
    ],
  });
});
afterAll(() => sb.dispose());

function tokenRequest(
  params: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${sb.url}/sso/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(params),
  });
}

const decode = (part: string | undefined) =>
  JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;

describe('POST /sso/oauth2/token', () => {
  it('issues an ES256 JWT access token for client credentials', async () => {
    const scope = 'storage:bizevents:read storage:buckets:read';
    const res = await tokenRequest({
      grant_type: 'client_credentials',
      client_id: DEV_CLIENT_ID,
      client_secret: DEV_CLIENT_SECRET,
      scope,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      token_type: 'Bearer',
      expires_in: 300,
      scope,
      resource: expect.stringMatching(/^urn:dtaccount:/),
    });
    const [h, p, s] = String(body.access_token).split('.');
    expect(decode(h)).toMatchObject({ alg: 'ES256', typ: 'JWT' });
    const claims = decode(p);
    expect(claims).toMatchObject({
      aud: DEV_CLIENT_ID,
      scope,
      gt: 'cc',
      sub: expect.stringMatching(/^[0-9a-f-]{36}$/),
      jti: expect.any(String),
    });
    expect(Number(claims.exp) - Number(claims.iat)).toBe(300);
    expect(Buffer.from(s ?? '', 'base64url')).toHaveLength(64); // raw P-256 r||s
  });

  it('accepts HTTP Basic client authentication', async () => {
    const basic = Buffer.from(`${DEV_CLIENT_ID}:${DEV_CLIENT_SECRET}`).toString('base64');
    const res = await tokenRequest(
      { grant_type: 'client_credentials', scope: 'storage:events:write' },
      { authorization: `Basic ${basic}` },
    );
    expect(res.status).toBe(200);
  });

  it('rejects a wrong secret or unknown client with invalid_client, never echoing the secret', async () => {
    for (const [id, secret] of [
      [DEV_CLIENT_ID, `${DEV_CLIENT_SECRET}X`],
      ['dt0s02.NOPE', DEV_CLIENT_SECRET],
    ] as const) {
      const res = await tokenRequest({
        grant_type: 'client_credentials',
        client_id: id,
        client_secret: secret,
        scope: 'storage:bizevents:read',
      });
      expect(res.status).toBe(400);
      const text = await res.text();
      expect(JSON.parse(text)).toMatchObject({
        error: 'invalid_client',
        error_description: expect.any(String),
      });
      expect(text).not.toContain(secret);
    }
  });

  it('rejects unsupported grants', async () => {
    const res = await tokenRequest({
      grant_type: 'authorization_code',
      client_id: DEV_CLIENT_ID,
      client_secret: DEV_CLIENT_SECRET,
      code: 'x',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'unsupported_grant_type' });
  });

  it('rejects scopes outside the client allowance with invalid_scope', async () => {
    const res = await tokenRequest({
      grant_type: 'client_credentials',
      client_id: 'dt0s02.READONLY',
      client_secret: 'dt0s02.READONLY.SECRET',
      scope: 'storage:bizevents:read storage:events:write',
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; error_description: string };
    expect(body.error).toBe('invalid_scope');
    expect(body.error_description).toContain('storage:events:write');
  });

  it('requires a form-encoded POST', async () => {
    const json = await fetch(`${sb.url}/sso/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(json.status).toBe(400);
    expect(await json.json()).toMatchObject({ error: 'invalid_request' });
    expect((await fetch(`${sb.url}/sso/oauth2/token`)).status).toBe(405);
    expect((await fetch(`${sb.url}/nothing/here`)).status).toBe(404);
  });
});
