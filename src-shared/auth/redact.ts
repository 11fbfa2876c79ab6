/**
 * The one redaction function: every log line, error message and diagnostics report passes through
 * it. It removes Authorization values, `client_secret`/token parameters in forms, JSON and query
 * strings, user:password in URLs (proxy settings), anything in the documented Dynatrace token
 * format (keeping only the identifier), JWTs, and any exact secret value the caller knows of
 * (free-form secrets of non-Dynatrace OAuth servers).
 */

export const REDACTED = '[REDACTED]';

/** Secrets shorter than this are not searched for verbatim: too many false hits, too little risk. */
const MIN_KNOWN_SECRET = 8;

const SECRET_KEYS = [
  'client_secret',
  'clientSecret',
  'access_token',
  'accessToken',
  'refresh_token',
  'id_token',
  'api-token',
  'api_token',
  'apiToken',
  'password',
  'secret',
].join('|');

const RULES: readonly [RegExp, string][] = [
  // Authorization headers in any notation: "authorization: Bearer x", {"authorization":"Api-Token x"}.
  // A scheme name on its own ("Authorization: Api-Token)." in a description) is no credential.
  [
    /(authorization["']?\s*[:=]\s*["']?)(?:(Bearer|Api-Token|Basic)\s+)?(?!(?:Bearer|Api-Token|Basic)(?![\w.~+/=-]))([^\s"',;}]+)/gi,
    `$1$2 ${REDACTED}`,
  ],
  // Credentials after a scheme anywhere else (curl lines, messages).
  [/\b(Bearer|Api-Token|Basic)\s+(?!\[REDACTED\])[A-Za-z0-9._~+/=-]{6,}/g, `$1 ${REDACTED}`],
  // JSON members: "client_secret": "…".
  [new RegExp(`("(?:${SECRET_KEYS})"\\s*:\\s*")(?:[^"\\\\]|\\\\.)*(")`, 'gi'), `$1${REDACTED}$2`],
  // Form bodies and query strings: client_secret=…&, api-token=….
  [new RegExp(`(\\b(?:${SECRET_KEYS})=)[^&\\s"']+`, 'gi'), `$1${REDACTED}`],
  // Documented token format: keep the identifier (prefix.public), drop the secret portion.
  [/\b(dt0[a-z][0-9]{2}\.[A-Z0-9]{8,24})\.[A-Z0-9]{64}\b/gi, `$1.${REDACTED}`],
  // Credentials in URLs (a proxy setting such as http://user:password@proxy:3128): keep scheme and host.
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@"']+@/gi, `$1${REDACTED}@`],
  // JWTs (OAuth access tokens): header.payload.signature, all base64url.
  [/\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, REDACTED],
];

export function redact(text: string, knownSecrets: Iterable<string> = []): string {
  let out = text;
  for (const secret of knownSecrets) {
    if (secret.length < MIN_KNOWN_SECRET) continue;
    for (const form of new Set([secret, encodeURIComponent(secret), formEncode(secret)])) {
      out = out.split(form).join(REDACTED);
    }
  }
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  return out;
}

/** application/x-www-form-urlencoded form of a value (spaces as +), as it appears in token requests. */
function formEncode(value: string): string {
  return encodeURIComponent(value).replace(/%20/g, '+');
}
