/**
 * The preload bridge: exposes exactly `window.bizlens.invoke/on` for allow-listed channels.
 * Runs sandboxed in Electron, and unchanged in the web edition (where 'electron' resolves to a
 * shim carried over the WebSocket), so Chromium tests exercise this very file.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { isEventChannel, isInvokeChannel } from '../../src-shared/ipc/channels';

type Listener = (payload: unknown) => void;

const bridge = {
  invoke(channel: string, request: unknown): Promise<unknown> {
    if (!isInvokeChannel(channel)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'UNKNOWN_CHANNEL', message: `Unknown channel ${channel}` },
      });
    }
    return ipcRenderer.invoke(channel, request);
  },
  on(event: string, listener: Listener): () => void {
    if (!isEventChannel(event)) throw new Error(`Unknown event ${event}`);
    // Never hand the IpcRendererEvent (and its sender) to the page: payload only.
    const wrapped = (_e: unknown, payload: unknown): void => listener(payload);
    ipcRenderer.on(event, wrapped);
    return () => {
      ipcRenderer.removeListener(event, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('bizlens', bridge);
