/**
 * Dynatrace token format (reference §4.3, seed 002): `prefix.public.secret` — a prefix such as
 * `dt0c01`, a 24-character public portion and a 64-character secret portion. The token identifier
 * `prefix.public` is safe to show and log; the secret portion never is. OAuth client ids are
 * `dt0s02.` + 8 characters and their secrets `<client id>.<64 characters>`.
 */

export const PREFIX_PATTERN = /^dt0[a-z][0-9]{2}$/i;
const PUBLIC_LENGTH = 24;
const SECRET_LENGTH = 64;
const PART = /^[A-Z0-9]+$/;

export interface ParsedToken {
  prefix: string;
  publicPart: string;
  /** `prefix.public`: the only part of a token that may be shown or logged. */
  identifier: string;
}

export interface TokenIssue {
  message: string;
  /** Half-open character range [start, end) in the value as given. */
  start: number;
  end: number;
}

export type TokenParse = { ok: true; token: ParsedToken } | { ok: false; issue: TokenIssue };

interface PrefixInfo {
  what: string;
  /** Which Authorization scheme the token is used with. */
  scheme: 'Api-Token' | 'Bearer' | null;
}

/** The documented prefixes (seed 002's table, reference §4.3). */
export const KNOWN_PREFIXES: Readonly<Record<string, PrefixInfo>> = {
  dt0c01: { what: 'Classic environment API token (Authorization: Api-Token).', scheme: 'Api-Token' },
  dt0s01: { what: 'Account API token (SCIM); not used with environment APIs.', scheme: null },
  dt0s02: { what: 'OAuth client created in Account Management.', scheme: null },
  dt0s03: { what: 'OAuth client for services and integrations.', scheme: null },
  dt0s04: { what: 'Chat and identity linking token.', scheme: null },
  dt0s06: { what: 'OAuth refresh token; it changes every few minutes.', scheme: null },
  dt0s08: { what: 'OAuth client for services and integrations.', scheme: null },
  dt0s09: { what: 'Chat and identity linking token.', scheme: null },
  dt0s16: { what: 'Platform token (Authorization: Bearer).', scheme: 'Bearer' },
  dt0s17: { what: 'OAuth client that shows a consent page.', scheme: null },
};

export const OAUTH_CLIENT_PREFIXES: readonly string[] = ['dt0s02', 'dt0s03', 'dt0s08', 'dt0s17'];

/** Plain-words explanation of a prefix, or null when it is not a documented one. */
export function explainPrefix(prefix: string): string | null {
  return KNOWN_PREFIXES[prefix.toLowerCase()]?.what ?? null;
}

/** Parses a full `prefix.public.secret` token (API token, platform token). Never echoes the secret. */
export function parseToken(value: string, publicLength = PUBLIC_LENGTH): TokenParse {
  if (value.length === 0) return issue('Enter the token.', 0, 0);
  const ws = /\s/.exec(value);
  if (ws) return issue('The token contains a space or line break.', ws.index, ws.index + 1);
  const parts = value.split('.');
  const prefix = parts[0]!;
  if (!PREFIX_PATTERN.test(prefix))
    return issue('A Dynatrace token starts with a prefix such as dt0c01 or dt0s16.', 0, prefix.length);
  if (parts.length < 3)
    return issue(
      `Expected three parts separated by dots (prefix.public.secret); found ${parts.length}.`,
      0,
      value.length,
    );
  if (parts.length > 3) {
    const extra = prefix.length + parts[1]!.length + parts[2]!.length + 2;
    return issue('Expected three parts separated by dots; found more.', extra, value.length);
  }
  const [, pub, secret] = parts as [string, string, string];
  const pubStart = prefix.length + 1;
  const secretStart = pubStart + pub.length + 1;
  if (pub.length !== publicLength || !PART.test(pub))
    return issue(
      `The public part must be ${publicLength} uppercase letters or digits (it has ${pub.length} characters).`,
      pubStart,
      pubStart + pub.length,
    );
  // Lengths only, never the characters: this message must not reveal anything of the secret.
  if (secret.length !== SECRET_LENGTH || !PART.test(secret))
    return issue(
      `The secret part must be ${SECRET_LENGTH} uppercase letters or digits (it has ${secret.length} characters).`,
      secretStart,
      secretStart + secret.length,
    );
  return { ok: true, token: { prefix, publicPart: pub, identifier: `${prefix}.${pub}` } };
}

/** A classic API token for the `Api-Token` scheme: the documented format with a `dt0c01` prefix. */
export function checkApiToken(value: string): TokenParse {
  const parsed = parseToken(value);
  if (!parsed.ok) return parsed;
  if (KNOWN_PREFIXES[parsed.token.prefix.toLowerCase()]?.scheme === 'Bearer')
    return issue(
      `This is a platform token (${parsed.token.prefix}): choose "Platform token" as the kind.`,
      0,
      parsed.token.prefix.length,
    );
  return parsed;
}

/**
 * A platform token (Bearer). Documented as `dt0s16.<24>.<64>`; other Bearer tokens (an access token
 * issued elsewhere) are accepted as opaque values, identified by nothing but their length.
 */
export function checkPlatformToken(value: string): TokenParse | { ok: true; token: null } {
  if (!PREFIX_PATTERN.test(value.split('.')[0] ?? '')) return opaqueSecret(value);
  const parsed = parseToken(value);
  if (!parsed.ok) return parsed;
  if (parsed.token.prefix.toLowerCase() === 'dt0c01')
    return issue('This is a classic API token (dt0c01): choose "API token" as the kind.', 0, 6);
  return parsed;
}

/** A Dynatrace OAuth client id: an OAuth client prefix, a dot, and uppercase letters or digits. */
export function checkClientId(value: string): TokenParse {
  const m = /^(dt0[a-z][0-9]{2})\.([A-Za-z0-9]+)$/.exec(value);
  if (!m) {
    if (value.length === 0) return issue('Enter the client id.', 0, 0);
    return issue('A Dynatrace client id looks like dt0s02.ABCD1234.', 0, value.length);
  }
  if (!OAUTH_CLIENT_PREFIXES.includes(m[1]!.toLowerCase()))
    return issue(
      `${m[1]} is not an OAuth client prefix (${OAUTH_CLIENT_PREFIXES.join(', ')}).`,
      0,
      m[1]!.length,
    );
  return { ok: true, token: { prefix: m[1]!, publicPart: m[2]!, identifier: value } };
}

/** A Dynatrace OAuth client secret: `<client id>.<64 characters>`, matching the given client id. */
export function checkClientSecret(secret: string, clientId: string): TokenParse {
  const ws = /\s/.exec(secret);
  if (ws) return issue('The secret contains a space or line break.', ws.index, ws.index + 1);
  const id = checkClientId(clientId);
  const cut = secret.lastIndexOf('.');
  const head = cut < 0 ? '' : secret.slice(0, cut);
  if (!id.ok) return id;
  if (head !== clientId)
    return issue(
      'A client secret starts with its client id (dt0s02.ABCD1234.…); this one does not.',
      0,
      Math.max(cut, 0),
    );
  const tail = secret.slice(cut + 1);
  if (tail.length !== SECRET_LENGTH || !PART.test(tail))
    return issue(
      `The secret part must be ${SECRET_LENGTH} uppercase letters or digits (it has ${tail.length} characters).`,
      cut + 1,
      secret.length,
    );
  return id;
}

/** What may be shown of a secret: its identifier when it has the documented format, else nothing. */
export function tokenIdentifierOf(value: string): string | null {
  const full = /^(dt0[a-z][0-9]{2})\.([A-Z0-9]{8,24})\.[A-Z0-9]{64}$/i.exec(value);
  return full ? `${full[1]}.${full[2]}` : null;
}

/** A display form of a secret: `identifier.••••` or just dots with the length. Never any secret characters. */
export function maskSecret(value: string): string {
  const id = tokenIdentifierOf(value);
  return id ? `${id}.••••` : `•••• (${value.length} characters)`;
}

function opaqueSecret(value: string): TokenParse | { ok: true; token: null } {
  if (value.length === 0) return issue('Enter the token.', 0, 0);
  const ws = /\s/.exec(value);
  if (ws) return issue('The token contains a space or line break.', ws.index, ws.index + 1);
  if (value.length < 16) return issue('This is too short to be a token.', 0, value.length);
  return { ok: true, token: null };
}

function issue(message: string, start: number, end: number): { ok: false; issue: TokenIssue } {
  return { ok: false, issue: { message, start, end: Math.max(end, start + 1) } };
}
