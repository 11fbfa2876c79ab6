/**
 * Starting one of the sandbox's worker threads. Bundled (electron-vite), a worker is a `.js`
 * entry beside the bundle that starts it (electron.vite.config.ts). From source (tsx: the web
 * edition, tests), it is the `.ts` module, loaded through tsx's loader, which a worker thread does
 * not inherit.
 */
import { Worker } from 'node:worker_threads';
import type { ResourceLimits } from 'node:worker_threads';

export function spawnWorker(
  /** The caller's `import.meta.url`. */
  from: string,
  entry: { readonly source: string; readonly bundled: string },
  options: { workerData?: unknown; resourceLimits?: ResourceLimits },
): Worker {
  if (!from.endsWith('.ts')) return new Worker(new URL(entry.bundled, from), options);
  const module = JSON.stringify(new URL(entry.source, from).href);
  // Resolved here: eval'd code would resolve the package from the working directory.
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const boot = `import(${tsx}).then(({ register }) => { register(); return import(${module}); });`;
  return new Worker(boot, { ...options, eval: true });
}
