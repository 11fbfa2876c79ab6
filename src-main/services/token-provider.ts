/**
 * OAuth client-credentials tokens: cached in memory only, refreshed before expiry, single-flight
 * under concurrency. The secret is read from the credential store at the moment of use.
 */
import { z } from 'zod';
import { AppError } from '../../src-shared/errors';
import type { HttpSend } from '../platform/http';

const TokenResponse = z.object({
  access_token: z.string().min(1),
  token_type: z.string(),
  expires_in: z.union([z.number(), z.string().regex(/^\d+$/)]).optional(),
  scope: z.string().optional(),
});

const OAuthError = z.object({ error: z.string(), error_description: z.string().optional() });

export interface OAuthClientConfig {
  tokenUrl: string;
  clientId: string;
  scopes: readonly string[];
  resource?: string;
  readSecret: () => Promise<string | null>;
}

/** Refresh this long before expiry so that a token never expires in flight. */
const REFRESH_MARGIN_MS = 30_000;

export class OAuthTokenProvider {
  private cached: { token: string; expiresAt: number } | null = null;
  private inflight: Promise<string> | null = null;

  constructor(
    private readonly config: OAuthClientConfig,
    private readonly http: HttpSend,
    private readonly now: () => number = Date.now,
  ) {}

  async token(): Promise<string> {
    if (this.cached && this.cached.expiresAt - REFRESH_MARGIN_MS > this.now()) return this.cached.token;
    this.inflight ??= this.fetchToken().finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  /** Drop the cached token (e.g. after a 401) so the next call fetches a fresh one. */
  invalidate(): void {
    this.cached = null;
  }

  private async fetchToken(): Promise<string> {
    const secret = await this.config.readSecret();
    if (!secret) throw new AppError('SECRET_MISSING', 'No client secret is stored for this environment.');
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: this.config.clientId,
      client_secret: secret,
      scope: this.config.scopes.join(' '),
    });
    if (this.config.resource) form.set('resource', this.config.resource);
    const res = await this.http({
      method: 'POST',
      url: this.config.tokenUrl,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form.toString(),
      timeoutMs: 30_000,
    });
    const json = parseJson(res.text);
    if (res.status !== 200) throw oauthError(res.status, json);
    const parsed = TokenResponse.safeParse(json);
    if (!parsed.success)
      throw new AppError('TOKEN_RESPONSE_INVALID', 'The token endpoint answered with an unexpected body.');
    const expiresIn = Number(parsed.data.expires_in ?? 300);
    this.cached = { token: parsed.data.access_token, expiresAt: this.now() + expiresIn * 1000 };
    return parsed.data.access_token;
  }
}

function oauthError(status: number, json: unknown): AppError {
  const parsed = OAuthError.safeParse(json);
  const code = parsed.success ? parsed.data.error : undefined;
  switch (code) {
    case 'invalid_client':
      return new AppError('AUTH_INVALID_CLIENT', 'The client id or secret is wrong.', { status });
    case 'invalid_scope':
      return new AppError(
        'AUTH_INVALID_SCOPE',
        `The OAuth client lacks a requested scope. ${describe(parsed)}`.trim(),
        {
          status,
        },
      );
    default:
      return new AppError(
        'AUTH_FAILED',
        `The token endpoint refused the request (HTTP ${status}). ${describe(parsed)}`.trim(),
        {
          status,
        },
      );
  }
}

function describe(parsed: { success: boolean; data?: { error_description?: string | undefined } }): string {
  return parsed.success && parsed.data?.error_description ? parsed.data.error_description : '';
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
