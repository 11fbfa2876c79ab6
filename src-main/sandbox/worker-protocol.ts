/**
 * Messages between the app and the sandbox running in its worker thread (worker-host.ts,
 * worker-entry.ts). Both ends are this codebase, in one process, over structured clone: typed,
 * not validated (no outside input crosses here; HTTP input is validated by the sandbox's routes).
 */
import type { FaultSpec } from './faults-spec';
import type { SandboxOptions, SandboxStats } from './server';

/** The options that survive structured clone (no functions): the worker's `workerData`. */
export type WorkerSandboxOptions = Pick<
  SandboxOptions,
  'host' | 'port' | 'dataDir' | 'clients' | 'apiTokens' | 'resultTtlSeconds' | 'faults'
>;

export type HostRequest =
  | { id: number; op: 'stats' }
  | { id: number; op: 'clear' }
  | { id: number; op: 'setFaults'; spec: FaultSpec }
  | { id: number; op: 'close' };

export type WorkerMessage =
  | { kind: 'ready'; url: string }
  | { kind: 'failed'; message: string; code?: string }
  | { kind: 'log'; line: string }
  | { kind: 'reply'; id: number; ok: true; stats?: SandboxStats }
  | { kind: 'reply'; id: number; ok: false; message: string };
