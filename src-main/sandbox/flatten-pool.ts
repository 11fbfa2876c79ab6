/**
 * Where the sandbox flattens an ingest body. Flattening is as costly as storing (issue 3's
 * benchmark), and both ran on the sandbox's one thread: large bodies are now flattened in a
 * worker thread of their own (flatten-worker.ts) into event batches, flat arrays that are cheap to
 * pass back, while the sandbox thread stores the batches before. Small bodies (a composer's send)
 * are flattened in place: the round trip would cost them more than it saves. Large ones always
 * go to the worker, even while it is busy: flattening some of them in place as well was slower
 * (the sandbox thread's appends then waited; measured with bench/sandbox-ingest.ts).
 * Messages cross within this process over structured clone: typed, not validated (HTTP input is
 * validated by the routes).
 */
import type { Worker } from 'node:worker_threads';
import { flattenBytesToBatch } from './event-batch';
import type { BatchOutcome } from './event-batch';
import { spawnWorker } from './spawn-worker';

export interface FlattenRequest {
  readonly id: number;
  /** The body's bytes, copied across (the sandbox thread keeps its own to fall back on). */
  readonly body: Uint8Array;
  readonly contentType: string;
  readonly ingestNs: bigint;
}

export type FlattenReply =
  | { readonly id: number; readonly ok: true; readonly outcome: BatchOutcome }
  | { readonly id: number; readonly ok: false; readonly message: string };

export interface Flattener {
  /** Decodes the body (UTF-8) and flattens it. */
  flatten(body: Uint8Array, contentType: string, ingestNs: bigint): Promise<BatchOutcome>;
  close(): Promise<void>;
}

/** Bodies shorter than this (bytes) are flattened in place. */
export const WORKER_MIN_BYTES = 64 * 1024;

/** MB of young generation: a batch being built stays live across scavenges (see worker-host.ts). */
const YOUNG_GENERATION_MB = 64;

/** Worker failures after which every body is flattened in place. */
const MAX_FAILURES = 2;

export interface FlattenPoolOptions {
  minBytes?: number;
  log?: (line: string) => void;
  /** Starts the worker thread (tests start one that fails). */
  spawn?: () => Worker;
}

export function flattenPool(options: FlattenPoolOptions = {}): Flattener {
  const minBytes = options.minBytes ?? WORKER_MIN_BYTES;
  const pending = new Map<number, { resolve: (o: BatchOutcome) => void; reject: (e: Error) => void }>();
  let worker: Worker | undefined;
  let nextId = 1;
  let closed = false;
  let failures = 0;

  const failAll = (err: Error): void => {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };

  const start = (): Worker => {
    const w = (options.spawn ?? spawnFlattenWorker)();
    w.unref(); // never what keeps the process alive
    w.on('message', (reply: FlattenReply) => {
      const p = pending.get(reply.id);
      pending.delete(reply.id);
      if (reply.ok) p?.resolve(reply.outcome);
      else p?.reject(new Error(reply.message));
    });
    // A worker that fails is replaced by the next body that needs one, up to MAX_FAILURES.
    const gone = (err: Error): void => {
      if (worker !== w) return;
      worker = undefined;
      if (!closed) {
        failures++;
        options.log?.(`The flatten worker failed (${err.message}); flattening in the sandbox thread.`);
      }
      failAll(err);
    };
    w.on('error', gone);
    w.on('exit', (code) => gone(new Error(`The flatten worker stopped (exit code ${code}).`)));
    return w;
  };

  const inWorker = (body: Uint8Array, contentType: string, ingestNs: bigint): Promise<BatchOutcome> =>
    new Promise((resolve, reject) => {
      worker ??= start();
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, body, contentType, ingestNs } satisfies FlattenRequest);
    });

  return {
    async flatten(body, contentType, ingestNs) {
      if (closed || failures >= MAX_FAILURES || body.length < minBytes)
        return flattenBytesToBatch(body, contentType, ingestNs);
      // A worker that failed mid-body: the body is flattened here instead.
      return inWorker(body, contentType, ingestNs).catch(() =>
        flattenBytesToBatch(body, contentType, ingestNs),
      );
    },
    async close() {
      closed = true;
      await worker?.terminate();
      worker = undefined;
    },
  };
}

function spawnFlattenWorker(): Worker {
  return spawnWorker(
    import.meta.url,
    { source: './flatten-worker.ts', bundled: './flatten-worker.js' },
    { resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } },
  );
}
