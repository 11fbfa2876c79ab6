import { describe, expect, it } from 'vitest';
import type { HttpRequest, HttpResponse } from '../../../../src-main/platform/http';
import { sendAuthorized } from '../../../../src-main/services/connection';
import { OAuthTokenProvider } from '../../../../src-main/services/token-provider';
import { AppError } from '../../../../src-shared/errors';
import { rejectionOf } from '../../../support/rejection';

function tokenServer(responses: Array<{ status: number; body: unknown }>) {
  const calls: HttpRequest[] = [];
  let i = 0;
  const http = async (req: HttpRequest): Promise<HttpResponse> => {
    calls.push(req);
    const r = responses[Math.min(i++, responses.length - 1)]!;
    await new Promise((resolve) => setImmediate(resolve));
    return { status: r.status, headers: new Headers(), text: JSON.stringify(r.body) };
  };
  return { http, calls };
}

const config = {
  tokenUrl: 'http://127.0.0.1:1/sso/oauth2/token',
  clientId: 'dt0s02.ABCDEFGH',
  scopes: ['storage:bizevents:read', 'storage:buckets:read'],
  readSecret: async () => 'dt0s02.ABCDEFGH.SECRET',
};

describe('OAuthTokenProvider', () => {
  it('posts a client-credentials form and caches the token until shortly before expiry', async () => {
    const { http, calls } = tokenServer([
      { status: 200, body: { access_token: 'one', token_type: 'Bearer', expires_in: 300 } },
      { status: 200, body: { access_token: 'two', token_type: 'Bearer', expires_in: '300' } },
    ]);
    let now = 1_000_000;
    const p = new OAuthTokenProvider(config, http, () => now);
    expect(await p.token()).toBe('one');
    const form = new URLSearchParams(calls[0]!.body);
    expect(form.get('grant_type')).toBe('client_credentials');
    expect(form.get('scope')).toBe('storage:bizevents:read storage:buckets:read');
    now += 200_000;
    expect(await p.token()).toBe('one');
    now += 80_000; // within the refresh margin
    expect(await p.token()).toBe('two');
    expect(calls).toHaveLength(2);
  });

  it('fetches once for concurrent callers (single flight)', async () => {
    const { http, calls } = tokenServer([
      { status: 200, body: { access_token: 'one', token_type: 'Bearer', expires_in: 300 } },
    ]);
    const p = new OAuthTokenProvider(config, http);
    const tokens = await Promise.all([p.token(), p.token(), p.token()]);
    expect(tokens).toEqual(['one', 'one', 'one']);
    expect(calls).toHaveLength(1);
  });

  it('fetches a fresh token after invalidate()', async () => {
    const { http } = tokenServer([
      { status: 200, body: { access_token: 'one', token_type: 'Bearer', expires_in: 300 } },
      { status: 200, body: { access_token: 'two', token_type: 'Bearer', expires_in: 300 } },
    ]);
    const p = new OAuthTokenProvider(config, http);
    await p.token();
    p.invalidate();
    expect(await p.token()).toBe('two');
  });

  it('maps OAuth errors to plain words without echoing the secret', async () => {
    const { http } = tokenServer([
      { status: 400, body: { error: 'invalid_client', error_description: 'bad' } },
    ]);
    const err = await rejectionOf(new OAuthTokenProvider(config, http).token());
    expect(err.code).toBe('AUTH_INVALID_CLIENT');
    expect(err.message).toBe('The client id or secret is wrong.');
    const scope = tokenServer([
      { status: 400, body: { error: 'invalid_scope', error_description: 'missing storage:x' } },
    ]);
    const e2 = await rejectionOf(new OAuthTokenProvider(config, scope.http).token());
    expect(e2.code).toBe('AUTH_INVALID_SCOPE');
    expect(e2.message).toContain('missing storage:x');
    expect(e2.message).not.toContain('SECRET');
  });

  it('refuses to call the endpoint when no secret is stored', async () => {
    const { http, calls } = tokenServer([]);
    const p = new OAuthTokenProvider({ ...config, readSecret: async () => null }, http);
    await expect(p.token()).rejects.toMatchObject({ code: 'SECRET_MISSING' });
    expect(calls).toHaveLength(0);
  });

  it('explains an HTML answer, a redirect and a timeout from the token endpoint in plain words', async () => {
    const html = async (): Promise<HttpResponse> => ({
      status: 200,
      headers: new Headers({ 'content-type': 'text/html' }),
      text: '<!DOCTYPE html><html><body>Sign in</body></html>',
    });
    const e1 = await rejectionOf(new OAuthTokenProvider(config, html).token());
    expect(e1.code).toBe('TOKEN_ENDPOINT_NOT_OAUTH');
    expect(e1.message).toMatch(/web page.*Check the token URL/);
    const redirect = async (): Promise<HttpResponse> => ({ status: 302, headers: new Headers(), text: '' });
    expect((await rejectionOf(new OAuthTokenProvider(config, redirect).token())).code).toBe(
      'TOKEN_ENDPOINT_REDIRECT',
    );
    const timeout = async (): Promise<HttpResponse> => {
      throw new AppError('TIMEOUT', 'No answer');
    };
    const e3 = await rejectionOf(new OAuthTokenProvider(config, timeout).token());
    expect(e3.code).toBe('TOKEN_ENDPOINT_TIMEOUT');
    expect(e3.message).toMatch(/did not answer within 30 s/);
  });

  it("names the missing scopes from Dynatrace SSO's invalid_request wording", async () => {
    const { http } = tokenServer([
      {
        status: 400,
        body: {
          error: 'invalid_request',
          error_description:
            'Invalid OAuth2 request. UNSUCCESSFUL_OAUTH_ACCESS_TOKEN_VALIDATION_FAILED | OAuth client is missing following scopes [storage:events:write]',
        },
      },
    ]);
    const err = await rejectionOf(new OAuthTokenProvider(config, http).token());
    expect(err.code).toBe('AUTH_INVALID_SCOPE');
    expect(err.message).toMatch(/lacks the scope storage:events:write/);
    expect(err.details).toMatchObject({ missingScopes: ['storage:events:write'] });
  });

  it('uses expires_in given as a string and defaults to 300 s without it', async () => {
    let now = 0;
    const { http, calls } = tokenServer([
      { status: 200, body: { access_token: 'one', token_type: 'Bearer', expires_in: '60' } },
      { status: 200, body: { access_token: 'two', token_type: 'Bearer' } },
      { status: 200, body: { access_token: 'three', token_type: 'Bearer' } },
    ]);
    const p = new OAuthTokenProvider(config, http, () => now);
    expect(await p.token()).toBe('one');
    expect(p.expiresAt()).toBe(60_000);
    now = 30_001; // inside the 30 s margin of a 60 s token
    expect(await p.token()).toBe('two');
    expect(p.expiresAt()).toBe(330_001);
    expect(calls).toHaveLength(2);
  });

  it('retries once on 401 with a fresh token (sendAuthorized)', async () => {
    const { http: tokens } = tokenServer([
      { status: 200, body: { access_token: 'stale', token_type: 'Bearer', expires_in: 300 } },
      { status: 200, body: { access_token: 'fresh', token_type: 'Bearer', expires_in: 300 } },
    ]);
    const p = new OAuthTokenProvider(config, tokens);
    const seen: string[] = [];
    const api = async (req: HttpRequest): Promise<HttpResponse> => {
      seen.push(req.headers!.authorization!);
      return {
        status: req.headers!.authorization === 'Bearer fresh' ? 200 : 401,
        headers: new Headers(),
        text: '{}',
      };
    };
    const conn = {
      environmentId: 'x',
      platformBaseUrl: 'http://tenant',
      ingestPath: '/i',
      authorization: async () => `Bearer ${await p.token()}`,
      onUnauthorized: () => p.invalidate(),
    };
    expect((await sendAuthorized(conn, api, { method: 'GET', path: '/platform/x' })).status).toBe(200);
    expect(seen).toEqual(['Bearer stale', 'Bearer fresh']);
    const always401 = async (req: HttpRequest): Promise<HttpResponse> => {
      seen.push(req.headers!.authorization!);
      return { status: 401, headers: new Headers(), text: '{}' };
    };
    seen.length = 0;
    expect((await sendAuthorized(conn, always401, { method: 'GET', path: '/platform/x' })).status).toBe(401);
    expect(seen).toHaveLength(2);
  });
});
