/**
 * The embedded default environment: starts the sandbox on a free loopback port with an OAuth
 * client whose secret lives in the credential store (generated on first start).
 */
import { randomInt } from 'node:crypto';
import { join } from 'node:path';
import type { CredentialStore } from '../platform/credential-store';
import { rememberSecret } from '../platform/redaction';
import type { RunningSandbox } from '../sandbox/server';
import { startSandboxWorker } from '../sandbox/worker-host';

export const SANDBOX_ENVIRONMENT_ID = 'local-sandbox';
export const APP_SCOPES = ['storage:bizevents:read', 'storage:buckets:read', 'storage:events:write'] as const;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
function randomToken(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}

export function generateClientId(): string {
  return `dt0s02.${randomToken(8)}`;
}

export function secretAccount(environmentId: string): string {
  return `environment:${environmentId}:client-secret`;
}

export interface LocalSandboxState {
  status: 'starting' | 'ready' | 'needs-secret' | 'error';
  message?: string;
  url?: string;
}

export class LocalSandbox {
  private running: RunningSandbox | null = null;
  private starting: Promise<void> | null = null;
  state: LocalSandboxState = {
    status: 'needs-secret',
    message: 'Waiting for a place to keep its client secret.',
  };

  constructor(
    private readonly dataDir: string,
    readonly clientId: string,
    private readonly onChange: () => void,
  ) {}

  /** Starts once a credential store exists; later calls wait for the same start. */
  start(store: CredentialStore): Promise<void> {
    this.starting ??= this.doStart(store).catch((err: unknown) => {
      this.starting = null;
      this.setState({ status: 'error', message: `The local sandbox could not start: ${reason(err)}` });
    });
    return this.starting;
  }

  private async doStart(store: CredentialStore): Promise<void> {
    this.setState({ status: 'starting' });
    const account = secretAccount(SANDBOX_ENVIRONMENT_ID);
    let secret = await store.get(account);
    if (!secret || !secret.startsWith(`${this.clientId}.`)) {
      secret = `${this.clientId}.${randomToken(64)}`;
      await store.set(account, secret);
    }
    rememberSecret(secret);
    // In a worker thread: ingest and queries of the sandbox do not hold up the app's main thread.
    this.running = await startSandboxWorker(
      {
        port: 0,
        dataDir: join(this.dataDir, 'sandbox'),
        clients: [{ clientId: this.clientId, clientSecret: secret, scopes: [...APP_SCOPES] }],
      },
      {
        onExit: (message) => {
          this.running = null;
          this.starting = null; // a later start() may try again
          this.setState({ status: 'error', message: `The local sandbox stopped: ${message}` });
        },
      },
    );
    this.setState({ status: 'ready', url: this.running.url });
  }

  /** The running server (its admin hook and fault setting), or null before start. */
  get server(): RunningSandbox | null {
    return this.running;
  }

  async stop(): Promise<void> {
    await this.starting;
    await this.running?.close();
    this.running = null;
  }

  private setState(state: LocalSandboxState): void {
    this.state = state;
    this.onChange();
  }
}

function reason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'its data folder is not writable.';
  if (err instanceof Error && /lock/i.test(err.message))
    return 'its data folder is in use by another Bizlens.';
  return err instanceof Error ? err.message.split('\n')[0]! : 'unknown error';
}
