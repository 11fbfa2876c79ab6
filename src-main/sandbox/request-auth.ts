/**
 * Authorization header → principal with scopes. Classic endpoints accept `Api-Token` and `Bearer`;
 * platform endpoints only `Bearer` (reference §2.5, §4.3). Errors are user-safe: the scheme is
 * echoed only when it looks like a scheme name, the credential never.
 */
import type { IncomingMessage } from 'node:http';
import { findApiToken } from './auth';
import type { TokenService } from './auth';
import type { ApiTokenCredentials } from './dev-credentials';

export interface Principal {
  readonly kind: 'oauth' | 'apiToken';
  readonly scopes: ReadonlySet<string>;
}

export type AuthOutcome = { ok: true; principal: Principal } | { ok: false; status: 401; message: string };

export interface AuthDeps {
  readonly tokens: TokenService;
  readonly apiTokens: readonly ApiTokenCredentials[];
  readonly nowSeconds: () => number;
}

export function authenticate(req: IncomingMessage, deps: AuthDeps, allowApiToken: boolean): AuthOutcome {
  const header = req.headers.authorization;
  if (!header || !header.trim())
    return { ok: false, status: 401, message: 'Missing authorization parameter.' };
  const m = /^\s*(\S+)\s+(\S+)\s*$/.exec(header);
  const scheme = m?.[1] ?? '';
  const credential = m?.[2] ?? '';
  const shownScheme = /^[A-Za-z-]{1,20}$/.test(scheme) ? scheme : '…';
  if (scheme.toLowerCase() === 'bearer') {
    const v = deps.tokens.verify(credential, deps.nowSeconds());
    if (!v.ok) {
      return {
        ok: false,
        status: 401,
        message: v.reason === 'expired' ? 'The access token has expired.' : 'The access token is invalid.',
      };
    }
    return { ok: true, principal: { kind: 'oauth', scopes: v.scopes } };
  }
  if (!allowApiToken) {
    return {
      ok: false,
      status: 401,
      message: `Unsupported authorization scheme '${shownScheme}'. Dynatrace platform APIs require the authorization scheme 'Bearer'.`,
    };
  }
  if (scheme.toLowerCase() === 'api-token') {
    const t = findApiToken(deps.apiTokens, credential);
    if (!t) return { ok: false, status: 401, message: 'Token Authentication failed' };
    return { ok: true, principal: { kind: 'apiToken', scopes: new Set(t.scopes) } };
  }
  return {
    ok: false,
    status: 401,
    message: `Unsupported authorization scheme '${shownScheme}'. Use 'Api-Token' or 'Bearer'.`,
  };
}

export function missingScopes(principal: Principal, required: readonly string[]): string[] {
  return required.filter((s) => !principal.scopes.has(s));
}
