/**
 * OAuth client-credentials tokens: cached in memory only, refreshed before expiry, single-flight
 * under concurrency. The secret is read from the credential store at the moment of use and goes
 * only into the form body of the token request; errors are mapped to plain words.
 */
import { z } from 'zod';
import { missingScopesIn } from '../../src-shared/auth/scopes';
import { TOKEN_REFRESH_MARGIN_MS } from '../../src-shared/auth/token-refresh';
import { AppError, toErrorData } from '../../src-shared/errors';
import { safeOrigin, type HttpSend } from '../platform/http';
import { redactText, rememberSecret } from '../platform/redaction';

const TokenResponse = z.object({
  access_token: z.string().min(1),
  token_type: z.string(),
  expires_in: z.union([z.number().nonnegative(), z.string().regex(/^\d+$/)]).optional(),
  scope: z.string().optional(),
});

const OAuthError = z.object({ error: z.string(), error_description: z.string().optional() });

export interface OAuthClientConfig {
  tokenUrl: string;
  clientId: string;
  scopes: readonly string[];
  resource?: string;
  /** How long the token endpoint may take; default 30 s. */
  timeoutMs?: number;
  readSecret: () => Promise<string | null>;
}

export interface TokenGrant {
  accessToken: string;
  expiresInSeconds: number;
  /** The scopes the server says it granted, when it says. */
  scope: string | null;
  /** The token endpoint's Date header (for clock-skew checks). */
  serverDate: string | null;
}

/** Dynatrace client-credentials tokens live 300 s; used when expires_in is absent. */
const DEFAULT_LIFETIME_S = 300;
const TOKEN_TIMEOUT_MS = 30_000;
/** A token response is a few KB; anything near this is not a token endpoint. */
const MAX_TOKEN_RESPONSE = 1024 * 1024;

/** One client-credentials request. Used by the provider and by diagnostics (which probes scopes). */
export async function requestClientCredentials(
  config: Omit<OAuthClientConfig, 'readSecret'>,
  secret: string,
  http: HttpSend,
  signal?: AbortSignal,
): Promise<TokenGrant> {
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: config.clientId,
    client_secret: secret,
    scope: config.scopes.join(' '),
  });
  if (config.resource) form.set('resource', config.resource);
  const timeoutMs = config.timeoutMs ?? TOKEN_TIMEOUT_MS;
  let res;
  try {
    res = await http({
      method: 'POST',
      url: config.tokenUrl,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form.toString(),
      timeoutMs,
      maxBytes: MAX_TOKEN_RESPONSE,
      ...(signal ? { signal } : {}),
    });
  } catch (err) {
    if (err instanceof AppError && err.code === 'TIMEOUT')
      throw new AppError(
        'TOKEN_ENDPOINT_TIMEOUT',
        `The token endpoint ${safeOrigin(config.tokenUrl)} did not answer within ${Math.round(timeoutMs / 1000)} s.`,
        {},
        true,
      );
    throw err;
  }
  const json = parseJson(res.text);
  if (res.status >= 300 && res.status < 400)
    throw new AppError(
      'TOKEN_ENDPOINT_REDIRECT',
      `The token URL redirects (HTTP ${res.status}) — it is probably not the token endpoint. Check the token URL.`,
      { status: res.status },
    );
  if (json === undefined)
    throw new AppError(
      'TOKEN_ENDPOINT_NOT_OAUTH',
      looksLikeHtml(res.text, res.headers.get('content-type'))
        ? `The token URL answered with a web page (HTTP ${res.status}), not an OAuth response. Check the token URL.`
        : `The token URL answered HTTP ${res.status} with a body that is not JSON. Check the token URL.`,
      { status: res.status },
    );
  if (res.status !== 200) throw oauthError(res.status, json);
  const parsed = TokenResponse.safeParse(json);
  if (!parsed.success)
    throw new AppError('TOKEN_RESPONSE_INVALID', 'The token endpoint answered without an access token.');
  rememberSecret(parsed.data.access_token);
  return {
    accessToken: parsed.data.access_token,
    expiresInSeconds: Number(parsed.data.expires_in ?? DEFAULT_LIFETIME_S),
    scope: parsed.data.scope ?? null,
    serverDate: res.headers.get('date'),
  };
}

export class OAuthTokenProvider {
  private cached: { token: string; expiresAt: number } | null = null;
  private inflight: Promise<string> | null = null;
  /** Why the latest sign-in failed (redacted), until one succeeds: the status bar says it. */
  private failure: string | null = null;

  constructor(
    private readonly config: OAuthClientConfig,
    private readonly http: HttpSend,
    private readonly now: () => number = Date.now,
    /** Told whenever the cached token changes (the UI shows its lifetime). */
    private readonly onChange: () => void = () => undefined,
  ) {}

  async token(): Promise<string> {
    if (this.cached && this.cached.expiresAt - TOKEN_REFRESH_MARGIN_MS > this.now()) return this.cached.token;
    this.inflight ??= this.fetchToken().finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  /** When the cached token expires (epoch ms), or null when none is cached. */
  expiresAt(): number | null {
    return this.cached?.expiresAt ?? null;
  }

  /** Drop the cached token (e.g. after a 401) so the next call fetches a fresh one. */
  invalidate(): void {
    if (!this.cached) return;
    this.cached = null;
    this.onChange();
  }

  /** The latest sign-in's failure, or null when it succeeded (or none was tried). */
  lastFailure(): string | null {
    return this.failure;
  }

  private async fetchToken(): Promise<string> {
    let grant: Awaited<ReturnType<typeof requestClientCredentials>>;
    try {
      const secret = await this.config.readSecret();
      if (!secret) throw new AppError('SECRET_MISSING', 'No client secret is stored for this environment.');
      grant = await requestClientCredentials(this.config, secret, this.http);
    } catch (err) {
      this.failure = redactText(toErrorData(err).message);
      this.onChange();
      throw err;
    }
    this.cached = { token: grant.accessToken, expiresAt: this.now() + grant.expiresInSeconds * 1000 };
    this.failure = null;
    this.onChange();
    return grant.accessToken;
  }
}

/** OAuth error bodies (RFC 6749 §5.2; Dynatrace SSO answers 400) in plain words. */
export function oauthError(status: number, json: unknown): AppError {
  const parsed = OAuthError.safeParse(json);
  const code = parsed.success ? parsed.data.error : undefined;
  const description = parsed.success ? (parsed.data.error_description ?? '') : '';
  const missing = missingScopesIn(description);
  if (code === 'invalid_scope' || missing.length > 0) {
    const which = missing.length
      ? `lacks the scope${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`
      : `lacks a requested scope${description ? ` (${description.slice(0, 200)})` : ''}`;
    return new AppError(
      'AUTH_INVALID_SCOPE',
      `The OAuth client ${which}. Grant ${missing.length > 1 ? 'them' : 'it'} to the client, or remove ${missing.length > 1 ? 'them' : 'it'} from this environment's scopes.`,
      { status, missingScopes: missing },
    );
  }
  switch (code) {
    case 'invalid_client':
      return new AppError('AUTH_INVALID_CLIENT', 'The client id or secret is wrong.', { status });
    case 'unauthorized_client':
      return new AppError(
        'AUTH_UNAUTHORIZED_CLIENT',
        'This OAuth client may not use the client-credentials grant.',
        { status },
      );
    case 'invalid_target':
      return new AppError(
        'AUTH_INVALID_RESOURCE',
        'The resource (account URN) does not match this OAuth client.',
        { status },
      );
    default:
      return new AppError(
        'AUTH_FAILED',
        `The token endpoint refused the request (HTTP ${status}${code ? `, ${code}` : ''}). ${description.slice(0, 300)}`.trim(),
        { status },
      );
  }
}

function looksLikeHtml(text: string, contentType: string | null): boolean {
  return /text\/html/i.test(contentType ?? '') || /^\s*<(!doctype|html)/i.test(text);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
