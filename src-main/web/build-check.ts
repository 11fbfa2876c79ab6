/**
 * Builds the web edition's renderer bundle when it is missing or older than its sources, with the
 * build's output on stderr so stdout carries only the ready line.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = [
  'src-renderer',
  'src-shared',
  'src-main/web/browser',
  'src-main/electron/preload.ts',
  'vite.web.config.ts',
];

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

export function webBuildIsCurrent(root: string): boolean {
  const index = join(root, 'out/web/index.html');
  if (!existsSync(index)) return false;
  const built = statSync(index).mtimeMs;
  return SOURCES.every((s) => !existsSync(join(root, s)) || newestMtime(join(root, s)) <= built);
}

export async function ensureWebBuild(root: string): Promise<void> {
  if (webBuildIsCurrent(root)) return;
  process.stderr.write('Building the web edition (first run or sources changed)…\n');
  const vite = join(root, 'node_modules/vite/bin/vite.js');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [vite, 'build', '--config', 'vite.web.config.ts'], {
      cwd: root,
      stdio: ['ignore', process.stderr, process.stderr],
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`web build failed (exit ${code})`)),
    );
  });
}
