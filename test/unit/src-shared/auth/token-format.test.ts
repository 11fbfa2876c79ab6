import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkApiToken,
  checkClientId,
  checkClientSecret,
  checkPlatformToken,
  explainPrefix,
  maskSecret,
  parseToken,
  tokenIdentifierOf,
} from '../../../../src-shared/auth/token-format';

const DOC_TOKEN =
  'dt0s01.ST2EY72KQINMH574WMNVI7YN.G3DFPBEJYMODIDAEX454M7YWBUVEFOWKPRVMWFASS64NFH52PX6BNDVFFM572RZM';
const SECRET_PART = 'G3DFPBEJYMODIDAEX454M7YWBUVEFOWKPRVMWFASS64NFH52PX6BNDVFFM572RZM';
const API_TOKEN = `dt0c01.ST2EY72KQINMH574WMNVI7YN.${SECRET_PART}`;
const alnum = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.split(''));
const part = (n: number) => fc.array(alnum, { minLength: n, maxLength: n }).map((a) => a.join(''));

describe('parseToken', () => {
  it('parses the documented example into prefix, public part and identifier', () => {
    const r = parseToken(DOC_TOKEN);
    expect(r).toEqual({
      ok: true,
      token: {
        prefix: 'dt0s01',
        publicPart: 'ST2EY72KQINMH574WMNVI7YN',
        identifier: 'dt0s01.ST2EY72KQINMH574WMNVI7YN',
      },
    });
  });

  it.each([
    ['', 'Enter the token'],
    ['abc', 'prefix'],
    ['dt0c01.ST2EY72KQINMH574WMNVI7YN', 'three parts'],
    [`${API_TOKEN}.X`, 'more'],
    [`dt0c01.SHORT.${SECRET_PART}`, 'public part must be 24'],
    [`dt0c01.ST2EY72KQINMH574WMNVI7YN.${SECRET_PART.slice(1)}`, 'secret part must be 64'],
    [`dt0c01.st2ey72kqinmh574wmnvi7yn.${SECRET_PART}`, 'uppercase'],
    [`${API_TOKEN} `, 'space'],
  ])('rejects %j with a positioned message that never contains the secret', (value, message) => {
    const r = parseToken(value);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issue.message).toContain(message);
    expect(r.issue.message).not.toContain(SECRET_PART.slice(0, 16));
    expect(r.issue.end).toBeGreaterThan(r.issue.start);
  });

  it('positions the secret-part issue on the secret part', () => {
    const bad = `dt0c01.ST2EY72KQINMH574WMNVI7YN.${SECRET_PART.slice(2)}`;
    const r = parseToken(bad);
    expect(r.ok ? null : [r.issue.start, r.issue.end]).toEqual([32, bad.length]);
  });

  it('accepts every well-formed token and its identifier is prefix.public', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^dt0[a-z][0-9]{2}$/), part(24), part(64), (prefix, pub, secret) => {
        const r = parseToken(`${prefix}.${pub}.${secret}`);
        expect(r.ok && r.token.identifier).toBe(`${prefix}.${pub}`);
        expect(tokenIdentifierOf(`${prefix}.${pub}.${secret}`)).toBe(`${prefix}.${pub}`);
        expect(maskSecret(`${prefix}.${pub}.${secret}`)).not.toContain(secret);
      }),
    );
  });

  it('never echoes the input in a message', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 12, maxLength: 120 }), (value) => {
        const r = parseToken(value);
        if (!r.ok) expect(r.issue.message).not.toContain(value);
      }),
    );
  });
});

describe('kind-specific checks', () => {
  it('takes classic tokens as API tokens and refuses platform tokens there', () => {
    expect(checkApiToken(API_TOKEN).ok).toBe(true);
    const r = checkApiToken(`dt0s16.ST2EY72KQINMH574WMNVI7YN.${SECRET_PART}`);
    expect(!r.ok && r.issue.message).toMatch(/Platform token/);
  });

  it('takes dt0s16 and opaque Bearer tokens as platform tokens, not dt0c01', () => {
    expect(checkPlatformToken(`dt0s16.ST2EY72KQINMH574WMNVI7YN.${SECRET_PART}`)).toMatchObject({ ok: true });
    expect(checkPlatformToken('eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln')).toEqual({
      ok: true,
      token: null,
    });
    expect(checkPlatformToken(API_TOKEN).ok).toBe(false);
    expect(checkPlatformToken('short').ok).toBe(false);
  });

  it('checks client ids and that a client secret belongs to its client id', () => {
    expect(checkClientId('dt0s02.ABCD1234').ok).toBe(true);
    expect(checkClientId('dt0c01.ABCD1234').ok).toBe(false);
    expect(checkClientId('sheila.thomas').ok).toBe(false);
    expect(checkClientSecret(`dt0s02.ABCD1234.${SECRET_PART}`, 'dt0s02.ABCD1234').ok).toBe(true);
    const other = checkClientSecret(`dt0s02.ZZZZ9999.${SECRET_PART}`, 'dt0s02.ABCD1234');
    expect(!other.ok && other.issue.message).toMatch(/starts with its client id/);
    const short = checkClientSecret('dt0s02.ABCD1234.ABC', 'dt0s02.ABCD1234');
    expect(!short.ok && short.issue.message).toMatch(/64/);
  });

  it('explains known prefixes and admits unknown ones', () => {
    expect(explainPrefix('dt0c01')).toMatch(/Api-Token/);
    expect(explainPrefix('DT0S16')).toMatch(/Platform token/);
    expect(explainPrefix('dt0s02')).toMatch(/OAuth client/);
    expect(explainPrefix('dt0x99')).toBeNull();
  });

  it('masks unknown formats without revealing any character', () => {
    expect(maskSecret('qkDwDJlDfig2IpeuUZYKH1Wb8q1V0ju6sILxQQqhJ')).toBe('•••• (41 characters)');
    expect(maskSecret(API_TOKEN)).toBe('dt0c01.ST2EY72KQINMH574WMNVI7YN.••••');
  });
});
