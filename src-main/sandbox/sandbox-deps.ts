/** What the routes share: built once by server.ts, passed to every handler (no globals). */
import type { TokenService } from './auth';
import type { ApiTokenCredentials, ClientCredentials } from './dev-credentials';
import type { JobRegistry } from './jobs';
import type { Flattener } from './flatten-pool';
import type { EventStore } from './store';

export interface SandboxDeps {
  readonly store: EventStore;
  /** Ingest bodies to event batches (flatten-pool.ts). */
  readonly flattener: Flattener;
  readonly tokens: TokenService;
  readonly jobs: JobRegistry;
  readonly clients: readonly ClientCredentials[];
  readonly apiTokens: readonly ApiTokenCredentials[];
  /** Clock in ns since epoch (injectable for tests: token expiry, ingest time, query now). */
  readonly now: () => bigint;
  readonly log: (line: string) => void;
  /** Awaited before a query job runs; lets tests hold a job in RUNNING deterministically. */
  readonly executionGate?: (query: string) => Promise<void>;
}

export function nowSeconds(deps: Pick<SandboxDeps, 'now'>): number {
  return Number(deps.now() / 1_000_000_000n);
}
