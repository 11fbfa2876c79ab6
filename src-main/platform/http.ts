/**
 * Outgoing HTTP for API calls: timeouts, cancellation, a response size cap, no redirects (a
 * credential never follows one), no secrets in URLs, and error messages that never include
 * credentials or query strings. Every call takes the route its ProxyResolver chooses (proxy
 * variables, the OS/PAC settings in Electron; never a proxy for loopback) and trusts the extra CA
 * certificates configured for its host, on top of the default roots.
 */
import { Agent, ProxyAgent, fetch as undiciFetch, type Dispatcher } from 'undici';
import { AppError } from '../../src-shared/errors';
import { appProxyResolver, type ProxyResolver, type ProxyRoute } from './proxy-resolver';
import { redactText, rememberSecret } from './redaction';
import { netReason, tlsReason } from './tls-errors';

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
  /** True when reading stopped at `truncateAt` (the rest was not downloaded). */
  truncated?: boolean;
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
  /** Read at most this many bytes and stop, instead of failing (for display: the API console). */
  truncateAt?: number;
}

export type HttpSend = (req: HttpRequest) => Promise<HttpResponse>;

export interface HttpOptions {
  /** Default: the proxy variables only (the web edition and tests). */
  proxy?: ProxyResolver;
  /** The full CA list for a host (`name[:port]`), or null for Node's defaults. */
  caFor?: (host: string) => readonly string[] | null;
}

/** Query results can be large, but a body past this is a misconfigured endpoint, not data. */
export const DEFAULT_MAX_RESPONSE_BYTES = 128 * 1024 * 1024;

/** Query parameters that would carry a credential (the docs' discouraged `?api-token=`). */
const SECRET_PARAM = /[?&](api-token|api_token|access_token|client_secret|token)=/i;

/** Dispatchers are reused per (route, CA list): keep-alive pools, not one per request. */
const MAX_DISPATCHERS = 16;

export function createHttp(options: HttpOptions = {}): HttpSend {
  const resolver = options.proxy ?? appProxyResolver(null);
  const dispatchers = new Map<string, Dispatcher>();
  // CA lists are compared by identity (the trust store hands out the same array for the same CAs).
  const caIds = new WeakMap<readonly string[], number>();
  let lastCaId = 0;
  const caListId = (ca: readonly string[]): number => {
    let id = caIds.get(ca);
    if (id === undefined) caIds.set(ca, (id = ++lastCaId));
    return id;
  };

  const dispatcherFor = (route: ProxyRoute, ca: readonly string[] | null): Dispatcher => {
    const key = `${route.kind === 'proxy' ? route.url : 'direct'}\n${ca ? caListId(ca) : ''}`;
    let d = dispatchers.get(key);
    if (d) return d;
    const tls = ca ? { ca: [...ca] } : {};
    if (route.kind === 'proxy') {
      // The proxy's password is a secret: make sure no message can carry it.
      const password = safeUrl(route.url)?.password ?? '';
      rememberSecret(password || null);
      rememberSecret(password ? safeDecode(password) : null);
      d = new ProxyAgent({ uri: route.url, requestTls: tls });
    } else d = new Agent({ connect: tls });
    if (dispatchers.size >= MAX_DISPATCHERS) {
      const [oldestKey, oldest] = dispatchers.entries().next().value!;
      dispatchers.delete(oldestKey);
      void oldest.close().catch(() => undefined);
    }
    dispatchers.set(key, d);
    return d;
  };

  return async (req) => {
    if (SECRET_PARAM.test(req.url))
      throw new AppError('SECRET_IN_URL', 'Refused to put a credential into a URL; it goes into a header.');
    const target = safeUrl(req.url);
    if (!target) throw new AppError('INVALID_URL', 'The request URL is not valid.');
    const timeout = AbortSignal.timeout(req.timeoutMs ?? 60_000);
    const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
    const route: ProxyRoute = await resolver
      .resolve(req.url)
      .catch(() => ({ kind: 'direct', source: 'the proxy settings could not be read' }));
    const via = route.kind === 'proxy' ? ` through the proxy ${route.display}` : '';
    const fail = (err: unknown): never => {
      if (err instanceof AppError) throw err;
      if (req.signal?.aborted) throw new AppError('CANCELLED', 'The request was cancelled.');
      if (timeout.aborted)
        throw new AppError(
          'TIMEOUT',
          `No answer from ${safeOrigin(req.url)}${via} within ${Math.round((req.timeoutMs ?? 60_000) / 1000)} s.`,
          {},
          true,
        );
      throw new AppError(
        'NETWORK',
        `Could not reach ${safeOrigin(req.url)}${via}: ${networkReason(err, route)}`,
        {},
        true,
      );
    };
    let res: Awaited<ReturnType<typeof undiciFetch>>;
    try {
      res = await undiciFetch(req.url, {
        method: req.method,
        ...(req.headers ? { headers: req.headers } : {}),
        ...(req.body !== undefined ? { body: req.body } : {}),
        signal,
        redirect: 'manual',
        dispatcher: dispatcherFor(
          route,
          target.protocol === 'https:' ? (options.caFor?.(target.host) ?? null) : null,
        ),
      });
    } catch (err) {
      return fail(err);
    }
    try {
      const { text, truncated } = await readLimited(
        res,
        req.maxBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
        req.url,
        req.truncateAt,
      );
      return {
        status: res.status,
        headers: new Headers([...res.headers]),
        text,
        ...(truncated ? { truncated } : {}),
      };
    } catch (err) {
      return fail(err);
    }
  };
}

/** The proxy variables' route and Node's default trust: for tests and tools outside the app core. */
export const sendHttp: HttpSend = createHttp();

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function safeUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

interface ReadableResponse {
  headers: { get(name: string): string | null };
  body: ReadableStream<Uint8Array> | null;
}

async function readLimited(
  res: ReadableResponse,
  maxBytes: number,
  url: string,
  truncateAt?: number,
): Promise<{ text: string; truncated: boolean }> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  const tooLarge = () =>
    new AppError(
      'RESPONSE_TOO_LARGE',
      `${safeOrigin(url)} answered with more than ${formatBytes(maxBytes)}; the response was not read.`,
    );
  if (declared > maxBytes && truncateAt === undefined) {
    await res.body?.cancel();
    throw tooLarge();
  }
  if (!res.body) return { text: '', truncated: false };
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let size = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (truncateAt !== undefined && size + value.byteLength > truncateAt) {
      // Keep what fits and stop downloading: a display needs the start, not 300 MB.
      text += decoder.decode(value.subarray(0, truncateAt - size), { stream: true });
      await reader.cancel();
      return { text: text + decoder.decode(), truncated: true };
    }
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    text += decoder.decode(value, { stream: true });
  }
  return { text: text + decoder.decode(), truncated: false };
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

/** The error's code, looked up through undici's wrapping (`fetch failed` → cause → cause). */
function errorCode(err: unknown): string {
  for (let e: unknown = err, depth = 0; e && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && !code.startsWith('UND_ERR_ABORTED')) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return '';
}

function proxyStatus(err: unknown): number | null {
  for (let e: unknown = err, depth = 0; e && depth < 4; depth++) {
    const m = /Proxy response \((\d{3})\)/.exec(String((e as { message?: unknown }).message ?? ''));
    if (m) return Number(m[1]);
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}

function networkReason(err: unknown, route: ProxyRoute): string {
  const code = errorCode(err);
  const tls = tlsReason(code);
  if (tls) return tls;
  if (route.kind === 'proxy') {
    const status = proxyStatus(err);
    if (status === 407)
      // No example URL with user:password@: redaction would (rightly) blank it on the way out.
      return `the proxy asks for a user name and password (407); add them to ${/_PROXY$/i.test(route.source) ? route.source : 'HTTPS_PROXY'} as user:password@ before the proxy's host`;
    if (status !== null) return `the proxy refused to open a tunnel to it (status ${status})`;
    if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN')
      return `the proxy is not reachable (${netReason(code)})`;
  }
  // fetch refuses the ports of the Fetch standard's "bad port" list (1, 6000, …) before connecting.
  if (!code && causeMessage(err) === 'bad port')
    return 'fetch does not connect to this port (it is on the Fetch standard’s list of blocked ports); use another port';
  return netReason(code) ?? redactText(code || 'network error');
}

function causeMessage(err: unknown): string {
  const cause = (err as { cause?: { message?: unknown } } | null)?.cause;
  return typeof cause?.message === 'string' ? cause.message : '';
}
