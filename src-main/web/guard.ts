/**
 * Access guard of the web edition. It listens on loopback, but any web page in any browser can
 * reach loopback, so: a Host other than ours → 403 (DNS rebinding), a foreign Origin → 403 (CSRF,
 * cross-site WebSocket), and no per-launch secret → 401.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export interface GuardConfig {
  /** e.g. "127.0.0.1:5123" */
  host: string;
  /** e.g. "http://127.0.0.1:5123" */
  origin: string;
  cookieName: string;
  /** Value of the session cookie (random per launch). */
  session: string;
  /** The per-launch secret printed in the URL fragment. */
  secret: string;
}

export type GuardResult = { ok: true } | { ok: false; status: 401 | 403; reason: string };

export function checkHostAndOrigin(
  headers: IncomingHttpHeaders,
  cfg: GuardConfig,
  requireOrigin = false,
): GuardResult {
  if (headers.host !== cfg.host) return { ok: false, status: 403, reason: 'host not allowed' };
  const origin = headers.origin;
  if (origin === undefined ? requireOrigin : origin !== cfg.origin) {
    return { ok: false, status: 403, reason: 'origin not allowed' };
  }
  if (headers['sec-fetch-site'] === 'cross-site')
    return { ok: false, status: 403, reason: 'cross-site request' };
  return { ok: true };
}

export function checkSession(headers: IncomingHttpHeaders, cfg: GuardConfig): GuardResult {
  const cookie = readCookie(headers.cookie, cfg.cookieName);
  if (cookie !== undefined && safeEqual(cookie, cfg.session)) return { ok: true };
  const bearer = readBearer(headers.authorization);
  if (bearer !== undefined && safeEqual(bearer, cfg.secret)) return { ok: true };
  return { ok: false, status: 401, reason: 'missing or wrong launch secret' };
}

export function checkSecret(headers: IncomingHttpHeaders, cfg: GuardConfig): GuardResult {
  const bearer = readBearer(headers.authorization);
  return bearer !== undefined && safeEqual(bearer, cfg.secret)
    ? { ok: true }
    : { ok: false, status: 401, reason: 'missing or wrong launch secret' };
}

function readBearer(value: string | undefined): string | undefined {
  const m = /^Bearer ([A-Za-z0-9_-]{16,200})$/.exec(value ?? '');
  return m?.[1];
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
