/**
 * The web edition host: serves the built renderer and carries the IPC contract over a WebSocket,
 * on 127.0.0.1 only, behind the access guard (Host/Origin checks and a per-launch secret).
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Handlers } from '../ipc/handler-types';
import { bindIpc } from '../electron/ipc';
import type { Logger } from '../ipc/dispatch';
import type { EventBus } from '../services/event-bus';
import { bootstrapPage } from './bootstrap-page';
import { checkHostAndOrigin, checkSecret, checkSession, type GuardConfig } from './guard';
import { SocketIpcMain, type SocketPeer } from './socket-ipc-main';
import { ClientMessage, type ServerMessage } from './socket-protocol';
import { readStatic } from './static-files';

export interface WebHostOptions {
  port: number;
  staticDir: string;
  handlers: Handlers;
  bus: EventBus;
  log: Logger;
}

export interface RunningWebHost {
  /** Includes the launch secret in the fragment: print it once, never log it. */
  url: string;
  origin: string;
  close(): Promise<void>;
}

/** Larger than the biggest contract request (8 MiB ingest body) plus JSON escaping. */
const MAX_MESSAGE_BYTES = 24 * 1024 * 1024;

export async function startWebHost(options: WebHostOptions): Promise<RunningWebHost> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  const guard: GuardConfig = {
    host: `127.0.0.1:${port}`,
    origin,
    cookieName: `bizlens_session_${port}`,
    session: randomBytes(32).toString('base64url'),
    secret: randomBytes(32).toString('base64url'),
  };

  const shutdown = new AbortController();
  const ipcMain = new SocketIpcMain();
  const unbind = bindIpc(ipcMain, options.handlers, {
    isTrustedSender: (url) => url === `${origin}/`,
    signal: shutdown.signal,
    log: options.log,
  });
  const peers = new Set<SocketPeer>();
  const unsubscribe = options.bus.subscribe((channel, payload) => {
    for (const peer of peers) peer.send({ t: 'event', channel, payload });
  });

  server.on('request', (req, res) => {
    void handleHttp(req, res, guard, options).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const verdict = req.url === '/ipc' ? checkAll(req, guard, true) : ({ ok: false, status: 403 } as const);
    if (!verdict.ok) {
      socket.end(
        `HTTP/1.1 ${verdict.status} ${verdict.status === 401 ? 'Unauthorized' : 'Forbidden'}\r\nConnection: close\r\n\r\n`,
      );
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws));
  });

  function attach(ws: WebSocket): void {
    const peer: SocketPeer = {
      frameUrl: `${origin}/`,
      send: (message: ServerMessage) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
      },
    };
    peers.add(peer);
    ws.on('close', () => peers.delete(peer));
    ws.on('message', (data, isBinary) => {
      if (isBinary) return ws.close(1003, 'text only');
      let parsed: ClientMessage;
      try {
        parsed = ClientMessage.parse(JSON.parse(data.toString()));
      } catch {
        return ws.close(1008, 'malformed message');
      }
      void ipcMain.receive(peer, parsed);
    });
  }

  return {
    url: `${origin}/#token=${guard.secret}`,
    origin,
    close: async () => {
      shutdown.abort();
      unsubscribe();
      unbind();
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function checkAll(req: IncomingMessage, guard: GuardConfig, requireOrigin: boolean) {
  const place = checkHostAndOrigin(req.headers, guard, requireOrigin);
  return place.ok ? checkSession(req.headers, guard) : place;
}

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'x-frame-options': 'DENY',
  'cache-control': 'no-store',
};

function csp(origin: string, nonce?: string): string {
  const ws = origin.replace(/^http/, 'ws');
  return [
    "default-src 'self'",
    nonce ? `script-src 'nonce-${nonce}'` : "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "worker-src 'self' blob:",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self' ${ws}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
  ].join('; ');
}

async function handleHttp(
  req: IncomingMessage,
  res: ServerResponse,
  guard: GuardConfig,
  options: WebHostOptions,
) {
  const place = checkHostAndOrigin(req.headers, guard, req.method !== 'GET');
  if (!place.ok) return void res.writeHead(place.status, SECURITY_HEADERS).end(place.reason);
  const path = (req.url ?? '/').split('?')[0] ?? '/';

  if (req.method === 'POST' && path === '/session') {
    req.resume();
    const auth = checkSecret(req.headers, guard);
    if (!auth.ok) return void res.writeHead(401, SECURITY_HEADERS).end();
    return void res
      .writeHead(204, {
        ...SECURITY_HEADERS,
        'set-cookie': `${guard.cookieName}=${guard.session}; HttpOnly; SameSite=Strict; Path=/`,
      })
      .end();
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405, SECURITY_HEADERS).end();

  const session = checkSession(req.headers, guard);
  if (!session.ok) {
    const nonce = randomBytes(16).toString('base64');
    return void res
      .writeHead(401, {
        ...SECURITY_HEADERS,
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': csp(guard.origin, nonce),
      })
      .end(bootstrapPage(nonce));
  }
  const file = await readStatic(options.staticDir, path);
  if (!file) return void res.writeHead(404, SECURITY_HEADERS).end('not found');
  res
    .writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': file.contentType,
      ...(file.contentType.startsWith('text/html') ? { 'content-security-policy': csp(guard.origin) } : {}),
    })
    .end(req.method === 'HEAD' ? undefined : file.body);
}
