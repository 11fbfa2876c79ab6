/**
 * Custom CA certificates per environment: parsing a pasted PEM into what the form shows (subject,
 * expiry), and the trust store the HTTP client asks "which extra CAs for this host?". Extra CAs
 * are added to Node's default roots and to NODE_EXTRA_CA_CERTS, never instead of them.
 */
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import { checkCertificatePem, type PemIssue } from '../../src-shared/auth/pem';
import type { CaCertificateInfo } from '../../src-shared/ipc/contract';

export type CaParse =
  { ok: true; pem: string; certificates: CaCertificateInfo[] } | { ok: false; issue: PemIssue };

export function parseCaCertificates(text: string, now = Date.now()): CaParse {
  const shape = checkCertificatePem(text);
  if (!shape.ok) return shape;
  const certificates: CaCertificateInfo[] = [];
  for (const [i, block] of shape.certificates.entries()) {
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(block.pem);
    } catch {
      return {
        ok: false,
        issue: {
          message: `Certificate ${i + 1} could not be read (not an X.509 certificate).`,
          start: block.start,
          end: block.end,
        },
      };
    }
    const validTo = Date.parse(cert.validTo);
    certificates.push({
      subject: commonName(cert.subject),
      issuer: commonName(cert.issuer),
      validFrom: new Date(Date.parse(cert.validFrom)).toISOString(),
      validTo: new Date(validTo).toISOString(),
      expired: validTo < now,
      isCa: cert.ca,
      sha256: cert.fingerprint256,
    });
  }
  return { ok: true, pem: shape.certificates.map((c) => c.pem).join(''), certificates };
}

/** "CN=Corp Root CA" from a multi-line subject; the whole subject when there is no CN. */
function commonName(subject: string): string {
  const cn = subject.split('\n').find((line) => line.startsWith('CN='));
  return cn ?? subject.replace(/\n/g, ', ');
}

/** Extra CA PEMs per host, fed by the environment profiles. */
export class TrustStore {
  private readonly byProfile = new Map<string, { hosts: Set<string>; pem: string }>();
  private base: readonly string[] | null = null;
  private readonly lists = new Map<string, readonly string[]>();

  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}

  /** Registers (or with pem null, removes) a profile's CA for the hosts it talks to. */
  set(profileId: string, hosts: readonly string[], pem: string | null): void {
    if (!pem) this.byProfile.delete(profileId);
    else this.byProfile.set(profileId, { hosts: new Set(hosts.map((h) => h.toLowerCase())), pem });
    this.lists.clear();
  }

  /** The profiles' extra CAs for a host (`name` or `name:port`), deduplicated; empty for most hosts. */
  extraFor(host: string): string[] {
    const key = host.toLowerCase();
    const out = new Set<string>();
    for (const { hosts, pem } of this.byProfile.values()) if (hosts.has(key)) out.add(pem);
    return [...out];
  }

  /**
   * The full CA list for a TLS connection to host, or null to use Node's defaults. Passing `ca`
   * replaces the default store, so the defaults and NODE_EXTRA_CA_CERTS are included explicitly.
   */
  caFor(host: string): readonly string[] | null {
    const extra = this.extraFor(host);
    if (extra.length === 0) return null;
    // The same extras give the same array, so the HTTP client can reuse its connection pool.
    const key = extra.join('');
    let list = this.lists.get(key);
    if (!list) {
      list = [...this.defaults(), ...extra];
      this.lists.set(key, list);
    }
    return list;
  }

  private defaults(): readonly string[] {
    if (this.base) return this.base;
    const file = this.env.NODE_EXTRA_CA_CERTS;
    let fromEnv: string[] = [];
    if (file) {
      try {
        const parsed = checkCertificatePem(readFileSync(file, 'utf8'));
        if (parsed.ok) fromEnv = parsed.certificates.map((c) => c.pem);
      } catch {
        // Node itself warns at start-up when NODE_EXTRA_CA_CERTS cannot be read.
      }
    }
    this.base = [...rootCertificates, ...fromEnv];
    return this.base;
  }
}
