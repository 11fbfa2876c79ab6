/**
 * A resolved environment connection: where to send API calls and how to authorize them. The same
 * code talks to a tenant and to the local sandbox; only this object differs.
 */
import type { HttpRequest, HttpResponse, HttpSend } from '../platform/http';

export interface Connection {
  environmentId: string;
  /** Platform base, e.g. https://abc.apps.dynatrace.com (no trailing slash). */
  platformBaseUrl: string;
  /** Classic Environment API base (`/api/...` paths), e.g. https://abc.live.dynatrace.com; default the platform base. */
  classicBaseUrl?: string;
  /** Path of the bizevents ingest endpoint that matches the auth kind. */
  ingestPath: string;
  /** The Authorization header value (kept in main only). */
  authorization(): Promise<string>;
  /** Called after a 401 so the next authorization() fetches a fresh token. */
  onUnauthorized(): void;
}

/** Classic API paths go to the classic base, everything else to the platform base. */
export function urlFor(conn: Connection, path: string): string {
  const classic = path.startsWith('/api/');
  return (classic ? (conn.classicBaseUrl ?? conn.platformBaseUrl) : conn.platformBaseUrl) + path;
}

/** Sends with authorization; on 401 retries exactly once with a fresh token. */
export async function sendAuthorized(
  conn: Connection,
  http: HttpSend,
  req: Omit<HttpRequest, 'url'> & { path: string },
): Promise<HttpResponse> {
  const { path, ...rest } = req;
  const attempt = async (): Promise<HttpResponse> =>
    http({
      ...rest,
      url: urlFor(conn, path),
      headers: { ...req.headers, authorization: await conn.authorization() },
    });
  const first = await attempt();
  if (first.status !== 401) return first;
  conn.onUnauthorized();
  return attempt();
}
