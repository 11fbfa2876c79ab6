/**
 * Runs the sandbox in a worker thread of this process (worker-entry.ts) and gives the app the same
 * RunningSandbox as startSandbox. The embedded sandbox's ingest (flattening, DuckDB appends) then
 * no longer holds up the app's main thread — IPC, the bulk sender, result pages — and runs on the
 * second core beside it; its young generation is sized so that ingest batches die young.
 */
import type { Worker } from 'node:worker_threads';
import type { FaultSpec } from './faults-spec';
import { spawnWorker } from './spawn-worker';
import { NO_FAULTS } from './faults-spec';
import type { RunningSandbox, SandboxStats } from './server';
import type { HostRequest, WorkerMessage, WorkerSandboxOptions } from './worker-protocol';

/**
 * MB of young generation. An ingest batch (5,000 events) stays live across scavenges, which copy
 * it: at 16 MB, 200,000 events over HTTP took 272 scavenges, 1.9 s; at 96 MB 124, 1.5 s (trace-gc).
 */
const YOUNG_GENERATION_MB = 96;

export interface SandboxWorkerOptions {
  log?: (line: string) => void;
  /** The thread ended without being closed (a crash); the sandbox is gone. */
  onExit?: (message: string) => void;
}

/** A request before it gets its id (Omit over each member of the union). */
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
type Request = WithoutId<HostRequest>;

export async function startSandboxWorker(
  options: WorkerSandboxOptions,
  hooks: SandboxWorkerOptions = {},
): Promise<RunningSandbox> {
  const worker = startThread(options);
  const pending = new Map<number, { resolve: (stats?: SandboxStats) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let ended: Error | undefined;
  let closing: Promise<void> | undefined;

  const url = await new Promise<string>((resolve, reject) => {
    worker.on('message', (m: WorkerMessage) => {
      switch (m.kind) {
        case 'ready':
          resolve(m.url);
          return;
        case 'failed':
          reject(Object.assign(new Error(m.message), m.code ? { code: m.code } : {}));
          return;
        case 'log':
          hooks.log?.(m.line);
          return;
        case 'reply': {
          const p = pending.get(m.id);
          pending.delete(m.id);
          if (m.ok) p?.resolve(m.stats);
          else p?.reject(new Error(m.message));
        }
      }
    });
    worker.on('error', (err) => reject(err));
    worker.on('exit', (code) => {
      ended = new Error(`The sandbox stopped (thread exit code ${code}).`);
      reject(ended);
      for (const p of pending.values()) p.reject(ended);
      pending.clear();
      if (!closing) hooks.onExit?.(ended.message);
    });
  });

  const call = (request: Request): Promise<SandboxStats | undefined> =>
    new Promise((resolve, reject) => {
      if (ended) return reject(ended);
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...request, id } as HostRequest);
    });

  let faults: FaultSpec = options.faults ?? NO_FAULTS;
  return {
    url,
    close() {
      closing ??= ended ? Promise.resolve() : call({ op: 'close' }).then(() => undefined);
      return closing;
    },
    async setFaults(spec) {
      faults = spec;
      await call({ op: 'setFaults', spec });
    },
    faults: () => faults,
    admin: {
      async stats() {
        const stats = await call({ op: 'stats' });
        if (!stats) throw new Error('The sandbox sent no stats.');
        return stats;
      },
      async clear() {
        await call({ op: 'clear' });
      },
    },
  };
}

/** worker-entry.ts, bundled as `sandbox-worker.js` (spawn-worker.ts). */
function startThread(options: WorkerSandboxOptions): Worker {
  return spawnWorker(
    import.meta.url,
    { source: './worker-entry.ts', bundled: './sandbox-worker.js' },
    { workerData: options, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } },
  );
}
