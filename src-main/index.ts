/**
 * Electron composition root: build the services (same core as the web edition), bind the IPC
 * contract, open the hardened window. Everything else lives in plain Node modules.
 */
import { app, BrowserWindow, dialog, ipcMain, session } from 'electron';
import { join } from 'node:path';
import { createAppCore } from './app/core';
import { bindIpc } from './electron/ipc';
import { BULK_FILE_FILTERS } from './services/bulk/bulk-file-pick';
import { systemProxyResolver } from './electron/system-proxy';
import { createMainWindow, isAppUrl, type WindowOptions } from './electron/window';
import { stderrLogger } from './platform/logger';

const log = stderrLogger('main');

async function main(): Promise<void> {
  if (!app.requestSingleInstanceLock()) return app.quit();
  await app.whenReady();

  const core = await createAppCore({
    dataDir: app.getPath('userData'),
    edition: 'desktop',
    systemProxy: systemProxyResolver(session.defaultSession),
    // Exports main writes (Parquet) are saved where the user chooses, like the browser downloads.
    saveDialog: async (defaultName) => {
      const options = {
        defaultPath: join(app.getPath('downloads'), defaultName),
        filters: [{ name: 'Parquet', extensions: ['parquet'] }],
      };
      const owner = BrowserWindow.getFocusedWindow();
      const chosen = owner
        ? await dialog.showSaveDialog(owner, options)
        : await dialog.showSaveDialog(options);
      return chosen.canceled ? undefined : chosen.filePath;
    },
    // Bulk files are chosen here and read by main; the renderer never names a path.
    openBulkFileDialog: async () => {
      const options = { properties: ['openFile' as const], filters: BULK_FILE_FILTERS };
      const owner = BrowserWindow.getFocusedWindow();
      const chosen = owner
        ? await dialog.showOpenDialog(owner, options)
        : await dialog.showOpenDialog(options);
      return chosen.canceled ? undefined : chosen.filePaths[0];
    },
  });
  const options: WindowOptions = {
    preloadPath: join(import.meta.dirname, '../preload/preload.cjs'),
    rendererDir: join(import.meta.dirname, '../renderer'),
    ...(process.env.ELECTRON_RENDERER_URL ? { devUrl: process.env.ELECTRON_RENDERER_URL } : {}),
  };
  const shutdown = new AbortController();
  const unbind = bindIpc(ipcMain, core.handlers, {
    isTrustedSender: (url) => isAppUrl(url, options),
    signal: shutdown.signal,
    log,
  });
  const win = createMainWindow(options);
  const unsubscribe = core.bus.subscribe((channel, payload) => {
    if (!win.isDestroyed()) win.webContents.send(channel, payload);
  });

  app.on('second-instance', () => win.focus());
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    shutdown.abort();
    unsubscribe();
    unbind();
    void core.dispose();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow(options);
  });
}

// Never allow a renderer to create webviews or navigate to other origins (belt and braces).
app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (e) => e.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});

main().catch((err: unknown) => {
  log.error('startup failed', { error: err instanceof Error ? err.message : String(err) });
  app.exit(1);
});
