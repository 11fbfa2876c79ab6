/** Sends composed events to the selected environment's bizevents ingest endpoint. */
import type { IngestSendRequest, IngestSendResponse } from '../../src-shared/ipc/contract';
import type { HttpSend } from '../platform/http';
import { sendAuthorized, urlFor, type Connection } from './connection';

export class IngestService {
  constructor(
    private readonly connect: (environmentId: string) => Promise<Connection>,
    private readonly http: HttpSend,
    private readonly now: () => number = performance.now.bind(performance),
  ) {}

  /** The full ingest URL the composer sends to (no credentials, no query string). */
  async endpoint(environmentId: string): Promise<{ url: string }> {
    const conn = await this.connect(environmentId);
    return { url: urlFor(conn, conn.ingestPath) };
  }

  async send(req: IngestSendRequest, signal: AbortSignal): Promise<IngestSendResponse> {
    const conn = await this.connect(req.environmentId);
    const started = this.now();
    const res = await sendAuthorized(conn, this.http, {
      method: 'POST',
      path: conn.ingestPath,
      headers: { 'content-type': req.contentType },
      body: req.body,
      signal,
      timeoutMs: 120_000,
    });
    const durationMs = Math.round(this.now() - started);
    const retryAfterSeconds = retryAfter(res.headers.get('retry-after'), Date.now());
    return {
      status: res.status,
      accepted: res.status === 202,
      body: res.text,
      durationMs,
      ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
    };
  }
}

/** `Retry-After` as seconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3); undefined if absent or bad. */
export function retryAfter(header: string | null, nowMs: number): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - nowMs) / 1000));
}
