/**
 * What 'electron' resolves to in the web edition's page: contextBridge and ipcRenderer with
 * Electron's call shapes, carried over the host's WebSocket (authenticated by the session cookie).
 * Only the preload imports this; the app itself sees nothing but window.bizlens.
 */
type Listener = (event: unknown, ...args: unknown[]) => void;
type Reply = { t: 'reply'; id: number; value?: unknown; error?: string };
type Incoming = Reply | { t: 'event'; channel: string; payload: unknown };

const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
const listeners = new Map<string, Set<Listener>>();
let nextId = 1;
let socket: Promise<WebSocket> | null = null;

function connect(): Promise<WebSocket> {
  socket ??= new Promise<WebSocket>((resolve, reject) => {
    const ws = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/ipc`);
    ws.onopen = () => resolve(ws);
    ws.onerror = () => reject(new Error('Cannot reach the Bizlens host.'));
    ws.onclose = () => {
      socket = null;
      for (const p of pending.values()) p.reject(new Error('The connection to the Bizlens host was lost.'));
      pending.clear();
    };
    ws.onmessage = (e: MessageEvent<string>) => receive(JSON.parse(e.data) as Incoming);
  });
  return socket;
}

function receive(message: Incoming): void {
  if (message.t === 'event') {
    for (const l of listeners.get(message.channel) ?? []) l({}, message.payload);
    return;
  }
  const p = pending.get(message.id);
  if (!p) return;
  pending.delete(message.id);
  if (message.error !== undefined) p.reject(new Error(message.error));
  else p.resolve(message.value);
}

export const ipcRenderer = {
  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    const ws = await connect();
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      ws.send(JSON.stringify({ t: 'invoke', id, channel, args }));
    });
  },
  on(channel: string, listener: Listener): void {
    let set = listeners.get(channel);
    if (!set) listeners.set(channel, (set = new Set()));
    set.add(listener);
    void connect();
  },
  removeListener(channel: string, listener: Listener): void {
    listeners.get(channel)?.delete(listener);
  },
};

export const contextBridge = {
  exposeInMainWorld(key: string, api: Record<string, unknown>): void {
    Object.defineProperty(window, key, {
      value: Object.freeze({ ...api }),
      writable: false,
      configurable: false,
    });
  },
};
