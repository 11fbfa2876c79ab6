import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TOKEN_URL,
  defaultTokenUrlFor,
  isDynatraceTokenUrl,
} from '../../../../src-shared/auth/oauth-endpoint';

describe('defaultTokenUrlFor (SSO discovery from the environment URL)', () => {
  it.each([
    ['https://abc12345.apps.dynatrace.com', DEFAULT_TOKEN_URL],
    ['abc12345.live.dynatrace.com/ui/apps', DEFAULT_TOKEN_URL],
    ['https://abc12345.dev.apps.dynatracelabs.com/ui', 'https://sso-dev.dynatracelabs.com/sso/oauth2/token'],
    ['https://abc12345.dev.dynatracelabs.com', 'https://sso-dev.dynatracelabs.com/sso/oauth2/token'],
    [
      'https://abc12345.sprint.apps.dynatracelabs.com',
      'https://sso-sprint.dynatracelabs.com/sso/oauth2/token',
    ],
    ['abc12345.sprint.dynatracelabs.com', 'https://sso-sprint.dynatracelabs.com/sso/oauth2/token'],
    // Not a Dynatrace stage (or not a URL yet): the production SSO, which the user may override.
    ['https://dynatrace.corp.example/e/abc', DEFAULT_TOKEN_URL],
    ['https://x.dynatracelabs.com.evil.example', DEFAULT_TOKEN_URL],
    ['not a url', DEFAULT_TOKEN_URL],
  ])('%s → %s', (url, expected) => {
    expect(defaultTokenUrlFor(url)).toBe(expected);
    expect(isDynatraceTokenUrl(expected)).toBe(true);
  });
});
