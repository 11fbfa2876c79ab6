import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The web edition: the same renderer, plus the *real* preload (src-main/electron/preload.ts) running
 * in the page against a small shim of Electron's contextBridge/ipcRenderer carried over a WebSocket.
 * The preload script is injected before the app's own module so window.bizlens exists first.
 */
const root = resolve(import.meta.dirname, 'src-renderer');
// Relative to the renderer root; Vite bundles it ahead of the app's own entry.
const preloadEntry = '../src-main/web/browser/preload-entry.ts';

function injectWebPreload(): Plugin {
  return {
    name: 'bizlens-web-preload',
    transformIndexHtml: {
      order: 'pre',
      handler: () => [
        { tag: 'script', attrs: { type: 'module', src: preloadEntry }, injectTo: 'head-prepend' },
      ],
    },
  };
}

export default defineConfig({
  root,
  base: './',
  plugins: [react(), injectWebPreload()],
  resolve: {
    alias: { electron: resolve(import.meta.dirname, 'src-main/web/browser/electron-shim.ts') },
  },
  build: {
    outDir: resolve(import.meta.dirname, 'out/web'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4096,
    rollupOptions: { input: resolve(root, 'index.html') },
  },
});
