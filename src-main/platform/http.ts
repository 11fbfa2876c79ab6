/**
 * Outgoing HTTP for API calls: timeouts, cancellation, and error messages that never include
 * credentials or query strings.
 */
import { AppError } from '../../src-shared/errors';

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
}

export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  timeoutMs?: number;
}

export type HttpSend = (req: HttpRequest) => Promise<HttpResponse>;

export const sendHttp: HttpSend = async (req) => {
  const timeout = AbortSignal.timeout(req.timeoutMs ?? 60_000);
  const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
  let res: Response;
  try {
    res = await fetch(req.url, { method: req.method, headers: req.headers, body: req.body, signal });
  } catch (err) {
    if (req.signal?.aborted) throw new AppError('CANCELLED', 'The request was cancelled.');
    if (timeout.aborted)
      throw new AppError('TIMEOUT', `No answer from ${safeOrigin(req.url)} in time.`, {}, true);
    throw new AppError('NETWORK', `Could not reach ${safeOrigin(req.url)}: ${networkReason(err)}`, {}, true);
  }
  return { status: res.status, headers: res.headers, text: await res.text() };
};

/** Scheme + host + path only: the form of a URL that may appear in messages. */
export function safeOrigin(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return 'the server';
  }
}

function networkReason(err: unknown): string {
  const cause = (err as { cause?: { code?: string } }).cause;
  switch (cause?.code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
      return 'host not found';
    case 'ECONNRESET':
      return 'connection reset';
    default:
      return cause?.code ?? 'network error';
  }
}
