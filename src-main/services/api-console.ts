/**
 * The platform API console (seed 001): call any platform API path or app function
 * (`/platform/app-engine/app-functions/v1/apps/<app>/api/<function>`) — or a classic `/api/` path —
 * of an environment with its managed credentials. Writes obey the safety level; the answer comes
 * back with credentials redacted, and the call can be copied as curl with placeholders for secrets.
 */
import { AppError } from '../../src-shared/errors';
import type { ConsoleRequest, ConsoleResponse } from '../../src-shared/ipc/contract';
import type { HttpSend } from '../platform/http';
import { redactText } from '../platform/redaction';
import { sendAuthorized, urlFor, type Connection } from './connection';
import type { Purpose } from './tenant-connection';
import { curlFor } from './curl';

const MAX_SHOWN_BODY = 1024 * 1024;
const SENSITIVE_HEADERS = /^(authorization|proxy-authorization|set-cookie|cookie)$/i;

export interface ConsoleEnvironments {
  connect(id: string, purpose: Purpose): Promise<Connection>;
  assertWriteAllowed(id: string, confirmedProduction: boolean): void;
  authKindOf(id: string): 'oauth' | 'apiToken' | 'platformToken';
}

/** A path below the environment: /platform/… or /api/…, no scheme, no dot segments, no spaces. */
export function checkConsolePath(path: string): string {
  if (!/^\/(platform|api)\//.test(path))
    throw new AppError('INVALID_PATH', 'The path must start with /platform/ or /api/.');
  if (/\s/.test(path)) throw new AppError('INVALID_PATH', 'The path contains a space; encode it as %20.');
  const pathOnly = path.split(/[?#]/)[0]!;
  if (pathOnly.split('/').some((seg) => seg === '..' || seg === '.' || /^%2e/i.test(seg)))
    throw new AppError('INVALID_PATH', 'The path may not contain "." or ".." segments.');
  if (path.includes('#')) throw new AppError('INVALID_PATH', 'The path may not contain a fragment (#).');
  return path;
}

export class ApiConsole {
  constructor(
    private readonly environments: ConsoleEnvironments,
    private readonly http: HttpSend,
    private readonly now: () => number = performance.now.bind(performance),
  ) {}

  async call(req: ConsoleRequest, signal: AbortSignal): Promise<ConsoleResponse> {
    const path = checkConsolePath(req.path);
    if (req.method !== 'GET')
      this.environments.assertWriteAllowed(req.environmentId, req.confirmProduction === true);
    const authKind = this.environments.authKindOf(req.environmentId);
    if (authKind === 'apiToken' && path.startsWith('/platform/'))
      throw new AppError(
        'PLATFORM_NEEDS_BEARER',
        'Platform APIs need an OAuth client or a platform token, not an API token.',
      );
    const conn = await this.environments.connect(req.environmentId, 'console');
    const started = this.now();
    const res = await sendAuthorized(conn, this.http, {
      method: req.method,
      path,
      headers: {
        accept: 'application/json',
        ...(req.body !== undefined ? { 'content-type': req.contentType ?? 'application/json' } : {}),
      },
      ...(req.body !== undefined ? { body: req.body } : {}),
      timeoutMs: 120_000,
      // Only the first MB is shown, so only the first MB is downloaded (a 300 MB answer is fine).
      truncateAt: MAX_SHOWN_BODY,
      signal,
    });
    const truncated = res.truncated === true || res.text.length > MAX_SHOWN_BODY;
    const headers: [string, string][] = [];
    res.headers.forEach((value, name) =>
      headers.push([name, SENSITIVE_HEADERS.test(name) ? '[REDACTED]' : redactText(value)]),
    );
    return {
      status: res.status,
      headers,
      body: redactText(truncated ? res.text.slice(0, MAX_SHOWN_BODY) : res.text),
      truncated,
      durationMs: Math.round(this.now() - started),
      curl: curlFor({
        method: req.method,
        url: urlFor(conn, path),
        authKind,
        ...(req.body !== undefined
          ? { body: req.body, contentType: req.contentType ?? 'application/json' }
          : {}),
      }),
    };
  }
}
