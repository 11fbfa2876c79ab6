/**
 * TLS and connection failures in plain words, shared by the HTTP client and the diagnostics probe.
 * The fix for an untrusted certificate is named: the environment's CA certificate under Connections.
 */

const ADD_CA = 'add the CA certificate to this environment under Connections (or use NODE_EXTRA_CA_CERTS)';

const TLS_REASONS: Readonly<Record<string, string>> = {
  CERT_HAS_EXPIRED: 'its TLS certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: `it presents a self-signed certificate (${ADD_CA})`,
  SELF_SIGNED_CERT_IN_CHAIN: `its certificate chain ends in a self-signed CA that is not trusted here (a TLS-inspecting proxy? ${ADD_CA})`,
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: `its certificate is not signed by a trusted CA (${ADD_CA})`,
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: `its certificate's issuer is not trusted here (${ADD_CA})`,
  UNABLE_TO_GET_ISSUER_CERT: `its certificate's issuer is not trusted here (${ADD_CA})`,
  ERR_TLS_CERT_ALTNAME_INVALID: 'its certificate is for a different host name (hostname mismatch)',
  CERT_NOT_YET_VALID: 'its certificate is not valid yet (is the clock right?)',
  CERT_REVOKED: 'its certificate has been revoked',
};

/** Plain words for a TLS verification code, or null when the code is not a TLS one. */
export function tlsReason(code: string): string | null {
  return TLS_REASONS[code] ?? null;
}

const NET_REASONS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found (DNS)',
  EAI_AGAIN: 'DNS lookup failed (temporary)',
  ECONNRESET: 'connection reset',
  ETIMEDOUT: 'connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  EPROTO: 'TLS handshake failed (is it an https server?)',
};

export function netReason(code: string): string | null {
  return NET_REASONS[code] ?? null;
}
