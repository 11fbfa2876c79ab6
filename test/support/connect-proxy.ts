// A tiny HTTP CONNECT proxy for tests: it records every tunnel it is asked for (target and
// Proxy-Authorization), can require credentials (407 otherwise) and maps host names to local
// ports, as a company proxy resolves names the client cannot.
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

export interface SeenTunnel {
  target: string;
  proxyAuthorization: string | null;
}

export interface TestProxy {
  url: string;
  port: number;
  seen: SeenTunnel[];
  close(): Promise<void>;
}

export async function startConnectProxy(options: {
  /** "host:port" → local port to connect to instead. */
  routes: Record<string, number>;
  /** When set, tunnels need `Proxy-Authorization: Basic base64(user:password)`. */
  credentials?: { user: string; password: string };
}): Promise<TestProxy> {
  const seen: SeenTunnel[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((_req, res) => res.writeHead(405).end('CONNECT only'));
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  server.on('connect', (req, client: Socket, head: Buffer) => {
    const target = req.url ?? '';
    const auth = req.headers['proxy-authorization'] ?? null;
    seen.push({ target, proxyAuthorization: auth });
    const expected = options.credentials
      ? `Basic ${Buffer.from(`${options.credentials.user}:${options.credentials.password}`).toString('base64')}`
      : null;
    if (expected && auth !== expected) {
      client.end(
        'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\n\r\n',
      );
      return;
    }
    const port = options.routes[target];
    if (port === undefined) {
      client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
      return;
    }
    const upstream = connect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.once('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    seen,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
