/**
 * The desktop build (`npm run build:desktop`, run before the e2e tests) as Electron would load it,
 * as far as this machine can without Electron's binary: the main bundle links under Node's ESM
 * loader (Electron's), with `electron` — built into Electron — stubbed; and the sandbox's worker
 * bundle runs the sandbox. A bare deep import without its extension once kept the desktop app from
 * starting at all, unseen by the tests, which run the sources through tsx.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { DEV_API_TOKEN } from '../../src-main/sandbox/dev-credentials';
import type { WorkerMessage } from '../../src-main/sandbox/worker-protocol';

const OUT = resolve('out/main');

/** Names the bundle imports from 'electron', for a stub module that exports them. */
async function electronImports(): Promise<string[]> {
  const code = await readFile(join(OUT, 'index.js'), 'utf8');
  const names = [...code.matchAll(/import\s*\{([^}]*)\}\s*from\s*"electron"/g)].flatMap((m) =>
    (m[1] ?? '').split(',').map((n) => n.trim().split(/\s+as\s+/)[0]!),
  );
  return [...new Set(names.filter(Boolean))];
}

describe('desktop bundle', () => {
  it('links the main bundle under Node’s ESM loader (electron stubbed)', async () => {
    const names = await electronImports();
    expect(names).toContain('app');
    // Every property is a function returning itself; whenReady never resolves, so main waits idle.
    const stub = `const any = new Proxy(function () {}, {
        get: (_, p) => (p === 'then' ? undefined : p === 'whenReady' ? () => new Promise(() => {}) : any),
        apply: () => any, construct: () => any });
      export default any; ${names.map((n) => `export const ${n} = any;`).join(' ')}`;
    const hooks = `export async function resolve(specifier, context, next) {
        if (specifier === 'electron') return { url: 'data:text/javascript,' + encodeURIComponent(${JSON.stringify(stub)}), shortCircuit: true };
        return next(specifier, context);
      }`;
    const register = `import { register } from 'node:module'; register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hooks)}));`;
    const child = spawn(
      process.execPath,
      ['--import', `data:text/javascript,${encodeURIComponent(register)}`, join(OUT, 'index.js')],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // Linked and waiting for the (stubbed) app: it either idles or, with nothing pending, exits 0.
    const code = await Promise.race([
      new Promise<number | null>((r) => child.once('exit', r)),
      new Promise<'running'>((r) => setTimeout(() => r('running'), 5_000)),
    ]);
    child.kill();
    expect(stderr).toBe('');
    expect(code === 'running' || code === 0).toBe(true);
  });

  it('runs the sandbox from its worker bundle: ready, ingest 202, stats, close', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'bizlens-bundle-'));
    const worker = new Worker(pathToFileURL(join(OUT, 'sandbox-worker.js')), {
      workerData: { port: 0, dataDir },
    });
    const messages: WorkerMessage[] = [];
    const next = (kind: WorkerMessage['kind']) =>
      new Promise<WorkerMessage>((resolve, reject) => {
        const onMessage = (m: WorkerMessage) => {
          messages.push(m);
          if (m.kind === kind || m.kind === 'failed') {
            worker.off('message', onMessage);
            resolve(m);
          }
        };
        worker.on('message', onMessage);
        worker.once('error', reject);
      });
    try {
      const ready = await next('ready');
      if (ready.kind !== 'ready') throw new Error(JSON.stringify(ready));
      const res = await fetch(`${ready.url}/api/v2/bizevents/ingest`, {
        method: 'POST',
        headers: { authorization: `Api-Token ${DEV_API_TOKEN}`, 'content-type': 'application/json' },
        body: '{"event.type":"bundle.check"}',
      });
      expect(res.status).toBe(202);
      // Large enough for the flatten worker (flatten-worker.js beside this bundle).
      const many = await fetch(`${ready.url}/api/v2/bizevents/ingest`, {
        method: 'POST',
        headers: { authorization: `Api-Token ${DEV_API_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify(Array.from({ length: 2000 }, (_, i) => ({ 'event.type': 'bundle.check', i }))),
      });
      expect(many.status).toBe(202);
      const stats = next('reply');
      worker.postMessage({ id: 1, op: 'stats' });
      expect(await stats).toMatchObject({ kind: 'reply', id: 1, ok: true, stats: { eventCount: 2001 } });
      const logged = messages.flatMap((m) => (m.kind === 'log' ? [m.line] : []));
      expect(logged.filter((line) => line.includes('flatten worker'))).toEqual([]);
      expect(logged).toContainEqual(expect.stringMatching(/^POST \/api\/v2\/bizevents\/ingest 202/));
      const closed = next('reply');
      const exited = new Promise<number>((r) => worker.once('exit', r));
      worker.postMessage({ id: 2, op: 'close' });
      expect(await closed).toMatchObject({ id: 2, ok: true });
      expect(await exited).toBe(0);
    } finally {
      await worker.terminate();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
