/**
 * Starts the real web edition (`src-main/web/cli.ts`) as a child process on a fresh data dir and a
 * namespaced keychain service, and drives Debian's Chromium with playwright-core.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium, type Browser } from 'playwright-core';

export const ROOT = resolve(import.meta.dirname, '../..');

export interface WebEdition {
  url: string;
  dataDir: string;
  keychainService: string;
  stderr: () => string;
  /** Stops the host; removes the data dir unless `keepData` (to start again on it). */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

/** `reuse`: start again on an earlier run's data dir and keychain service (a restart). */
export async function startWebEdition(
  extraEnv: Record<string, string> = {},
  reuse?: Pick<WebEdition, 'dataDir' | 'keychainService'>,
): Promise<WebEdition> {
  const dataDir = reuse?.dataDir ?? (await mkdtemp(join(tmpdir(), 'bizlens-e2e-')));
  const keychainService = reuse?.keychainService ?? `dev.bizlens.e2e.${randomUUID()}`;
  const child: ChildProcess = spawn(
    process.execPath,
    [
      join(ROOT, 'node_modules/tsx/dist/cli.mjs'),
      'src-main/web/cli.ts',
      '--port',
      '0',
      '--no-open',
      '--data-dir',
      dataDir,
    ],
    {
      cwd: ROOT,
      env: { ...process.env, BIZLENS_KEYCHAIN_SERVICE: keychainService, ...extraEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const lines = createInterface({ input: child.stdout! });
  const first = await new Promise<string>((resolveLine, reject) => {
    lines.once('line', resolveLine);
    child.once('exit', (code) => reject(new Error(`web edition exited (${code}): ${stderr}`)));
  });
  const { url } = JSON.parse(first) as { url: string };
  return {
    url,
    dataDir,
    keychainService,
    stderr: () => stderr,
    stop: async (options) => {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      if (!options?.keepData) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}
