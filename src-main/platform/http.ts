/**
 * Outgoing HTTP for API calls: timeouts, cancellation, a response size cap, no redirects (a
 * credential never follows one), no secrets in URLs, and error messages that never include
 * credentials or query strings.
 */
import { AppError } from '../../src-shared/errors';
import { redactText } from './redaction';

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Largest response body accepted; default DEFAULT_MAX_RESPONSE_BYTES. */
  maxBytes?: number;
}

export type HttpSend = (req: HttpRequest) => Promise<HttpResponse>;

/** Query results can be large, but a body past this is a misconfigured endpoint, not data. */
export const DEFAULT_MAX_RESPONSE_BYTES = 128 * 1024 * 1024;

/** Query parameters that would carry a credential (the docs' discouraged `?api-token=`). */
const SECRET_PARAM = /[?&](api-token|api_token|access_token|client_secret|token)=/i;

export const sendHttp: HttpSend = async (req) => {
  if (SECRET_PARAM.test(req.url))
    throw new AppError('SECRET_IN_URL', 'Refused to put a credential into a URL; it goes into a header.');
  const timeout = AbortSignal.timeout(req.timeoutMs ?? 60_000);
  const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
  const fail = (err: unknown): never => {
    if (err instanceof AppError) throw err;
    if (req.signal?.aborted) throw new AppError('CANCELLED', 'The request was cancelled.');
    if (timeout.aborted)
      throw new AppError(
        'TIMEOUT',
        `No answer from ${safeOrigin(req.url)} within ${Math.round((req.timeoutMs ?? 60_000) / 1000)} s.`,
        {},
        true,
      );
    throw new AppError('NETWORK', `Could not reach ${safeOrigin(req.url)}: ${networkReason(err)}`, {}, true);
  };
  let res: Response;
  try {
    res = await fetch(req.url, {
      method: req.method,
      headers: req.headers,
      body: req.body,
      signal,
      redirect: 'manual',
    });
  } catch (err) {
    return fail(err);
  }
  try {
    const text = await readLimited(res, req.maxBytes ?? DEFAULT_MAX_RESPONSE_BYTES, req.url);
    return { status: res.status, headers: res.headers, text };
  } catch (err) {
    return fail(err);
  }
};

async function readLimited(res: Response, maxBytes: number, url: string): Promise<string> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  const tooLarge = () =>
    new AppError(
      'RESPONSE_TOO_LARGE',
      `${safeOrigin(url)} answered with more than ${formatBytes(maxBytes)}; the response was not read.`,
    );
  if (declared > maxBytes) {
    await res.body?.cancel();
    throw tooLarge();
  }
  if (!res.body) return '';
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let size = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

/** Scheme + host only: the form of a URL that may appear in messages. */
export function safeOrigin(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return 'the server';
  }
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round(n / (1024 * 1024))} MB` : `${Math.round(n / 1024)} KB`;
}

const TLS_REASONS: Readonly<Record<string, string>> = {
  CERT_HAS_EXPIRED: 'its TLS certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'it presents a self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN:
    'its certificate chain has a self-signed certificate (a company proxy? add its CA with NODE_EXTRA_CA_CERTS)',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE:
    'its certificate is not signed by a trusted CA (add the CA with NODE_EXTRA_CA_CERTS)',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    'its certificate issuer is not trusted here (add the CA with NODE_EXTRA_CA_CERTS)',
  ERR_TLS_CERT_ALTNAME_INVALID: 'its certificate is for a different host name',
  CERT_NOT_YET_VALID: 'its certificate is not valid yet (is the clock right?)',
};

function networkReason(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code ?? '';
  if (TLS_REASONS[code]) return TLS_REASONS[code];
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
      return 'host not found (DNS)';
    case 'EAI_AGAIN':
      return 'DNS lookup failed (temporary)';
    case 'ECONNRESET':
      return 'connection reset';
    case 'UND_ERR_CONNECT_TIMEOUT':
      return 'connection timed out';
    default:
      return redactText(code || 'network error');
  }
}
