/**
 * An HTTP CONNECT tunnel through a proxy, for the diagnostics' TLS handshake (API calls tunnel
 * through undici's ProxyAgent). Proxy credentials from the URL go into Proxy-Authorization; error
 * messages name neither them nor the proxy's full URL.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';

export function openTunnel(proxyUrl: string, host: string, port: number, timeoutMs: number): Promise<Socket> {
  const proxy = new URL(proxyUrl);
  const auth =
    proxy.username || proxy.password
      ? `Basic ${Buffer.from(`${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`).toString('base64')}`
      : null;
  const request = proxy.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<Socket>((resolve, reject) => {
    const req = request({
      host: proxy.hostname,
      port: Number(proxy.port || (proxy.protocol === 'https:' ? 443 : 80)),
      method: 'CONNECT',
      path: `${host}:${port}`,
      headers: { host: `${host}:${port}`, ...(auth ? { 'proxy-authorization': auth } : {}) },
      timeout: timeoutMs,
    });
    req.once('connect', (res, socket) => {
      if (res.statusCode === 200) return resolve(socket);
      socket.destroy();
      reject(
        new Error(
          res.statusCode === 407
            ? 'the proxy asks for a user name and password (407)'
            : `the proxy answered ${res.statusCode ?? 'nothing'}`,
        ),
      );
    });
    req.once('timeout', () => req.destroy(new Error('the proxy did not answer in time')));
    req.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        new Error(
          err.code === 'ECONNREFUSED' ? 'the proxy refused the connection' : (err.code ?? err.message),
        ),
      ),
    );
    req.end();
  });
}
