/**
 * The sandbox in its own worker thread (started by worker-host.ts): its ingest and queries run
 * beside the app's main thread instead of on it, with a young generation sized for ingest batches.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { startSandbox } from './server';
import type { HostRequest, WorkerMessage, WorkerSandboxOptions } from './worker-protocol';

const port = parentPort;
if (!port) throw new Error('worker-entry.ts runs as a worker thread (see worker-host.ts).');
const post = (m: WorkerMessage): void => port.postMessage(m);

try {
  const sandbox = await startSandbox({
    ...(workerData as WorkerSandboxOptions),
    log: (line) => post({ kind: 'log', line }),
  });
  port.on('message', (request: HostRequest) => {
    void (async () => {
      try {
        switch (request.op) {
          case 'stats':
            post({ kind: 'reply', id: request.id, ok: true, stats: await sandbox.admin.stats() });
            return;
          case 'clear':
            await sandbox.admin.clear();
            break;
          case 'setFaults':
            await sandbox.setFaults(request.spec);
            break;
          case 'close':
            await sandbox.close();
            post({ kind: 'reply', id: request.id, ok: true });
            port.close(); // nothing left to run: the thread ends
            return;
        }
        post({ kind: 'reply', id: request.id, ok: true });
      } catch (err) {
        post({ kind: 'reply', id: request.id, ok: false, message: messageOf(err) });
      }
    })();
  });
  post({ kind: 'ready', url: sandbox.url });
} catch (err) {
  post({ kind: 'failed', message: messageOf(err), ...codeOf(err) });
  port.close();
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function codeOf(err: unknown): { code?: string } {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? { code } : {};
}
