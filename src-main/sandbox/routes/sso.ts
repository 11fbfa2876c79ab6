/**
 * `POST /sso/oauth2/token` — OAuth 2.0 client credentials (reference §4.1). Form-encoded; client
 * authentication by body parameters or HTTP Basic; requested scopes must be a subset of the
 * client's. Errors are HTTP 400 `{error, error_description}`; secrets never appear in them.
 */
import { ACCESS_TOKEN_LIFETIME_SECONDS, findClient } from '../auth';
import { SANDBOX_ACCOUNT_URN } from '../dev-credentials';
import { oauthError } from '../envelopes';
import { contentType, readBody, sendJson } from '../http-util';
import type { RequestContext } from '../http-util';
import { nowSeconds } from '../sandbox-deps';
import type { SandboxDeps } from '../sandbox-deps';

const MAX_BODY = 64 * 1024;
const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache' };

function fail(ctx: RequestContext, error: string, description: string): void {
  sendJson(ctx, 400, oauthError(error, description), NO_STORE);
}

function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  const m = header ? /^\s*Basic\s+(\S+)\s*$/i.exec(header) : null;
  if (!m?.[1]) return undefined;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  if (i < 0) return undefined;
  return { id: decodeURIComponent(decoded.slice(0, i)), secret: decodeURIComponent(decoded.slice(i + 1)) };
}

export async function handleToken(ctx: RequestContext, deps: SandboxDeps): Promise<void> {
  if (!/^application\/x-www-form-urlencoded\s*(;|$)/i.test(contentType(ctx.req) ?? '')) {
    return fail(ctx, 'invalid_request', 'The request must be application/x-www-form-urlencoded.');
  }
  const body = await readBody(ctx.req, MAX_BODY);
  if (!body.ok) return fail(ctx, 'invalid_request', 'The request body is too large.');
  const form = new URLSearchParams(body.body.toString('utf8'));

  const grantType = form.get('grant_type');
  if (!grantType) return fail(ctx, 'invalid_request', 'The grant_type parameter is required.');
  if (grantType !== 'client_credentials') {
    return fail(
      ctx,
      'unsupported_grant_type',
      'Only the client_credentials grant is supported by the sandbox.',
    );
  }

  let basic: { id: string; secret: string } | undefined;
  try {
    basic = basicCredentials(ctx.req.headers.authorization);
  } catch {
    basic = undefined;
  }
  const clientId = form.get('client_id') ?? basic?.id ?? '';
  const clientSecret = form.get('client_secret') ?? basic?.secret ?? '';
  const client = clientId && clientSecret ? findClient(deps.clients, clientId, clientSecret) : undefined;
  if (!client) return fail(ctx, 'invalid_client', 'Invalid client credentials.');

  const requested = (form.get('scope') ?? '').split(/\s+/).filter(Boolean);
  if (requested.length === 0) return fail(ctx, 'invalid_request', 'The scope parameter is required.');
  const notAllowed = requested.filter((s) => !client.scopes.includes(s));
  if (notAllowed.length > 0) {
    return fail(
      ctx,
      'invalid_scope',
      `The OAuth client is missing the following scopes: [${notAllowed
        .slice(0, 10)
        .map((s) => s.slice(0, 100))
        .join(', ')}]`,
    );
  }
  const scopes = [...new Set(requested)];
  const resourceParam = form.get('resource');
  const resource = resourceParam && resourceParam.length <= 200 ? resourceParam : SANDBOX_ACCOUNT_URN;
  const accessToken = deps.tokens.issue(client.clientId, scopes, nowSeconds(deps), resource);
  sendJson(
    ctx,
    200,
    {
      scope: scopes.join(' '),
      token_type: 'Bearer',
      expires_in: ACCESS_TOKEN_LIFETIME_SECONDS,
      access_token: accessToken,
      resource,
    },
    NO_STORE,
  );
}
