/**
 * Environment URL derivation: the user pastes any form of their environment's address (a live or
 * apps URL with or without a path, a Managed/ActiveGate `/e/<env-id>` URL, a local sandbox) and we
 * derive the classic API base and the platform base. Pure: a small scanner instead of `URL`, so
 * malformed input gets an error with the exact position of the problem.
 */

export interface EnvironmentUrls {
  /** saas: *.live/*.apps hosts; managed: /e/<id> on a custom host; custom: anything else (sandbox, proxy). */
  kind: 'saas' | 'managed' | 'custom';
  /** The environment id when the form reveals one (SaaS host label, Managed path segment). */
  environmentId?: string;
  /** Base of the classic Environment API (`/api/v2/...`), no trailing slash. */
  classicBase: string;
  /** Base of the platform APIs (`/platform/...`), no trailing slash; null where none exists (Managed). */
  platformBase: string | null;
  /** Notes on what was ignored or assumed, in plain words. */
  notes: string[];
}

export interface UrlError {
  message: string;
  /** Half-open character range [start, end) in the input as given. */
  start: number;
  end: number;
}

export type UrlResult = { ok: true; value: EnvironmentUrls } | { ok: false; error: UrlError };

/** SaaS host families: the classic and the platform host of one environment differ by one label. */
const SAAS_FAMILIES: readonly { classic: string; platform: string }[] = [
  { classic: '.live.dynatrace.com', platform: '.apps.dynatrace.com' },
  { classic: '.sprint.dynatracelabs.com', platform: '.sprint.apps.dynatracelabs.com' },
  { classic: '.dev.dynatracelabs.com', platform: '.dev.apps.dynatracelabs.com' },
];

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
const MAX_LENGTH = 2048;

const fail = (message: string, start: number, end: number): UrlResult => ({
  ok: false,
  error: { message, start, end: Math.max(end, start + 1) },
});

export function deriveEnvironmentUrls(input: string): UrlResult {
  const lead = input.length - input.trimStart().length;
  const text = input.trim();
  if (!text) return fail('Enter the environment URL, e.g. https://abc12345.apps.dynatrace.com.', 0, 0);
  if (input.length > MAX_LENGTH)
    return fail(`The URL is longer than ${MAX_LENGTH} characters.`, MAX_LENGTH, input.length);
  const bad = firstInvalidChar(text);
  if (bad >= 0) return fail('The URL contains a space or control character.', lead + bad, lead + bad + 1);

  // Scheme: optional; without one we assume https (http for this machine, like a browser would).
  let pos = 0;
  let scheme: string | null = null;
  const schemeMatch = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(text);
  if (schemeMatch) {
    scheme = schemeMatch[1]!.toLowerCase();
    if (scheme !== 'https' && scheme !== 'http')
      return fail(`"${schemeMatch[1]}" is not supported: use https.`, lead, lead + schemeMatch[1]!.length);
    pos = schemeMatch[0].length;
  } else if (/^[A-Za-z][A-Za-z0-9+.-]*:(?!\d)/.test(text) && !/^[^:]+:\d/.test(text)) {
    const colon = text.indexOf(':');
    return fail('Expected "https://" after the scheme.', lead + colon, lead + colon + 1);
  }

  // Authority: up to the first / ? #.
  const authorityEnd = indexOfAny(text, '/?#', pos);
  const authority = text.slice(pos, authorityEnd);
  if (!authority) return fail('The URL has no host name.', lead + pos, lead + pos);
  const at = authority.lastIndexOf('@');
  if (at >= 0)
    return fail(
      'Remove the user name or password from the URL: credentials never go into a URL.',
      lead + pos,
      lead + pos + at + 1,
    );
  const hostPort = parseHostPort(authority, lead + pos);
  if ('message' in hostPort) return { ok: false, error: hostPort };
  const { host, port } = hostPort;
  scheme ??= LOOPBACK.has(host) ? 'http' : 'https';

  if (scheme === 'http' && !LOOPBACK.has(host))
    return fail(
      'Use https: secrets must not travel unencrypted (http is only allowed to this machine).',
      lead,
      lead + 4,
    );

  const rest = text.slice(authorityEnd);
  const pathEnd = indexOfAny(rest, '?#', 0);
  const path = rest.slice(0, pathEnd);
  const notes: string[] = [];
  if (pathEnd < rest.length) notes.push('The query string and fragment were ignored.');
  const origin = `${scheme}://${host}${port !== null && port !== defaultPort(scheme) ? `:${port}` : ''}`;

  for (const family of SAAS_FAMILIES) {
    const label = saasLabel(host, family);
    if (label === null) continue;
    if (path && path !== '/') notes.push(`The path ${path} was ignored.`);
    const portPart = port !== null && port !== defaultPort(scheme) ? `:${port}` : '';
    return {
      ok: true,
      value: {
        kind: 'saas',
        environmentId: label,
        classicBase: `${scheme}://${label}${family.classic}${portPart}`,
        platformBase: `${scheme}://${label}${family.platform}${portPart}`,
        notes,
      },
    };
  }

  const managed = /^\/e\/([^/]+)(?:\/|$)/.exec(path);
  if (managed) {
    const id = managed[1]!;
    const idStart = lead + authorityEnd + 3;
    if (!/^[A-Za-z0-9-]{1,64}$/.test(id))
      return fail(
        'The environment id after /e/ may contain only letters, digits and -.',
        idStart,
        idStart + id.length,
      );
    const after = path.slice(3 + id.length);
    if (after && after !== '/') notes.push(`The path after /e/${id} was ignored.`);
    notes.push('Managed environments have no platform APIs: DQL queries need a SaaS environment.');
    return {
      ok: true,
      value: {
        kind: 'managed',
        environmentId: id,
        classicBase: `${origin}/e/${id}`,
        platformBase: null,
        notes,
      },
    };
  }

  if (path && path !== '/') notes.push(`The path ${path} was ignored.`);
  return { ok: true, value: { kind: 'custom', classicBase: origin, platformBase: origin, notes } };
}

/** The environment id when `host` is a SaaS environment host (`<id>.live.dynatrace.com`, …), else null. */
export function saasEnvironmentId(host: string): string | null {
  const lower = host.toLowerCase();
  for (const family of SAAS_FAMILIES) {
    const label = saasLabel(lower, family);
    if (label !== null) return label;
  }
  return null;
}

/** The environment id when `host` is `<id><family suffix>` with exactly one label before it. */
function saasLabel(host: string, family: { classic: string; platform: string }): string | null {
  // Check the platform suffix first: '.sprint.apps.…' also ends with a classic-looking suffix.
  for (const suffix of [family.platform, family.classic]) {
    if (!host.endsWith(suffix)) continue;
    const label = host.slice(0, -suffix.length);
    if (/^[a-z0-9][a-z0-9-]{0,62}$/.test(label)) return label;
  }
  return null;
}

function parseHostPort(authority: string, offset: number): { host: string; port: number | null } | UrlError {
  let host: string;
  let portText: string | null = null;
  let portOffset = 0;
  if (authority.startsWith('[')) {
    const close = authority.indexOf(']');
    if (close < 0)
      return {
        message: 'The IPv6 address is missing its closing "]".',
        start: offset,
        end: offset + authority.length,
      };
    host = authority.slice(0, close + 1).toLowerCase();
    if (!/^\[[0-9a-f:.]+\]$/.test(host))
      return { message: 'The IPv6 address is not valid.', start: offset, end: offset + close + 1 };
    const after = authority.slice(close + 1);
    if (after && !after.startsWith(':'))
      return {
        message: 'Expected ":" and a port after the IPv6 address.',
        start: offset + close + 1,
        end: offset + authority.length,
      };
    if (after) {
      portText = after.slice(1);
      portOffset = close + 2;
    }
  } else {
    const colon = authority.indexOf(':');
    host = (colon < 0 ? authority : authority.slice(0, colon)).toLowerCase();
    if (colon >= 0) {
      portText = authority.slice(colon + 1);
      portOffset = colon + 1;
    }
    const badChar = /[^a-z0-9.-]/i.exec(host);
    if (badChar)
      return {
        message: `"${badChar[0]}" is not allowed in a host name.`,
        start: offset + badChar.index,
        end: offset + badChar.index + 1,
      };
    if (!host) return { message: 'The URL has no host name.', start: offset, end: offset + 1 };
    const labels = host.split('.');
    let at = 0;
    for (const label of labels) {
      if (!label || label.length > 63 || label.startsWith('-') || label.endsWith('-'))
        return {
          message: label
            ? 'A host name label must not start or end with "-".'
            : 'The host name has an empty label ("..").',
          start: offset + at,
          end: offset + at + Math.max(label.length, 1),
        };
      at += label.length + 1;
    }
  }
  if (portText === null) return { host, port: null };
  if (!/^\d{1,5}$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535)
    return {
      message: 'The port must be a number from 1 to 65535.',
      start: offset + portOffset,
      end: offset + portOffset + Math.max(portText.length, 1),
    };
  return { host, port: Number(portText) };
}

function defaultPort(scheme: string): number {
  return scheme === 'https' ? 443 : 80;
}

/** Index of the first whitespace or control character, or -1. */
function firstInvalidChar(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= 0x20 || c === 0x7f || /\s/.test(text[i]!)) return i;
  }
  return -1;
}

function indexOfAny(text: string, chars: string, from: number): number {
  for (let i = from; i < text.length; i++) if (chars.includes(text[i]!)) return i;
  return text.length;
}
