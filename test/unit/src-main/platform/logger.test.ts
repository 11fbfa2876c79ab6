import { describe, expect, it } from 'vitest';
import { stderrLogger } from '../../../../src-main/platform/logger';
import { proxyFor } from '../../../../src-main/platform/proxy-env';
import { redactText, redactValue, rememberSecret } from '../../../../src-main/platform/redaction';

describe('logger redaction', () => {
  it('redacts headers, form secrets and remembered free-form secrets in every line', () => {
    const lines: string[] = [];
    const log = stderrLogger('t', (l) => lines.push(l));
    rememberSecret('my-free-form-oauth-secret-42');
    log.error('token request failed: client_secret=abc123def456&x=1', {
      headers: { authorization: 'Api-Token dt0c01.ST2EY72KQINMH574WMNVI7YN.' + 'A'.repeat(64) },
      note: 'sent my-free-form-oauth-secret-42',
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('abc123def456');
    expect(lines[0]).not.toContain('A'.repeat(64));
    expect(lines[0]).not.toContain('my-free-form-oauth-secret-42');
    expect(lines[0]).toContain('client_secret=[REDACTED]');
  });

  it('redacts secret-named keys in structured values', () => {
    expect(redactValue({ code: 'X', details: { clientSecret: 'short', field: 'secret' } })).toEqual({
      code: 'X',
      details: { clientSecret: '[REDACTED]', field: 'secret' },
    });
    expect(redactText('Bearer eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln')).toBe('Bearer [REDACTED]');
  });
});

describe('proxyFor', () => {
  it('reads HTTPS_PROXY, honours NO_PROXY, strips credentials', () => {
    const env = { HTTPS_PROXY: 'http://u:p@proxy:3128', NO_PROXY: 'localhost,.internal.example' };
    expect(proxyFor('https://abc.apps.dynatrace.com/x', env)).toEqual({
      url: 'http://proxy:3128',
      rawUrl: 'http://u:p@proxy:3128',
      variable: 'HTTPS_PROXY',
    });
    expect(proxyFor('https://dt.internal.example/e/1', env)).toBeNull();
    expect(proxyFor('http://localhost:4000', env)).toBeNull();
    expect(proxyFor('https://abc.apps.dynatrace.com', {})).toBeNull();
  });
});
