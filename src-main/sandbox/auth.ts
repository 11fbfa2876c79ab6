/**
 * Sandbox authentication: ES256-signed JWT access tokens shaped like Dynatrace SSO's
 * (claims sub, aud = client id, scope, exp, iat with exp − iat = 300, jti, gt "cc"), verified on
 * every call including expiry, and classic API tokens compared in constant time. The signing key
 * lives in the data dir (0600) so tokens stay valid across a sandbox restart, as real ones do.
 * Nothing here ever puts a token or secret into an error message.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomUUID,
  sign,
  timingSafeEqual,
  verify,
} from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ApiTokenCredentials, ClientCredentials } from './dev-credentials';

export const ACCESS_TOKEN_LIFETIME_SECONDS = 300;
const KEY_FILE = 'sandbox-signing-key.pem';

export interface AccessTokenClaims {
  sub: string;
  aud: string;
  scope: string;
  exp: number;
  iat: number;
  jti: string;
  gt: 'cc';
  res: string;
}

export type VerifyOutcome =
  | { ok: true; claims: AccessTokenClaims; scopes: ReadonlySet<string> }
  | { ok: false; reason: 'invalid' | 'expired' };

const b64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

/** Constant-time string equality (hashing first makes lengths equal). */
export function safeEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

/** A stable UUID-shaped subject per client id (the service user of the OAuth client). */
function subjectFor(clientId: string): string {
  const h = createHash('sha256').update(`sandbox-subject:${clientId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export class TokenService {
  private constructor(
    private readonly privateKey: KeyObject,
    private readonly publicKey: KeyObject,
  ) {}

  static async load(dataDir: string): Promise<TokenService> {
    const path = join(dataDir, KEY_FILE);
    let pem: string;
    try {
      pem = await readFile(path, 'utf8');
    } catch {
      const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      try {
        await writeFile(path, pem, { mode: 0o600, flag: 'wx' });
      } catch {
        pem = await readFile(path, 'utf8'); // another instance created it first
      }
    }
    const privateKey = createPrivateKey(pem);
    return new TokenService(privateKey, createPublicKey(privateKey));
  }

  issue(clientId: string, scopes: readonly string[], nowSeconds: number, resource: string): string {
    const header = { typ: 'JWT', alg: 'ES256', kid: '1' };
    const claims: AccessTokenClaims = {
      sub: subjectFor(clientId),
      res: resource,
      gt: 'cc',
      aud: clientId,
      scope: scopes.join(' '),
      iat: nowSeconds,
      exp: nowSeconds + ACCESS_TOKEN_LIFETIME_SECONDS,
      jti: randomUUID(),
    };
    const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
    const signature = sign('sha256', Buffer.from(input), { key: this.privateKey, dsaEncoding: 'ieee-p1363' });
    return `${input}.${b64url(signature)}`;
  }

  verify(token: string, nowSeconds: number): VerifyOutcome {
    const parts = token.split('.');
    if (parts.length !== 3 || token.length > 8192) return { ok: false, reason: 'invalid' };
    const [h, p, s] = parts as [string, string, string];
    try {
      const header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as { alg?: unknown };
      if (header.alg !== 'ES256') return { ok: false, reason: 'invalid' };
      const valid = verify(
        'sha256',
        Buffer.from(`${h}.${p}`),
        { key: this.publicKey, dsaEncoding: 'ieee-p1363' },
        Buffer.from(s, 'base64url'),
      );
      if (!valid) return { ok: false, reason: 'invalid' };
      const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as AccessTokenClaims;
      if (typeof claims.exp !== 'number' || typeof claims.scope !== 'string')
        return { ok: false, reason: 'invalid' };
      if (claims.exp <= nowSeconds) return { ok: false, reason: 'expired' };
      return { ok: true, claims, scopes: new Set(claims.scope.split(' ').filter(Boolean)) };
    } catch {
      return { ok: false, reason: 'invalid' };
    }
  }
}

export function findClient(
  clients: readonly ClientCredentials[],
  clientId: string,
  clientSecret: string,
): ClientCredentials | undefined {
  // Compare against every client so the time taken does not reveal which ids exist.
  let found: ClientCredentials | undefined;
  for (const c of clients) {
    const idOk = safeEqual(c.clientId, clientId);
    const secretOk = safeEqual(c.clientSecret, clientSecret);
    if (idOk && secretOk) found = c;
  }
  return found;
}

export function findApiToken(
  tokens: readonly ApiTokenCredentials[],
  token: string,
): ApiTokenCredentials | undefined {
  let found: ApiTokenCredentials | undefined;
  for (const t of tokens) if (safeEqual(t.token, token)) found = t;
  return found;
}
