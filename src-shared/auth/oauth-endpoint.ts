/**
 * The OAuth token endpoint of a profile: the Dynatrace SSO by default, editable for other OAuth
 * servers (seed 004). Dynatrace-specific format checks apply only when the endpoint is Dynatrace's.
 */
import { deriveEnvironmentUrls, type UrlError } from './environment-url';

export const DEFAULT_TOKEN_URL = 'https://sso.dynatrace.com/sso/oauth2/token';

/** SSO per environment family (reference §4.1: production, and the dev/sprint stages). */
const SSO_BY_FAMILY: readonly { suffix: RegExp; tokenUrl: string }[] = [
  {
    suffix: /\.dev\.(?:apps\.)?dynatracelabs\.com$/,
    tokenUrl: 'https://sso-dev.dynatracelabs.com/sso/oauth2/token',
  },
  {
    suffix: /\.sprint\.(?:apps\.)?dynatracelabs\.com$/,
    tokenUrl: 'https://sso-sprint.dynatracelabs.com/sso/oauth2/token',
  },
];

/**
 * The token URL an environment's OAuth clients use by default: the Dynatrace SSO of its stage
 * (`*.dev.apps.dynatracelabs.com` → sso-dev, `*.sprint.apps.dynatracelabs.com` → sso-sprint,
 * everything else → sso.dynatrace.com). Any URL form the environment field accepts works.
 */
export function defaultTokenUrlFor(environmentUrl: string): string {
  const r = deriveEnvironmentUrls(environmentUrl);
  if (!r.ok) return DEFAULT_TOKEN_URL;
  const host = (
    /^https?:\/\/([^/:]+)/i.exec(r.value.platformBase ?? r.value.classicBase)?.[1] ?? ''
  ).toLowerCase();
  return SSO_BY_FAMILY.find((f) => f.suffix.test(host))?.tokenUrl ?? DEFAULT_TOKEN_URL;
}

/** Dynatrace SSO hosts (production, sprint, dev; reference §4.1/§4.2). */
const DYNATRACE_SSO_HOST =
  /^(?:sso|token|sso-dev|sso-sprint|[a-z]+\.token)\.(?:dynatrace\.com|dynatracelabs\.com)$/;

export function isDynatraceTokenUrl(tokenUrl: string): boolean {
  const m = /^https:\/\/([^/:?#]+)(?::443)?\//i.exec(tokenUrl);
  return !!m && DYNATRACE_SSO_HOST.test(m[1]!.toLowerCase());
}

/**
 * A token URL must be absolute https (http only to this machine), carry no credentials, no query
 * string and no fragment: the secret goes in the POST body, never into a URL.
 */
export function checkTokenUrl(tokenUrl: string): { ok: true; url: string } | { ok: false; error: UrlError } {
  const q = indexOfAny(tokenUrl, '?#');
  if (q >= 0)
    return {
      ok: false,
      error: { message: 'A token URL has no query string or fragment.', start: q, end: tokenUrl.length },
    };
  if (!/^https?:\/\//i.test(tokenUrl.trim()))
    return {
      ok: false,
      error: {
        message: 'The token URL must start with https://.',
        start: 0,
        end: Math.max(1, tokenUrl.indexOf(':')),
      },
    };
  // Reuse the environment URL scanner for host, port, credentials and the http-only-locally rule.
  const checked = deriveEnvironmentUrls(tokenUrl);
  if (!checked.ok) return checked;
  const trimmed = tokenUrl.trim();
  const pathStart = trimmed.indexOf('/', trimmed.indexOf('//') + 2);
  if (pathStart < 0 || pathStart === trimmed.length - 1)
    return {
      ok: false,
      error: {
        message: 'The token URL needs a path, e.g. /sso/oauth2/token.',
        start: trimmed.length,
        end: trimmed.length + 1,
      },
    };
  return { ok: true, url: trimmed };
}

function indexOfAny(text: string, chars: string): number {
  for (let i = 0; i < text.length; i++) if (chars.includes(text[i]!)) return i;
  return -1;
}
