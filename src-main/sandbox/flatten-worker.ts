/**
 * The flatten worker thread (flatten-pool.ts): flattens ingest bodies into event batches, the
 * part of an ingest that needs no store, beside the sandbox thread that stores them.
 */
import { parentPort } from 'node:worker_threads';
import { flattenBytesToBatch } from './event-batch';
import type { FlattenReply, FlattenRequest } from './flatten-pool';

const port = parentPort;
if (!port) throw new Error('flatten-worker.ts runs as a worker thread (see flatten-pool.ts).');

port.on('message', ({ id, body, contentType, ingestNs }: FlattenRequest) => {
  let reply: FlattenReply;
  try {
    reply = { id, ok: true, outcome: flattenBytesToBatch(body, contentType, ingestNs) };
  } catch (err) {
    reply = { id, ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(reply);
});
