import { describe, expect, it } from 'vitest';
import type { HttpRequest, HttpResponse } from '../../../../src-main/platform/http';
import { OAuthTokenProvider } from '../../../../src-main/services/token-provider';
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
});
