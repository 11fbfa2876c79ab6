/**
 * Small HTTP plumbing on node:http: bounded body reading that stops buffering at the limit,
 * JSON/empty responses, and safe handling of bodies we refuse to read (the connection is closed
 * after a bounded discard, so a client still sees our status instead of a reset).
 */
import { isAscii } from 'node:buffer';
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface RequestContext {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly url: URL;
}

/** How much of an unwanted body we swallow before dropping the connection. */
const DISCARD_LIMIT_BYTES = 64 * 1024 * 1024;

export type BodyOutcome = { ok: true; body: Buffer } | { ok: false; reason: 'too-large' | 'aborted' };

/** Reads the body up to `limit` bytes; past it, stops buffering and reports too-large at once. */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyOutcome> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit)
    return Promise.resolve({ ok: false, reason: 'too-large' });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (o: BodyOutcome): void => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('aborted', onError);
      resolve(o);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        req.pause();
        settle({ ok: false, reason: 'too-large' });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => settle({ ok: true, body: Buffer.concat(chunks, size) });
    const onError = (): void => settle({ ok: false, reason: 'aborted' });
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('aborted', onError);
  });
}

function prepare(ctx: RequestContext, headers: Record<string, string>): Record<string, string> {
  // A body we did not read to the end: tell the client this connection will not be reused.
  return ctx.req.complete ? headers : { ...headers, connection: 'close' };
}

export function sendJson(
  ctx: RequestContext,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  ctx.res.writeHead(
    status,
    prepare(ctx, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(text)),
      ...headers,
    }),
  );
  ctx.res.end(text);
}

export function sendEmpty(ctx: RequestContext, status: number): void {
  ctx.res.writeHead(status, prepare(ctx, { 'content-length': '0' }));
  ctx.res.end();
}

/** How draining a request's unread body ended. */
type Drained = 'ended' | 'over-limit' | 'failed';

/**
 * Reads what is left of the request and drops it (up to the discard limit), resolving when the
 * client has sent it all. Before refusing a body (413): a client still writing it would otherwise
 * see the connection reset (EPIPE) instead of the answer.
 */
export function drainBody(req: IncomingMessage): Promise<Drained> {
  if (req.complete) return Promise.resolve('ended');
  return new Promise((resolve) => {
    let discarded = 0;
    const done = (how: Drained): void => {
      req.off('data', onData);
      resolve(how);
    };
    const onData = (chunk: Buffer): void => {
      discarded += chunk.length;
      if (discarded > DISCARD_LIMIT_BYTES) {
        req.pause();
        done('over-limit'); // an answer goes out with `connection: close` (see prepare)
      }
    };
    req.on('data', onData);
    req.once('end', () => done('ended'));
    req.once('error', () => done('failed'));
    req.once('close', () => done('failed'));
    req.resume();
  });
}

/** After a response: drain what is left of the request (bounded), then close the socket. */
export function discardUnreadBody(req: IncomingMessage): void {
  if (req.complete) return;
  void drainBody(req).then((how) => (how === 'ended' ? req.socket.end() : req.socket.destroy()));
}

export function contentType(req: IncomingMessage): string | undefined {
  const ct = req.headers['content-type'];
  return typeof ct === 'string' ? ct : undefined;
}

export function isJsonContentType(ct: string | undefined): boolean {
  return !!ct && /^application\/json\s*(;|$)/i.test(ct.trim());
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A request body as text, or undefined when it is not valid UTF-8. An ASCII body (the common case)
 * is its own Latin-1 decoding: the native ASCII check and copy are ~20× faster than a fatal
 * TextDecoder on a 1 MB batch (a few % of ingest time). TextDecoder drops a leading BOM.
 */
export function decodeUtf8(body: Uint8Array): string | undefined {
  // Bytes that crossed threads arrive as a plain Uint8Array: viewed as a Buffer, not copied.
  if (isAscii(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('latin1');
  try {
    return strictUtf8.decode(body);
  } catch {
    return undefined;
  }
}
