/**
 * `npm run web -- [--port N] [--no-open] [--data-dir DIR]`: the web edition on 127.0.0.1. When ready
 * it prints exactly one JSON line to stdout ({"url": ".../#token=…"}); everything else goes to stderr.
 */
import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createAppCore } from '../app/core';
import { defaultDataDir } from '../platform/data-dir';
import { stderrLogger } from '../platform/logger';
import { ensureWebBuild } from './build-check';
import { startWebHost } from './host';

const ROOT = resolve(import.meta.dirname, '../..');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      'no-open': { type: 'boolean', default: false },
      'data-dir': { type: 'string' },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0..65535, got "${values.port}"`);
  const dataDir = resolve(values['data-dir'] ?? defaultDataDir());
  await mkdir(dataDir, { recursive: true, mode: 0o700 });

  await ensureWebBuild(ROOT);
  const log = stderrLogger('web');
  const core = await createAppCore({ dataDir, edition: 'web' });
  const host = await startWebHost({
    port,
    staticDir: resolve(ROOT, 'out/web'),
    handlers: core.handlers,
    bus: core.bus,
    log,
  });
  process.stdout.write(`${JSON.stringify({ url: host.url })}\n`);
  log.info(`web edition on ${host.origin} (data in ${dataDir})`);
  if (!values['no-open']) openBrowser(host.url);

  const stop = async () => {
    await host.close();
    await core.dispose();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

function openBrowser(url: string): void {
  const cmd = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  const child = spawn(cmd, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => process.stderr.write('Open the URL above in a browser.\n'));
  child.unref();
}

main().catch((err: unknown) => {
  process.stderr.write(`bizlens web: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
