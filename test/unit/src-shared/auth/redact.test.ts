import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REDACTED, redact } from '../../../../src-shared/auth/redact';

const SECRET_PART = 'G3DFPBEJYMODIDAEX454M7YWBUVEFOWKPRVMWFASS64NFH52PX6BNDVFFM572RZM';
const API_TOKEN = `dt0c01.ST2EY72KQINMH574WMNVI7YN.${SECRET_PART}`;
const CLIENT_SECRET = `dt0s02.ABCD1234.${SECRET_PART}`;
const JWT = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4Iiwic2NvcGUiOiJhIn0.MEUCIQDx-abc_def';

describe('redact', () => {
  it.each([
    [`Authorization: Api-Token ${API_TOKEN}`, 'Authorization: Api-Token'],
    [`{"authorization":"Bearer ${JWT}"}`, '{"authorization":"Bearer'],
    [`curl -H 'Authorization: Bearer abcdefghijkl'`, 'Authorization: Bearer'],
    [
      `grant_type=client_credentials&client_id=dt0s02.ABCD1234&client_secret=${encodeURIComponent(CLIENT_SECRET)}`,
      'client_id=dt0s02.ABCD1234',
    ],
    [`{"access_token":"${JWT}","token_type":"Bearer"}`, '"token_type":"Bearer"'],
    [`token ${API_TOKEN} leaked`, 'dt0c01.ST2EY72KQINMH574WMNVI7YN.'],
    [`jwt ${JWT} here`, 'jwt '],
    [`/api/v2/x?api-token=${API_TOKEN}`, '/api/v2/x?api-token='],
    [`proxy http://alice:abcdefghijkl@proxy.corp:3128 failed`, 'http://[REDACTED]@proxy.corp:3128 failed'],
  ])('removes the secret from %j and keeps the context', (input, kept) => {
    const out = redact(input);
    expect(out).toContain(REDACTED);
    expect(out).toContain(kept);
    expect(out).not.toContain(SECRET_PART);
    expect(out).not.toContain('abcdefghijkl');
    expect(out).not.toContain(JWT.split('.')[1]);
  });

  it('keeps the token identifier, which is safe to log', () => {
    expect(redact(API_TOKEN)).toBe(`dt0c01.ST2EY72KQINMH574WMNVI7YN.${REDACTED}`);
    expect(redact(CLIENT_SECRET)).toBe(`dt0s02.ABCD1234.${REDACTED}`);
  });

  it('removes known free-form secrets in raw, URL- and form-encoded form', () => {
    const secret = 'qkDwDJ lDfig2/IpeuUZYKH1Wb8q1V0ju6sILxQQqhJ';
    const text = `a ${secret} b ${encodeURIComponent(secret)} c ${encodeURIComponent(secret).replace(/%20/g, '+')}`;
    const out = redact(text, [secret]);
    expect(out).not.toContain('lDfig2');
    expect(out.match(/\[REDACTED\]/g)).toHaveLength(3);
  });

  it('leaves a scheme name alone when no credential follows it', () => {
    // The token kinds' descriptions, shown in the connection test.
    const text =
      'Classic environment API token (Authorization: Api-Token). Platform token (Authorization: Bearer).';
    expect(redact(text)).toBe(text);
    expect(redact('authorization: Bearerabcdefghijkl')).toBe(`authorization:  ${REDACTED}`);
  });

  it('leaves ordinary text alone', () => {
    const text = 'POST /platform/storage/query/v1/query:execute 200 12ms (scope storage:bizevents:read)';
    expect(redact(text)).toBe(text);
  });

  it('never lets a documented-format secret through, whatever surrounds it', () => {
    const alnum = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.split(''));
    fc.assert(
      fc.property(
        fc.string(),
        fc.array(alnum, { minLength: 64, maxLength: 64 }).map((a) => a.join('')),
        fc.string(),
        (before, secret, after) => {
          const out = redact(`${before} dt0c01.ST2EY72KQINMH574WMNVI7YN.${secret} ${after}`);
          expect(out).not.toContain(`.${secret}`);
        },
      ),
    );
  });
});
