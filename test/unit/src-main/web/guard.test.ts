import { describe, expect, it } from 'vitest';
import {
  checkHostAndOrigin,
  checkSecret,
  checkSession,
  type GuardConfig,
} from '../../../../src-main/web/guard';

const cfg: GuardConfig = {
  host: '127.0.0.1:5123',
  origin: 'http://127.0.0.1:5123',
  cookieName: 'bizlens_session_5123',
  session: 'S'.repeat(43),
  secret: 'x'.repeat(43),
};

describe('web guard', () => {
  it('accepts our own host and origin', () => {
    expect(checkHostAndOrigin({ host: cfg.host, origin: cfg.origin }, cfg)).toEqual({ ok: true });
    expect(checkHostAndOrigin({ host: cfg.host }, cfg)).toEqual({ ok: true });
  });

  it.each([
    ['a rebinding host name', { host: 'evil.example:5123' }],
    ['localhost instead of the served address', { host: 'localhost:5123' }],
    ['another port', { host: '127.0.0.1:5124' }],
    ['a missing host', {}],
  ])('refuses %s with 403', (_label, headers) => {
    expect(checkHostAndOrigin(headers, cfg)).toMatchObject({ ok: false, status: 403 });
  });

  it('refuses a foreign origin, and a missing one where required', () => {
    expect(checkHostAndOrigin({ host: cfg.host, origin: 'http://evil.example' }, cfg)).toMatchObject({
      status: 403,
    });
    expect(checkHostAndOrigin({ host: cfg.host, origin: 'null' }, cfg)).toMatchObject({ status: 403 });
    expect(checkHostAndOrigin({ host: cfg.host }, cfg, true)).toMatchObject({ status: 403 });
    expect(checkHostAndOrigin({ host: cfg.host, 'sec-fetch-site': 'cross-site' }, cfg)).toMatchObject({
      status: 403,
    });
  });

  it('needs the session cookie or the launch secret', () => {
    expect(checkSession({}, cfg)).toMatchObject({ ok: false, status: 401 });
    expect(checkSession({ cookie: `a=b; ${cfg.cookieName}=${cfg.session}` }, cfg)).toEqual({ ok: true });
    expect(checkSession({ cookie: `${cfg.cookieName}=${'T'.repeat(43)}` }, cfg)).toMatchObject({
      status: 401,
    });
    expect(checkSession({ authorization: `Bearer ${cfg.secret}` }, cfg)).toEqual({ ok: true });
    expect(checkSession({ authorization: `Bearer ${cfg.secret}x` }, cfg)).toMatchObject({ status: 401 });
    expect(checkSecret({ cookie: `${cfg.cookieName}=${cfg.session}` }, cfg)).toMatchObject({ status: 401 });
  });
});
