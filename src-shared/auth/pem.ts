/**
 * The shape of a pasted CA certificate (PEM): one or more `-----BEGIN CERTIFICATE-----` blocks with
 * base64 bodies. Pure, so the form checks as the user types; main then parses each certificate.
 * A private key is refused without quoting any of it.
 */

export const MAX_PEM_LENGTH = 64 * 1024;
export const MAX_PEM_CERTIFICATES = 20;

export interface PemIssue {
  message: string;
  /** Half-open character range [start, end) in the text as given. */
  start: number;
  end: number;
}

export interface PemCertificate {
  /** The block, normalised: BEGIN line, base64 in 64-character lines, END line. */
  pem: string;
  start: number;
  end: number;
}

export type PemResult = { ok: true; certificates: PemCertificate[] } | { ok: false; issue: PemIssue };

const BEGIN = /-----BEGIN ([A-Z0-9 ]+)-----/g;

export function checkCertificatePem(text: string): PemResult {
  const fail = (message: string, start: number, end: number): PemResult => ({
    ok: false,
    issue: { message, start, end: Math.max(end, start + 1) },
  });
  if (!text.trim()) return fail('Paste a CA certificate (-----BEGIN CERTIFICATE----- …).', 0, 0);
  if (text.length > MAX_PEM_LENGTH)
    return fail(
      `The certificate text is longer than ${MAX_PEM_LENGTH / 1024} KB.`,
      MAX_PEM_LENGTH,
      text.length,
    );
  const certificates: PemCertificate[] = [];
  BEGIN.lastIndex = 0;
  for (let m = BEGIN.exec(text); m; m = BEGIN.exec(text)) {
    const label = m[1]!;
    const start = m.index;
    if (/PRIVATE KEY/.test(label))
      return fail(
        'This is a private key: paste only the CA certificate (never share a private key).',
        start,
        start + m[0].length,
      );
    if (label !== 'CERTIFICATE' && label !== 'TRUSTED CERTIFICATE')
      return fail(`A "${label}" block is not a certificate.`, start, start + m[0].length);
    const endMarker = `-----END ${label}-----`;
    const endAt = text.indexOf(endMarker, start + m[0].length);
    if (endAt < 0) return fail(`This certificate has no "${endMarker}" line.`, start, start + m[0].length);
    const bodyStart = start + m[0].length;
    const body = text.slice(bodyStart, endAt);
    const bad = body.search(/[^A-Za-z0-9+/=\s]/);
    if (bad >= 0)
      return fail(
        'The certificate contains a character that is not base64.',
        bodyStart + bad,
        bodyStart + bad + 1,
      );
    const b64 = body.replace(/\s+/g, '');
    if (!b64 || b64.length % 4 !== 0)
      return fail('The certificate body is incomplete (was it cut off?).', bodyStart, endAt);
    if (certificates.length === MAX_PEM_CERTIFICATES)
      return fail(`At most ${MAX_PEM_CERTIFICATES} certificates.`, start, start + m[0].length);
    const lines = b64.match(/.{1,64}/g) ?? [];
    certificates.push({
      pem: `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`,
      start,
      end: endAt + endMarker.length,
    });
    BEGIN.lastIndex = endAt + endMarker.length;
  }
  if (certificates.length === 0)
    return fail(
      'No "-----BEGIN CERTIFICATE-----" line found: paste the certificate in PEM form.',
      0,
      text.length,
    );
  return { ok: true, certificates };
}
