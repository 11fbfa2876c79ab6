import { describe, expect, it } from 'vitest';
import { checkCertificatePem } from '../../../../src-shared/auth/pem';

const BODY = 'MIIBszCCAVmgAwIBAgIUQ'.padEnd(100, 'A');
const CERT = `-----BEGIN CERTIFICATE-----\n${BODY}\n-----END CERTIFICATE-----`;

describe('checkCertificatePem', () => {
  it('accepts one or more certificates with text around them and normalises lines', () => {
    const r = checkCertificatePem(`subject=CN=Corp\n${CERT}\n\n${CERT}\n`);
    expect(r.ok && r.certificates.length).toBe(2);
    if (!r.ok) return;
    expect(r.certificates[0]!.pem).toBe(
      `-----BEGIN CERTIFICATE-----\n${BODY.slice(0, 64)}\n${BODY.slice(64)}\n-----END CERTIFICATE-----\n`,
    );
    expect(r.certificates[0]!.start).toBe('subject=CN=Corp\n'.length);
  });

  it.each([
    ['', 'Paste a CA certificate'],
    ['hello', 'No "-----BEGIN CERTIFICATE-----" line'],
    [`-----BEGIN CERTIFICATE-----\n${BODY}\n`, 'has no "-----END CERTIFICATE-----" line'],
    [`-----BEGIN CERTIFICATE-----\n${BODY}!\n-----END CERTIFICATE-----`, 'not base64'],
    [`-----BEGIN CERTIFICATE-----\nAAA\n-----END CERTIFICATE-----`, 'incomplete'],
    [`-----BEGIN PUBLIC KEY-----\n${BODY}\n-----END PUBLIC KEY-----`, 'is not a certificate'],
  ])('refuses %j with a positioned message', (text, message) => {
    const r = checkCertificatePem(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issue.message).toContain(message);
    expect(r.issue.end).toBeGreaterThan(r.issue.start);
  });

  it('points at the bad character', () => {
    const text = `-----BEGIN CERTIFICATE-----\nAB$D\n-----END CERTIFICATE-----`;
    const r = checkCertificatePem(text);
    expect(!r.ok && r.issue.start).toBe(text.indexOf('$'));
  });

  it('refuses a private key without quoting it', () => {
    const key = `-----BEGIN PRIVATE KEY-----\nSECRETKEYMATERIAL000\n-----END PRIVATE KEY-----`;
    const r = checkCertificatePem(`${CERT}\n${key}`);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issue.message).toContain('private key');
    expect(r.issue.message).not.toContain('SECRETKEYMATERIAL');
    expect(r.issue.start).toBe(CERT.length + 1);
  });
});
