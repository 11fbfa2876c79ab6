/**
 * Turns what the user entered (a ProfileDraft) into a stored profile, or a positioned error that
 * names the field. Secret checks report lengths and positions, never characters of the secret.
 */
import { deriveEnvironmentUrls, type EnvironmentUrls } from '../../src-shared/auth/environment-url';
import { checkTokenUrl, defaultTokenUrlFor, isDynatraceTokenUrl } from '../../src-shared/auth/oauth-endpoint';
import { DEFAULT_SCOPES, SCOPE_PATTERN } from '../../src-shared/auth/scopes';
import {
  checkApiToken,
  checkClientId,
  checkClientSecret,
  checkPlatformToken,
  tokenIdentifierOf,
} from '../../src-shared/auth/token-format';
import { AppError } from '../../src-shared/errors';
import type { ProfileDraft } from '../../src-shared/ipc/contract';
import type { EnvironmentProfile } from '../platform/settings-file';
import { parseCaCertificates } from '../platform/tls-trust';

export type ProfileField = keyof ProfileDraft;

export function invalid(field: ProfileField, message: string, start?: number, end?: number): AppError {
  return new AppError('INVALID_PROFILE', message, {
    field,
    ...(start === undefined ? {} : { start, end: end ?? start + 1 }),
  });
}

/** The canonical URL stored for a derivation: the platform base where there is one. */
export function canonicalUrl(urls: EnvironmentUrls): string {
  return urls.platformBase ?? urls.classicBase;
}

export function deriveOrThrow(url: string): EnvironmentUrls {
  const r = deriveEnvironmentUrls(url);
  if (!r.ok) throw invalid('url', r.error.message, r.error.start, r.error.end);
  return r.value;
}

export interface ValidatedProfile {
  profile: Omit<EnvironmentProfile, 'id' | 'tokenIdentifier'>;
  /** The new secret, checked; absent when the draft keeps the stored one. */
  secret?: string;
  tokenIdentifier?: string;
}

export function validateDraft(draft: ProfileDraft): ValidatedProfile {
  const urls = deriveOrThrow(draft.url);
  const caCertificate = checkCaCertificate(draft.caCertificate);
  const base = {
    name: draft.name.trim(),
    kind: 'tenant' as const,
    url: canonicalUrl(urls),
    authKind: draft.authKind,
    ...(caCertificate ? { caCertificate } : {}),
    color: draft.color,
    safety: draft.safety,
  };
  // Whitespace around a pasted secret (a trailing line break) is never part of it.
  const secret = draft.secret?.trim() || undefined;

  if (draft.authKind !== 'apiToken' && !urls.platformBase)
    throw invalid(
      'authKind',
      'This is a Managed environment: it has no platform APIs, so use an API token (OAuth and platform tokens need SaaS).',
    );

  if (draft.authKind === 'apiToken') {
    if (secret !== undefined) {
      const r = checkApiToken(secret);
      if (!r.ok) throw invalid('secret', r.issue.message, r.issue.start, r.issue.end);
      return { profile: base, secret, tokenIdentifier: r.token.identifier };
    }
    return { profile: base };
  }

  if (draft.authKind === 'platformToken') {
    if (secret !== undefined) {
      const r = checkPlatformToken(secret);
      if (!r.ok) throw invalid('secret', r.issue.message, r.issue.start, r.issue.end);
      return { profile: base, secret, ...(r.token ? { tokenIdentifier: r.token.identifier } : {}) };
    }
    return { profile: base };
  }

  // Empty means the SSO of the environment's stage (production, sprint or dev).
  const tokenUrlInput = draft.tokenUrl?.trim() || defaultTokenUrlFor(draft.url);
  const tokenUrl = checkTokenUrl(tokenUrlInput);
  if (!tokenUrl.ok)
    throw invalid('tokenUrl', tokenUrl.error.message, tokenUrl.error.start, tokenUrl.error.end);
  const dynatrace = isDynatraceTokenUrl(tokenUrl.url);
  const clientId = draft.clientId?.trim() ?? '';
  if (!clientId) throw invalid('clientId', 'Enter the OAuth client id.');
  if (dynatrace) {
    const id = checkClientId(clientId);
    if (!id.ok) throw invalid('clientId', id.issue.message, id.issue.start, id.issue.end);
  } else if (/\s/.test(clientId)) throw invalid('clientId', 'The client id contains a space.');

  const scopes = [...new Set((draft.scopes ?? []).map((s) => s.trim()).filter(Boolean))];
  for (const scope of scopes)
    if (!SCOPE_PATTERN.test(scope))
      throw invalid('scopes', `"${scope.slice(0, 60)}" is not a scope (e.g. storage:bizevents:read).`);
  const resource = draft.resource?.trim() || undefined;
  if (resource && !/^urn:[a-z0-9-]+:[^\s]+$/i.test(resource))
    throw invalid('resource', 'The resource is an account URN such as urn:dtaccount:<account UUID>.');

  const profile = {
    ...base,
    clientId,
    scopes: scopes.length ? scopes : [...DEFAULT_SCOPES],
    tokenUrl: tokenUrl.url,
    ...(resource ? { resource } : {}),
  };
  if (secret === undefined) return { profile };
  if (dynatrace) {
    const r = checkClientSecret(secret, clientId);
    if (!r.ok) throw invalid('secret', r.issue.message, r.issue.start, r.issue.end);
  } else if (/\s/.test(secret)) throw invalid('secret', 'The client secret contains a space or line break.');
  const identifier = tokenIdentifierOf(secret);
  return { profile, secret, ...(identifier ? { tokenIdentifier: identifier } : {}) };
}

/** The normalised PEM, or undefined when none was given; a positioned error when it is not one. */
function checkCaCertificate(text: string | undefined): string | undefined {
  if (!text?.trim()) return undefined;
  const r = parseCaCertificates(text);
  if (!r.ok) throw invalid('caCertificate', r.issue.message, r.issue.start, r.issue.end);
  return r.pem;
}
