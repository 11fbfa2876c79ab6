/**
 * The connections form's model: a draft as the user types it, conversions to and from the
 * contract's ProfileView/ProfileDraft, and live (pure) checks of the URL and the secret's format.
 * The secret typed here is sent once with save and then cleared; it is never read back.
 */
import { deriveEnvironmentUrls } from '../../../src-shared/auth/environment-url';
import { defaultTokenUrlFor, isDynatraceTokenUrl } from '../../../src-shared/auth/oauth-endpoint';
import { checkCertificatePem } from '../../../src-shared/auth/pem';
import { DEFAULT_SCOPES } from '../../../src-shared/auth/scopes';
import {
  checkApiToken,
  checkClientSecret,
  checkPlatformToken,
  explainPrefix,
} from '../../../src-shared/auth/token-format';
import type {
  AuthKind,
  LabelColor,
  ProfileDraft,
  ProfileView,
  SafetyLevel,
} from '../../../src-shared/ipc/contract';

export interface FormState {
  id: string | null;
  name: string;
  url: string;
  authKind: AuthKind;
  clientId: string;
  scopes: string;
  resource: string;
  /** Empty: the SSO of the environment's stage (derived from the URL). */
  tokenUrl: string;
  /** PEM of extra CA certificates for this environment (not secret); empty: none. */
  caCertificate: string;
  color: LabelColor;
  safety: SafetyLevel;
  secret: string;
}

export const EMPTY_FORM: FormState = {
  id: null,
  name: '',
  url: '',
  authKind: 'oauth',
  clientId: '',
  scopes: DEFAULT_SCOPES.join(' '),
  resource: '',
  tokenUrl: '',
  caCertificate: '',
  color: 'blue',
  safety: 'normal',
  secret: '',
};

export function formFromView(v: ProfileView): FormState {
  return {
    id: v.id,
    name: v.name,
    url: v.url,
    authKind: v.authKind,
    clientId: v.clientId ?? '',
    scopes: (v.scopes.length ? v.scopes : DEFAULT_SCOPES).join(' '),
    resource: v.resource ?? '',
    // The derived default shows as the placeholder, so a later URL change moves it along.
    tokenUrl: v.tokenUrl && v.tokenUrl !== defaultTokenUrlFor(v.url) ? v.tokenUrl : '',
    caCertificate: v.caCertificate ?? '',
    color: v.color,
    safety: v.safety,
    secret: '',
  };
}

export function draftFromForm(f: FormState): ProfileDraft {
  return {
    ...(f.id ? { id: f.id } : {}),
    name: f.name,
    url: f.url,
    authKind: f.authKind,
    color: f.color,
    safety: f.safety,
    caCertificate: f.caCertificate,
    ...(f.authKind === 'oauth'
      ? {
          clientId: f.clientId,
          scopes: f.scopes.split(/[\s,]+/).filter(Boolean),
          tokenUrl: f.tokenUrl,
          ...(f.resource.trim() ? { resource: f.resource } : {}),
        }
      : {}),
    ...(f.secret.trim() ? { secret: f.secret.trim() } : {}),
  };
}

export type Hint = { kind: 'ok' | 'error' | 'info'; text: string };

/** What the URL derives to, or where it is malformed (with the offending part quoted). */
export function urlHint(url: string): Hint | null {
  if (!url.trim()) return null;
  const r = deriveEnvironmentUrls(url);
  if (!r.ok) {
    // Never quote credentials someone pasted into the URL, not even back to them.
    const bad = /credential/i.test(r.error.message) ? '' : url.slice(r.error.start, r.error.end).slice(0, 20);
    return {
      kind: 'error',
      text: `${r.error.message}${bad.trim() ? ` (at character ${r.error.start + 1}: “${bad}”)` : ` (at character ${r.error.start + 1})`}`,
    };
  }
  const v = r.value;
  return {
    kind: 'ok',
    text: `Classic API ${v.classicBase} · Platform ${v.platformBase ?? 'none (Managed)'}${v.notes.length ? ` · ${v.notes.join(' ')}` : ''}`,
  };
}

/** The secret's format, checked as the user types: positions and lengths only, never characters. */
export function secretHint(f: FormState): Hint | null {
  // Whitespace around a pasted secret is dropped on save (as main does); positions count from the
  // text as typed.
  const secret = f.secret.trim();
  if (!secret) return null;
  const at = f.secret.length - f.secret.trimStart().length;
  if (f.authKind === 'apiToken') return fromParse(checkApiToken(secret), at);
  if (f.authKind === 'platformToken') {
    const r = checkPlatformToken(secret);
    if (r.ok && r.token === null)
      return { kind: 'info', text: 'Not a Dynatrace-format token; it will be sent as a Bearer token.' };
    return fromParse(r as Exclude<typeof r, { ok: true; token: null }>, at);
  }
  if (!isDynatraceTokenUrl(effectiveTokenUrl(f)))
    return { kind: 'info', text: `${secret.length} characters.` };
  return fromParse(checkClientSecret(secret, f.clientId.trim()), at);
}

function fromParse(r: ReturnType<typeof checkApiToken>, at: number): Hint {
  if (!r.ok)
    return {
      kind: 'error',
      text: `${r.issue.message} (characters ${at + r.issue.start + 1}–${at + r.issue.end})`,
    };
  const what = explainPrefix(r.token.prefix);
  return { kind: 'ok', text: `${r.token.identifier} — ${what ?? 'unknown prefix'}` };
}

/** The token URL used: the typed one, else the SSO of the environment's stage. */
export function effectiveTokenUrl(f: Pick<FormState, 'tokenUrl' | 'url'>): string {
  return f.tokenUrl.trim() || defaultTokenUrlFor(f.url);
}

/**
 * The default when the field is empty; where the client secret will be sent, said plainly, when
 * it is not Dynatrace's SSO (e.g. after an import).
 */
export function tokenUrlHint(f: Pick<FormState, 'tokenUrl' | 'url'>): Hint | null {
  const tokenUrl = f.tokenUrl.trim();
  if (!tokenUrl) return { kind: 'info', text: `Default for this environment: ${defaultTokenUrlFor(f.url)}` };
  if (isDynatraceTokenUrl(tokenUrl)) return null;
  const host = /^[a-z]+:\/\/([^/?#]+)/i.exec(tokenUrl.trim())?.[1];
  return {
    kind: 'info',
    text: `Not the Dynatrace SSO: the client secret will be sent to ${host ?? 'this address'}. Use it only if you trust it.`,
  };
}

export const AUTH_KIND_LABELS: Readonly<Record<AuthKind, string>> = {
  oauth: 'OAuth client',
  apiToken: 'API token',
  platformToken: 'Platform token',
};

export const SECRET_LABELS: Readonly<Record<AuthKind, string>> = {
  oauth: 'Client secret',
  apiToken: 'API token',
  platformToken: 'Platform token',
};

export const SAFETY_LABELS: Readonly<Record<SafetyLevel, string>> = {
  normal: 'Normal',
  production: 'Production — confirm before writing',
  'read-only': 'Read-only — never write',
};

export const COLOR_LABELS: Readonly<Record<LabelColor, string>> = {
  gray: 'Gray',
  blue: 'Blue',
  green: 'Green',
  yellow: 'Yellow',
  orange: 'Orange',
  red: 'Red',
  purple: 'Purple',
};

/** The pasted CA certificate's shape, as the user types (main reads the certificates on save). */
export function caHint(text: string): Hint | null {
  if (!text.trim()) return null;
  const r = checkCertificatePem(text);
  if (!r.ok) return { kind: 'error', text: `${r.issue.message} (at character ${r.issue.start + 1})` };
  const n = r.certificates.length;
  return { kind: 'ok', text: `${n} certificate${n === 1 ? '' : 's'} in PEM form.` };
}

/** One line per saved CA certificate: who it is, until when. */
export function caSummary(c: { subject: string; validTo: string; expired: boolean; isCa: boolean }): string {
  const until = c.validTo.slice(0, 10);
  return `${c.subject}${c.isCa ? '' : ' (not a CA: trusted as a server certificate)'} — ${c.expired ? `EXPIRED on ${until}` : `valid until ${until}`}`;
}
