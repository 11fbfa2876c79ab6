import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveEnvironmentUrls } from '../../../../src-shared/auth/environment-url';

function ok(input: string) {
  const r = deriveEnvironmentUrls(input);
  if (!r.ok) throw new Error(`expected ok for ${input}: ${r.error.message}`);
  return r.value;
}
function err(input: string) {
  const r = deriveEnvironmentUrls(input);
  if (r.ok) throw new Error(`expected an error for ${input}`);
  return r.error;
}

describe('deriveEnvironmentUrls', () => {
  it.each([
    'https://abc12345.live.dynatrace.com',
    'https://abc12345.live.dynatrace.com/',
    'https://abc12345.apps.dynatrace.com/ui/apps/dynatrace.notebooks/notebook/1?x=1#frag',
    'abc12345.apps.dynatrace.com',
    '  HTTPS://ABC12345.Live.Dynatrace.com/api/v2  ',
    'https://abc12345.live.dynatrace.com:443/',
  ])('derives both SaaS bases from %s', (input) => {
    const v = ok(input);
    expect(v.kind).toBe('saas');
    expect(v.environmentId).toBe('abc12345');
    expect(v.classicBase).toBe('https://abc12345.live.dynatrace.com');
    expect(v.platformBase).toBe('https://abc12345.apps.dynatrace.com');
  });

  it('knows the sprint and dev families', () => {
    expect(ok('https://xyz.sprint.apps.dynatracelabs.com/ui').classicBase).toBe(
      'https://xyz.sprint.dynatracelabs.com',
    );
    expect(ok('https://xyz.dev.dynatracelabs.com').platformBase).toBe(
      'https://xyz.dev.apps.dynatracelabs.com',
    );
  });

  it('notes what it ignored', () => {
    const v = ok('https://abc12345.apps.dynatrace.com/ui/apps?x=1');
    expect(v.notes.join(' ')).toMatch(/query string/);
    expect(v.notes.join(' ')).toMatch(/\/ui\/apps/);
  });

  it('derives Managed and ActiveGate /e/<id> forms, without a platform base', () => {
    const v = ok('https://dt.example.com/e/4a5b6c7d-1/#/dashboards');
    expect(v).toMatchObject({
      kind: 'managed',
      environmentId: '4a5b6c7d-1',
      classicBase: 'https://dt.example.com/e/4a5b6c7d-1',
      platformBase: null,
    });
    expect(ok('https://ag.example.com:9999/e/abc/api/v2/bizevents/ingest').classicBase).toBe(
      'https://ag.example.com:9999/e/abc',
    );
  });

  it('treats other hosts (sandbox, proxies) as custom with one base', () => {
    expect(ok('http://127.0.0.1:49152')).toMatchObject({
      kind: 'custom',
      classicBase: 'http://127.0.0.1:49152',
      platformBase: 'http://127.0.0.1:49152',
    });
    expect(ok('localhost:8080').classicBase).toBe('http://localhost:8080');
    expect(ok('https://dynatrace.internal.example.org/').platformBase).toBe(
      'https://dynatrace.internal.example.org',
    );
  });

  it.each([
    ['', 0, 'Enter the environment URL'],
    ['ftp://abc.live.dynatrace.com', 0, 'not supported'],
    ['https://user:pw@abc.live.dynatrace.com', 8, 'credentials'],
    ['https://abc_1.live.dynatrace.com', 11, '"_" is not allowed'],
    ['https://abc.live.dynatrace.com:99999', 31, 'port'],
    ['https://abc..live.dynatrace.com', 12, 'empty label'],
    ['http://abc.live.dynatrace.com', 0, 'Use https'],
    ['https://abc live.dynatrace.com', 11, 'space'],
    ['https://', 8, 'no host'],
    ['https://dt.example.com/e/bad$id', 25, 'environment id'],
    ['mailto:someone', 6, 'Expected "https://"'],
  ])('reports %j at position %d', (input, start, message) => {
    const e = err(input);
    expect(e.message).toContain(message);
    expect(e.start).toBe(start);
    expect(e.end).toBeGreaterThan(e.start);
  });

  it('never throws and always positions errors inside (or right after) the input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (input) => {
        const r = deriveEnvironmentUrls(input);
        if (!r.ok) {
          expect(r.error.start).toBeGreaterThanOrEqual(0);
          expect(r.error.start).toBeLessThanOrEqual(input.length);
        } else {
          expect(r.value.classicBase).toMatch(/^https?:\/\/[^/?#@\s]+(\/e\/[A-Za-z0-9-]+)?$/);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('maps every live/apps pair of one environment to the same bases', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z0-9]{3,12}$/),
        fc.constantFrom('live', 'apps'),
        fc.webPath(),
        (id, family, path) => {
          const v = ok(`https://${id}.${family}.dynatrace.com${path}`);
          expect(v.classicBase).toBe(`https://${id}.live.dynatrace.com`);
          expect(v.platformBase).toBe(`https://${id}.apps.dynatrace.com`);
        },
      ),
    );
  });
});
