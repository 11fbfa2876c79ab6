import { describe, expect, it } from 'vitest';
import { checkTokenUrl, isDynatraceTokenUrl } from '../../../../src-shared/auth/oauth-endpoint';
import { ingestScopes, missingScopesIn, policyFor, queryScopes } from '../../../../src-shared/auth/scopes';

describe('scopes', () => {
  it('splits a profile scope list into minimal per-action sets', () => {
    const all = [
      'storage:bizevents:read',
      'storage:buckets:read',
      'storage:events:write',
      'storage:logs:read',
    ];
    expect(queryScopes(all)).toEqual(['storage:bizevents:read', 'storage:buckets:read', 'storage:logs:read']);
    expect(ingestScopes(all)).toEqual(['storage:events:write']);
    expect(ingestScopes(['openpipeline:bizevents:ingest'])).toEqual(['openpipeline:bizevents:ingest']);
  });

  it("suggests the seed's IAM policy statements", () => {
    expect(policyFor(['storage:buckets:read', 'storage:events:write', 'storage:logs:read'])).toEqual([
      'ALLOW storage:buckets:read WHERE storage:table-name = "bizevents";',
      'ALLOW storage:events:write;',
      'ALLOW storage:logs:read;',
    ]);
  });

  it('reads missing scopes from Dynatrace SSO and sandbox error texts', () => {
    expect(
      missingScopesIn(
        'Invalid OAuth2 request. UNSUCCESSFUL_OAUTH_ACCESS_TOKEN_VALIDATION_FAILED | OAuth client is missing following scopes [settings:objects:read]',
      ),
    ).toEqual(['settings:objects:read']);
    expect(
      missingScopesIn(
        'The OAuth client is missing the following scopes: [storage:events:write, storage:x:read]',
      ),
    ).toEqual(['storage:events:write', 'storage:x:read']);
    expect(missingScopesIn('The requested scope is invalid')).toEqual([]);
  });
});

describe('token URL', () => {
  it('recognises the Dynatrace SSO and accepts other https OAuth servers', () => {
    expect(isDynatraceTokenUrl('https://sso.dynatrace.com/sso/oauth2/token')).toBe(true);
    expect(isDynatraceTokenUrl('https://sso-sprint.dynatracelabs.com/sso/oauth2/token')).toBe(true);
    expect(isDynatraceTokenUrl('https://example.com/configapi/v2/oauth/token')).toBe(false);
    expect(checkTokenUrl('https://example.com/configapi/v2/oauth/token').ok).toBe(true);
    expect(checkTokenUrl('http://127.0.0.1:4000/sso/oauth2/token').ok).toBe(true);
  });

  it.each([
    ['https://sso.dynatrace.com/sso/oauth2/token?client_secret=x', 'query string'],
    ['http://sso.dynatrace.com/sso/oauth2/token', 'https'],
    ['https://sso.dynatrace.com', 'path'],
    ['sso.dynatrace.com/sso/oauth2/token', 'https://'],
  ])('refuses %j', (url, message) => {
    const r = checkTokenUrl(url);
    expect(!r.ok && r.error.message).toContain(message);
  });
});
