import { describe, expect, it } from 'vitest';
import {
  EMPTY_FORM,
  draftFromForm,
  secretHint,
  tokenUrlHint,
  caHint,
  caSummary,
  effectiveTokenUrl,
  formFromView,
  urlHint,
} from '../../../src-renderer/features/connections/profile-form-model';

const SECRET_PART = 'G3DFPBEJYMODIDAEX454M7YWBUVEFOWKPRVMWFASS64NFH52PX6BNDVFFM572RZM';

describe('connections form model', () => {
  it('shows the derived bases, or the position of the problem', () => {
    expect(urlHint('abc12345.apps.dynatrace.com/ui')).toMatchObject({
      kind: 'ok',
      text: expect.stringContaining(
        'Classic API https://abc12345.live.dynatrace.com · Platform https://abc12345.apps.dynatrace.com',
      ),
    });
    expect(urlHint('https://abc_1.live.dynatrace.com')).toEqual({
      kind: 'error',
      text: '"_" is not allowed in a host name. (at character 12: “_”)',
    });
    // Credentials pasted into a URL are never quoted back.
    expect(urlHint('https://me:hunter2@abc.live.dynatrace.com')!.text).not.toContain('hunter2');
    expect(urlHint('')).toBeNull();
  });

  it('checks the secret format as typed, showing only the identifier', () => {
    const api = {
      ...EMPTY_FORM,
      authKind: 'apiToken' as const,
      secret: `dt0c01.ST2EY72KQINMH574WMNVI7YN.${SECRET_PART}`,
    };
    expect(secretHint(api)).toEqual({
      kind: 'ok',
      text: 'dt0c01.ST2EY72KQINMH574WMNVI7YN — Classic environment API token (Authorization: Api-Token).',
    });
    const short = secretHint({ ...api, secret: `dt0c01.ST2EY72KQINMH574WMNVI7YN.${SECRET_PART.slice(3)}` })!;
    expect(short.kind).toBe('error');
    expect(short.text).not.toContain(SECRET_PART.slice(3, 20));
    const oauth = { ...EMPTY_FORM, clientId: 'dt0s02.ABCD1234', secret: `dt0s02.ABCD1234.${SECRET_PART}` };
    expect(secretHint(oauth)!.kind).toBe('ok');
  });

  it('drops whitespace around a pasted secret, and counts positions from the text as typed', () => {
    const token = `dt0c01.ST2EY72KQINMH574WMNVI7YN.${SECRET_PART}`;
    const pasted = { ...EMPTY_FORM, authKind: 'apiToken' as const, secret: `  ${token}\n` };
    expect(secretHint(pasted)!.kind).toBe('ok');
    expect(draftFromForm(pasted).secret).toBe(token);
    const badPublic = secretHint({ ...pasted, secret: ` dt0c01.SHORT.${SECRET_PART}` })!;
    expect(badPublic.text).toMatch(/\(characters 9–13\)$/);
    expect(draftFromForm({ ...pasted, secret: ' \n' })).not.toHaveProperty('secret');
  });

  it('sends OAuth fields only for OAuth, and the secret only when typed', () => {
    const draft = draftFromForm({
      ...EMPTY_FORM,
      name: 'X',
      url: 'https://a.live.dynatrace.com',
      authKind: 'apiToken',
      clientId: 'dt0s02.X',
    });
    expect(draft).not.toHaveProperty('clientId');
    expect(draft).not.toHaveProperty('secret');
    expect(draftFromForm({ ...EMPTY_FORM, scopes: 'a:b:read,  c:d:write' }).scopes).toEqual([
      'a:b:read',
      'c:d:write',
    ]);
  });

  it('says where the secret goes when the token URL is not the Dynatrace SSO', () => {
    const url = 'https://abc12345.apps.dynatrace.com';
    expect(tokenUrlHint({ url, tokenUrl: 'https://sso.dynatrace.com/sso/oauth2/token' })).toBeNull();
    expect(tokenUrlHint({ url, tokenUrl: 'https://evil.example.com/token' })!.text).toContain(
      'sent to evil.example.com',
    );
  });

  it('shows the SSO of the environment’s stage as the default token URL, and keeps an override', () => {
    const dev = 'https://abc12345.dev.apps.dynatracelabs.com';
    expect(tokenUrlHint({ url: dev, tokenUrl: '' })).toEqual({
      kind: 'info',
      text: 'Default for this environment: https://sso-dev.dynatracelabs.com/sso/oauth2/token',
    });
    expect(effectiveTokenUrl({ url: 'https://abc12345.apps.dynatrace.com', tokenUrl: ' ' })).toBe(
      'https://sso.dynatrace.com/sso/oauth2/token',
    );
    const view = {
      id: 'p1',
      name: 'Dev',
      kind: 'tenant' as const,
      url: dev,
      authKind: 'oauth' as const,
      scopes: [],
      caCertificates: [],
      color: 'blue' as const,
      safety: 'normal' as const,
      secret: { configured: false, tokenIdentifier: null },
      derived: { kind: 'saas' as const, classicBase: dev, platformBase: dev },
    };
    // Stored default → empty field (the placeholder follows the URL); an override stays.
    expect(
      formFromView({ ...view, tokenUrl: 'https://sso-dev.dynatracelabs.com/sso/oauth2/token' }).tokenUrl,
    ).toBe('');
    expect(formFromView({ ...view, tokenUrl: 'https://idp.example/token' }).tokenUrl).toBe(
      'https://idp.example/token',
    );
    // A default-following form sends no token URL of its own: main derives it.
    expect(draftFromForm({ ...EMPTY_FORM, url: dev }).tokenUrl).toBe('');
  });

  it('checks a pasted CA certificate’s shape and summarises saved ones', () => {
    expect(caHint('')).toBeNull();
    expect(caHint('-----BEGIN RSA PRIVATE KEY-----\nabc')).toMatchObject({ kind: 'error' });
    expect(caHint('-----BEGIN RSA PRIVATE KEY-----\nabc')!.text).toContain('private key');
    expect(caHint(`-----BEGIN CERTIFICATE-----\n${'A'.repeat(64)}\n-----END CERTIFICATE-----`)).toEqual({
      kind: 'ok',
      text: '1 certificate in PEM form.',
    });
    expect(
      caSummary({ subject: 'CN=Corp', validTo: '2030-01-02T00:00:00.000Z', expired: false, isCa: true }),
    ).toBe('CN=Corp — valid until 2030-01-02');
    expect(
      caSummary({ subject: 'CN=Old', validTo: '2020-01-02T00:00:00.000Z', expired: true, isCa: true }),
    ).toContain('EXPIRED on 2020-01-02');
  });
});
