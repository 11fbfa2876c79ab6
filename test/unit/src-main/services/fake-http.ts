// A scripted HttpSend for unit tests: routes by method + path, records every request.
import type { HttpRequest, HttpResponse, HttpSend } from '../../../../src-main/platform/http';

export type Route = (
  req: HttpRequest,
  form: URLSearchParams,
) => { status: number; body?: unknown; headers?: Record<string, string>; raw?: string };

export function fakeHttp(routes: Record<string, Route>): { http: HttpSend; calls: HttpRequest[] } {
  const calls: HttpRequest[] = [];
  const http: HttpSend = async (req) => {
    calls.push(req);
    const u = new URL(req.url);
    const route = routes[`${req.method} ${u.origin}${u.pathname}`] ?? routes[`${req.method} ${u.pathname}`];
    if (!route)
      return { status: 404, headers: new Headers(), text: '{"error":{"code":404,"message":"Not found."}}' };
    const r = route(req, new URLSearchParams(req.body ?? ''));
    const text = r.raw ?? (r.body === undefined ? '' : JSON.stringify(r.body));
    return { status: r.status, headers: new Headers(r.headers ?? {}), text } satisfies HttpResponse;
  };
  return { http, calls };
}

/** A token endpoint that grants only the scopes in `allowed`, like the sandbox and Dynatrace SSO. */
export function tokenRoute(
  clientId: string,
  secret: string,
  allowed: readonly string[],
  token = 'eyJhbGciOiJFUzI1NiJ9.eyJzY29wZSI6IngifQ.c2lnbmF0dXJl',
): Route {
  return (_req, form) => {
    if (form.get('client_id') !== clientId || form.get('client_secret') !== secret)
      return {
        status: 400,
        body: { error: 'invalid_client', error_description: 'Invalid client credentials.' },
      };
    const requested = (form.get('scope') ?? '').split(' ').filter(Boolean);
    const lacking = requested.filter((s) => !allowed.includes(s));
    if (lacking.length)
      return {
        status: 400,
        body: {
          error: 'invalid_scope',
          error_description: `The OAuth client is missing the following scopes: [${lacking.join(', ')}]`,
        },
      };
    return {
      status: 200,
      body: { access_token: token, token_type: 'Bearer', expires_in: 300, scope: requested.join(' ') },
      headers: { date: new Date().toUTCString() },
    };
  };
}
