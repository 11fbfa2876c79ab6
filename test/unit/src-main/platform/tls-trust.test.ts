import { rootCertificates } from 'node:tls';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TrustStore, parseCaCertificates } from '../../../../src-main/platform/tls-trust';
import { createTestCa } from '../../../support/test-certs';

const ca = createTestCa('Corp Root CA');
const leaf = ca.issue({ dns: ['tenant.example'] });
afterAll(() => ca.dispose());

describe('parseCaCertificates', () => {
  it('reads subject, issuer, validity and whether it is a CA', () => {
    const r = parseCaCertificates(`${ca.certPem}${leaf.cert}`);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.certificates).toEqual([
      expect.objectContaining({
        subject: 'CN=Corp Root CA',
        issuer: 'CN=Corp Root CA',
        isCa: true,
        expired: false,
      }),
      expect.objectContaining({ subject: 'CN=tenant.example', issuer: 'CN=Corp Root CA', isCa: false }),
    ]);
    expect(Date.parse(r.certificates[0]!.validTo)).toBeGreaterThan(Date.now());
    expect(r.certificates[0]!.sha256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  });

  it('flags an expired certificate', () => {
    const r = parseCaCertificates(ca.certPem, Date.now() + 400 * 86_400_000);
    expect(r.ok && r.certificates[0]!.expired).toBe(true);
  });

  it('refuses base64 that is not a certificate, pointing at it', () => {
    const text = `x\n-----BEGIN CERTIFICATE-----\n${'QUJD'.repeat(30)}\n-----END CERTIFICATE-----\n`;
    const r = parseCaCertificates(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issue.message).toBe('Certificate 1 could not be read (not an X.509 certificate).');
    expect(r.issue.start).toBe(2);
  });
});

describe('TrustStore', () => {
  it('adds a profile CA to the default roots for that profile’s hosts only', () => {
    const trust = new TrustStore({});
    trust.set('p1', ['tenant.example', 'SSO.example:8443'], ca.certPem);
    expect(trust.caFor('other.example')).toBeNull();
    const list = trust.caFor('tenant.example')!;
    expect(list).toHaveLength(rootCertificates.length + 1);
    expect(list.at(-1)).toBe(ca.certPem);
    expect(trust.caFor('sso.example:8443')).toHaveLength(rootCertificates.length + 1);
    trust.set('p1', [], null);
    expect(trust.caFor('tenant.example')).toBeNull();
  });

  it('keeps NODE_EXTRA_CA_CERTS when a profile CA is added', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bizlens-extra-'));
    try {
      const other = createTestCa('Extra From Env');
      const file = join(dir, 'extra.pem');
      writeFileSync(file, other.certPem);
      other.dispose();
      const trust = new TrustStore({ NODE_EXTRA_CA_CERTS: file });
      trust.set('p1', ['tenant.example'], ca.certPem);
      trust.set('p2', ['tenant.example'], ca.certPem);
      const list = trust.caFor('tenant.example')!;
      // Defaults, the env's extra CA, then the profiles' CA once.
      expect(list).toHaveLength(rootCertificates.length + 2);
      expect(parseCaCertificates(list.at(-2)!).ok && list.at(-1)).toBe(ca.certPem);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
