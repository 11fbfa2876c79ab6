import { describe, expect, it } from 'vitest';
import {
  EMPTY_FORM,
  draftFromForm,
  secretHint,
  tokenUrlHint,
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
    expect(tokenUrlHint('https://sso.dynatrace.com/sso/oauth2/token')).toBeNull();
    expect(tokenUrlHint('https://evil.example.com/token')!.text).toContain('sent to evil.example.com');
  });
});
