/**
 * The one BrowserWindow, hardened: context isolation, sandbox, no Node in the renderer, a strict
 * CSP, no new windows, no navigation away from the app, no permission grants.
 */
import { BrowserWindow, session, shell } from 'electron';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The renderer's CSP. Dev mode (electron-vite dev) also needs the dev server's inline HMR preamble and socket. */
export function contentSecurityPolicy(devUrl?: string): string {
  const dev = devUrl ? new URL(devUrl) : undefined;
  return [
    "default-src 'self'",
    dev ? "script-src 'self' 'unsafe-inline'" : "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "worker-src 'self' blob:",
    "img-src 'self' data:",
    "font-src 'self' data:",
    dev ? `connect-src 'self' ws://${dev.host}` : "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export interface WindowOptions {
  preloadPath: string;
  /** Dev server URL (electron-vite dev) or undefined to load the built file. */
  devUrl?: string;
  rendererDir: string;
}

export function isAppUrl(url: string, options: WindowOptions): boolean {
  if (options.devUrl) return url.startsWith(new URL(options.devUrl).origin + '/');
  if (!url.startsWith('file://')) return false;
  try {
    return fileURLToPath(url).startsWith(options.rendererDir + sep);
  } catch {
    return false;
  }
}

export function createMainWindow(options: WindowOptions): BrowserWindow {
  const csp = contentSecurityPolicy(options.devUrl);
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));

  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    show: false,
    title: 'Bizlens',
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    // Links to documentation open in the user's browser; nothing opens inside the app.
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, options)) event.preventDefault();
  });
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  win.once('ready-to-show', () => win.show());

  if (options.devUrl) void win.loadURL(options.devUrl);
  else void win.loadFile(join(options.rendererDir, 'index.html'));
  return win;
}
