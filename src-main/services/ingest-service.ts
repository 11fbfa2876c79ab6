/** Sends composed events to the selected environment's bizevents ingest endpoint. */
import type { IngestSendRequest, IngestSendResponse } from '../../src-shared/ipc/contract';
import type { HttpSend } from '../platform/http';
import { sendAuthorized, type Connection } from './connection';

export class IngestService {
  constructor(
    private readonly connect: (environmentId: string) => Promise<Connection>,
    private readonly http: HttpSend,
    private readonly now: () => number = performance.now.bind(performance),
  ) {}

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
    return {
      status: res.status,
      accepted: res.status === 202,
      body: res.text,
      durationMs: Math.round(this.now() - started),
    };
  }
}
