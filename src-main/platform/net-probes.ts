/**
 * Low-level reachability probes for diagnostics: DNS resolution and a TLS handshake that reports
 * the certificate's validity in plain words. Honors NODE_EXTRA_CA_CERTS as every Node TLS call does.
 */
import { lookup } from 'node:dns/promises';
import { connect } from 'node:tls';

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

export interface NetProbes {
  dns(host: string): Promise<DnsResult>;
  tls(host: string, port: number): Promise<TlsResult>;
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
            ? `${host} does not resolve: check the URL (typo in the environment id?).`
            : `DNS lookup of ${host} failed (${code ?? 'timeout'}).`,
      };
    }
  },

  tls(host, port) {
    return new Promise<TlsResult>((resolve) => {
      const socket = connect({
        host,
        port,
        servername: host,
        timeout: TIMEOUT_MS,
        rejectUnauthorized: false,
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
            message: `${host}: ${tlsReason(reason)} (${reason}).`,
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

function tlsReason(code: string): string {
  switch (code) {
    case 'CERT_HAS_EXPIRED':
      return 'the certificate has expired';
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
      return 'the certificate chain is self-signed (a TLS-inspecting proxy? add its CA with NODE_EXTRA_CA_CERTS)';
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
      return 'the certificate is not from a trusted CA (add the CA with NODE_EXTRA_CA_CERTS)';
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return 'the certificate is for another host name';
    default:
      return 'the certificate is not trusted';
  }
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
