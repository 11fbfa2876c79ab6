/**
 * Connections to tenant profiles, per auth kind and purpose (reference §3.1, §4.3):
 * - API token: `Authorization: Api-Token …`, ingest on the classic base `/api/v2/bizevents/ingest`;
 *   no queries (the Grail query API takes Bearer only).
 * - Platform token and OAuth: `Authorization: Bearer …`, ingest on the platform base
 *   `/platform/classic/environment-api/v2/bizevents/ingest`.
 * OAuth asks for the minimal scopes per action: reads for a query, the write scope for an ingest.
 * Credentials only ever go into headers.
 */
import { ingestScopes, queryScopes } from '../../src-shared/auth/scopes';
import { AppError } from '../../src-shared/errors';
import type { HttpSend } from '../platform/http';
import type { EnvironmentProfile } from '../platform/settings-file';
import type { Connection } from './connection';
import type { ProfileSecrets } from './profile-secrets';
import { deriveOrThrow } from './profile-validation';
import { OAuthTokenProvider } from './token-provider';
import type { TokenCache } from './token-cache';

/** query: read scopes; ingest: the write scope; console: every configured scope (any API). */
export type Purpose = 'query' | 'ingest' | 'console';

export const CLASSIC_INGEST_PATH = '/api/v2/bizevents/ingest';
export const PLATFORM_INGEST_PATH = '/platform/classic/environment-api/v2/bizevents/ingest';

export interface TenantConnectDeps {
  secrets: ProfileSecrets;
  http: HttpSend;
  tokens: TokenCache;
}

export function tenantConnection(
  profile: EnvironmentProfile,
  purpose: Purpose,
  deps: TenantConnectDeps,
): Connection {
  const urls = deriveOrThrow(profile.url ?? '');
  const readSecret = async (): Promise<string> => {
    const secret = await deps.secrets.read(profile.id, profile.authKind);
    if (!secret)
      throw new AppError(
        'SECRET_MISSING',
        `No secret is stored for "${profile.name}". Add it under Connections.`,
      );
    return secret;
  };

  if (profile.authKind === 'apiToken') {
    if (purpose === 'query')
      throw new AppError(
        'QUERY_NEEDS_OAUTH',
        `"${profile.name}" uses an API token, which can only send events. DQL queries need an OAuth client or a platform token.`,
      );
    return {
      environmentId: profile.id,
      platformBaseUrl: urls.platformBase ?? urls.classicBase,
      classicBaseUrl: urls.classicBase,
      ingestPath: CLASSIC_INGEST_PATH,
      authorization: async () => `Api-Token ${await readSecret()}`,
      // A static token cannot be refreshed; the one retry simply repeats it.
      onUnauthorized: () => undefined,
    };
  }

  const platformBaseUrl = urls.platformBase;
  if (!platformBaseUrl)
    throw new AppError('NO_PLATFORM', `"${profile.name}" is a Managed environment: it has no platform APIs.`);

  if (profile.authKind === 'platformToken') {
    return {
      environmentId: profile.id,
      platformBaseUrl,
      classicBaseUrl: urls.classicBase,
      ingestPath: PLATFORM_INGEST_PATH,
      authorization: async () => `Bearer ${await readSecret()}`,
      onUnauthorized: () => undefined,
    };
  }

  const provider = oauthProvider(profile, purpose, deps, () => readSecret());
  return {
    environmentId: profile.id,
    platformBaseUrl,
    classicBaseUrl: urls.classicBase,
    ingestPath: PLATFORM_INGEST_PATH,
    authorization: async () => `Bearer ${await provider.token()}`,
    onUnauthorized: () => provider.invalidate(),
  };
}

/** The scopes an action needs from a profile, or a plain-words error naming what to add. */
export function scopesFor(name: string, configured: readonly string[], purpose: Purpose): string[] {
  const scopes =
    purpose === 'console'
      ? [...configured]
      : purpose === 'query'
        ? queryScopes(configured)
        : ingestScopes(configured);
  if (scopes.length > 0) return scopes;
  throw purpose !== 'ingest'
    ? new AppError(
        'NO_READ_SCOPES',
        `"${name}" has no read scopes configured. Add storage:bizevents:read and storage:buckets:read under Connections.`,
      )
    : new AppError(
        'NO_WRITE_SCOPE',
        `"${name}" has no write scope configured, so it cannot send events. Add storage:events:write under Connections.`,
        { missingScopes: ['storage:events:write'] },
      );
}

function oauthProvider(
  profile: EnvironmentProfile,
  purpose: Purpose,
  deps: TenantConnectDeps,
  readSecret: () => Promise<string>,
): OAuthTokenProvider {
  const scopes = scopesFor(profile.name, profile.scopes ?? [], purpose);
  return deps.tokens.provider(profile.id, purpose, (onChange) => {
    return new OAuthTokenProvider(
      {
        tokenUrl: profile.tokenUrl ?? '',
        clientId: profile.clientId ?? '',
        scopes,
        ...(profile.resource ? { resource: profile.resource } : {}),
        readSecret,
      },
      deps.http,
      Date.now,
      onChange,
    );
  });
}
