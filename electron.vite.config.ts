import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// Explicit entries: the Electron composition root (and the sandbox's worker thread), the
// allow-listed preload bridge, the renderer.
export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'src-main/index.ts'),
          // The embedded sandbox's thread (src-main/sandbox/worker-host.ts loads it beside index.js).
          'sandbox-worker': resolve(import.meta.dirname, 'src-main/sandbox/worker-entry.ts'),
          // Its flatten worker (src-main/sandbox/flatten-pool.ts loads it beside sandbox-worker.js).
          'flatten-worker': resolve(import.meta.dirname, 'src-main/sandbox/flatten-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot require() node_modules: bundle everything into one CommonJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { preload: resolve(import.meta.dirname, 'src-main/electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'src-renderer'),
    plugins: [react()],
    build: {
      rollupOptions: { input: resolve(import.meta.dirname, 'src-renderer/index.html') },
    },
  },
});
