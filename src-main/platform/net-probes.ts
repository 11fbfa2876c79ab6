/**
 * Low-level reachability probes for diagnostics: DNS resolution and a TLS handshake that reports
 * the certificate's validity in plain words. The handshake takes the same route as API calls
 * (through the proxy's CONNECT tunnel when one applies) and trusts the same CAs (the environment's
 * custom CA, NODE_EXTRA_CA_CERTS, the default roots).
 */
import { lookup } from 'node:dns/promises';
import type { Socket } from 'node:net';
import { connect } from 'node:tls';
import { saasEnvironmentId } from '../../src-shared/auth/environment-url';
import { openTunnel } from './proxy-tunnel';
import { tlsReason } from './tls-errors';

export interface DnsResult {
  ok: boolean;
  addresses: number;
  message: string;
}

export interface TlsResult {
  ok: boolean;
  message: string;
  /** Certificate expiry (epoch ms), when a certificate was seen. */
  validTo?: number;
}

export interface TlsProbeOptions {
  /** Full CA list (null: Node's defaults). */
  ca?: readonly string[] | null;
  /** Proxy URL (may carry credentials; never shown) to tunnel through. */
  proxyUrl?: string | null;
}

export interface NetProbes {
  dns(host: string): Promise<DnsResult>;
  tls(host: string, port: number, options?: TlsProbeOptions): Promise<TlsResult>;
}

const TIMEOUT_MS = 10_000;

export const nodeNetProbes: NetProbes = {
  async dns(host) {
    try {
      const all = await withTimeout(lookup(host, { all: true }), TIMEOUT_MS);
      return {
        ok: true,
        addresses: all.length,
        message: `${host} resolves (${all.length} address${all.length === 1 ? '' : 'es'}).`,
      };
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      return {
        ok: false,
        addresses: 0,
        message:
          code === 'ENOTFOUND'
            ? notFoundMessage(host)
            : `DNS lookup of ${host} failed (${code ?? 'timeout'}).`,
      };
    }
  },

  async tls(host, port, options = {}) {
    let tunnel: Socket | undefined;
    if (options.proxyUrl) {
      try {
        tunnel = await openTunnel(options.proxyUrl, host, port, TIMEOUT_MS);
      } catch (err) {
        return {
          ok: false,
          message: `The proxy could not open a tunnel to ${host}:${port}: ${(err as Error).message}`,
        };
      }
    }
    return new Promise<TlsResult>((resolve) => {
      const socket = connect({
        ...(tunnel ? { socket: tunnel } : { host, port }),
        servername: host,
        timeout: TIMEOUT_MS,
        rejectUnauthorized: false,
        ...(options.ca ? { ca: [...options.ca] } : {}),
      });
      const done = (result: TlsResult) => {
        socket.destroy();
        resolve(result);
      };
      socket.once('secureConnect', () => {
        const cert = socket.getPeerCertificate();
        const validTo = cert?.valid_to ? Date.parse(cert.valid_to) : undefined;
        const protocol = socket.getProtocol() ?? 'TLS';
        if (!socket.authorized) {
          const reason = String(socket.authorizationError ?? 'unknown');
          return done({
            ok: false,
            message: `${host}: ${tlsReason(reason) ?? 'its certificate is not trusted'} (${reason}).`,
            ...(validTo ? { validTo } : {}),
          });
        }
        const days = validTo ? Math.floor((validTo - Date.now()) / 86_400_000) : null;
        done({
          ok: true,
          message: `${protocol}, certificate trusted${days !== null ? `, valid for ${days} more days` : ''}.`,
          ...(validTo ? { validTo } : {}),
        });
      });
      socket.once('timeout', () =>
        done({ ok: false, message: `${host}:${port} did not complete a TLS handshake in time.` }),
      );
      socket.once('error', (err: NodeJS.ErrnoException) =>
        done({ ok: false, message: `TLS connection to ${host}:${port} failed (${err.code ?? 'error'}).` }),
      );
    });
  },
};

/** Only a SaaS host carries the environment id in its name; elsewhere a typo is in the host. */
function notFoundMessage(host: string): string {
  const id = saasEnvironmentId(host);
  return id !== null
    ? `${host} does not resolve: check the environment id "${id}" in the URL for a typo.`
    : `${host} does not resolve: check the host name in the URL, and that this machine's DNS knows it (an internal host may need a VPN).`;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}
