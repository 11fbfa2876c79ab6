/**
 * The renderer's JavaScript as Bizlens builds it (Monaco's editor core with only the contributions
 * the DQL editor uses, loaded with the first editor) beside the naive build: `import 'monaco-editor'`
 * (every language and contribution) in the app shell. "Initial" is what index.html loads before
 * anything lazy: its module scripts and modulepreloads.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const ROOT = resolve(import.meta.dirname, '..');

interface Sizes {
  initial: number;
  total: number;
}

async function measure(outDir: string): Promise<Sizes> {
  const html = await readFile(join(outDir, 'index.html'), 'utf8');
  const initialFiles = new Set(
    [
      ...html.matchAll(
        /<(?:script type="module"[^>]*\ssrc|link rel="modulepreload"[^>]*\shref)="\.\/([^"]+\.js)"/g,
      ),
    ].map((m) => m[1] ?? ''),
  );
  let initial = 0;
  for (const f of initialFiles) initial += (await stat(join(outDir, f))).size;
  let total = 0;
  for (const f of await readdir(join(outDir, 'assets')))
    if (f.endsWith('.js')) total += (await stat(join(outDir, 'assets', f))).size;
  return { initial, total };
}

/**
 * Builds in a child process: loading the bundler here would slow every measurement that follows in
 * this process (its native threads count as this process's CPU time too).
 */
async function buildVariant(naive: boolean): Promise<Sizes> {
  const outDir = await mkdtemp(join(tmpdir(), `bizlens-bench-bundle-${naive ? 'naive' : 'lean'}-`));
  const config = naive ? 'bench/vite-naive.config.ts' : 'vite.web.config.ts';
  try {
    await promisify(execFile)(
      process.execPath,
      [
        join(ROOT, 'node_modules/vite/bin/vite.js'),
        'build',
        '--config',
        config,
        '--outDir',
        outDir,
        '--emptyOutDir',
        '--logLevel',
        'error',
      ],
      { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 },
    );
    return await measure(outDir);
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(2)} MB`;

export async function dqlBundle(): Promise<void> {
  const lean = await buildVariant(false);
  const naive = await buildVariant(true);
  console.log('\nRenderer JavaScript (web edition build; goal: initial < 2.5 MB)');
  console.log(`  ${''.padEnd(44)} ${'initial'.padStart(10)} ${'all chunks'.padStart(12)}`);
  console.log(
    `  ${'Bizlens (lean Monaco, lazy editor)'.padEnd(44)} ${mb(lean.initial).padStart(10)} ${mb(lean.total).padStart(12)}`,
  );
  console.log(
    `  ${'naive (all of monaco-editor, eager)'.padEnd(44)} ${mb(naive.initial).padStart(10)} ${mb(naive.total).padStart(12)}`,
  );
  console.log(
    `  ratio naive / lean: initial ${(naive.initial / lean.initial).toFixed(2)}×, all chunks ${(naive.total / lean.total).toFixed(2)}×`,
  );
}
