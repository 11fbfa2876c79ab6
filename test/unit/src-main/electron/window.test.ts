// The Electron window adapter, with Electron's API replaced by recording fakes: the hardening
// options, the CSP, and the navigation / window-open / permission policies.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const state = vi.hoisted(() => ({
  windows: [] as Array<{
    options: Record<string, unknown>;
    handlers: Record<string, (...a: unknown[]) => unknown>;
    openHandler?: (d: { url: string }) => unknown;
    loaded?: string;
  }>,
  headersListener: undefined as
    undefined | ((d: { responseHeaders: Record<string, string[]> }, cb: (r: unknown) => void) => void),
  permissionHandler: undefined as undefined | ((wc: unknown, p: string, cb: (ok: boolean) => void) => void),
  opened: [] as string[],
}));

vi.mock('electron', () => {
  class BrowserWindow {
    webContents: Record<string, unknown>;
    constructor(options: Record<string, unknown>) {
      const entry: (typeof state.windows)[number] = { options, handlers: {} };
      state.windows.push(entry);
      this.webContents = {
        setWindowOpenHandler: (h: (d: { url: string }) => unknown) => (entry.openHandler = h),
        on: (name: string, h: (...a: unknown[]) => unknown) => (entry.handlers[name] = h),
      };
      Object.assign(this, {
        once: () => {},
        loadFile: async (f: string) => void (entry.loaded = f),
        loadURL: async (u: string) => void (entry.loaded = u),
      });
    }
  }
  return {
    BrowserWindow,
    shell: { openExternal: async (url: string) => void state.opened.push(url) },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: (l: typeof state.headersListener) => (state.headersListener = l) },
        setPermissionRequestHandler: (h: typeof state.permissionHandler) => (state.permissionHandler = h),
      },
    },
  };
});

const { contentSecurityPolicy, createMainWindow, isAppUrl } =
  await import('../../../../src-main/electron/window');

const options = { preloadPath: '/app/out/preload/preload.cjs', rendererDir: '/app/out/renderer' };

beforeEach(() => {
  state.windows.length = 0;
  state.opened.length = 0;
});

describe('createMainWindow', () => {
  it('creates a hardened window', () => {
    createMainWindow(options);
    const prefs = state.windows[0]!.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
    });
    expect(state.windows[0]!.loaded).toBe('/app/out/renderer/index.html');
  });

  it('denies every new window and opens only https links outside', () => {
    createMainWindow(options);
    const open = state.windows[0]!.openHandler!;
    expect(open({ url: 'https://docs.dynatrace.com/x' })).toEqual({ action: 'deny' });
    expect(open({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(state.opened).toEqual(['https://docs.dynatrace.com/x']);
  });

  it('blocks navigation away from the app and webview attachment', () => {
    createMainWindow(options);
    const nav = state.windows[0]!.handlers['will-navigate']!;
    const blocked = { preventDefault: vi.fn() };
    nav(blocked, 'https://evil.example/');
    expect(blocked.preventDefault).toHaveBeenCalled();
    const allowed = { preventDefault: vi.fn() };
    nav(allowed, 'file:///app/out/renderer/index.html');
    expect(allowed.preventDefault).not.toHaveBeenCalled();
    const webview = { preventDefault: vi.fn() };
    state.windows[0]!.handlers['will-attach-webview']!(webview);
    expect(webview.preventDefault).toHaveBeenCalled();
  });

  it('adds the CSP to every response and refuses permission requests', () => {
    createMainWindow(options);
    let headers: unknown;
    state.headersListener!({ responseHeaders: { a: ['b'] } }, (r) => (headers = r));
    expect(headers).toEqual({
      responseHeaders: { a: ['b'], 'Content-Security-Policy': [contentSecurityPolicy()] },
    });
    let granted: boolean | undefined;
    state.permissionHandler!({}, 'media', (ok) => (granted = ok));
    expect(granted).toBe(false);
  });
});

describe('policy helpers', () => {
  it('recognises only the app itself as an app URL', () => {
    expect(isAppUrl('file:///app/out/renderer/index.html', options)).toBe(true);
    expect(isAppUrl('file:///app/out/renderer-evil/index.html', options)).toBe(false);
    expect(isAppUrl('file:///etc/passwd', options)).toBe(false);
    expect(isAppUrl('http://localhost:5173/', { ...options, devUrl: 'http://localhost:5173' })).toBe(true);
    expect(isAppUrl('http://localhost:5174/', { ...options, devUrl: 'http://localhost:5173' })).toBe(false);
  });

  it('keeps the production CSP strict', () => {
    const csp = contentSecurityPolicy();
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("object-src 'none'");
    expect(contentSecurityPolicy('http://localhost:5173')).toContain(
      "connect-src 'self' ws://localhost:5173",
    );
  });
});
