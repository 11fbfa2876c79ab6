import { describe, expect, it } from 'vitest';
import { systemProxyResolver } from '../../../../src-main/electron/system-proxy';
import {
  appProxyResolver,
  describeRoute,
  envProxyResolver,
  routeFromPac,
  type ProxyResolver,
} from '../../../../src-main/platform/proxy-resolver';

const TENANT = 'https://abc12345.apps.dynatrace.com/platform/storage/query/v1/query:execute';

describe('envProxyResolver', () => {
  it('uses HTTPS_PROXY for https and HTTP_PROXY for http, upper or lower case', async () => {
    const env = { https_proxy: 'http://u:pw-123@proxy.corp:3128', HTTP_PROXY: 'proxy.plain:8080' };
    expect(await envProxyResolver(env).resolve(TENANT)).toEqual({
      kind: 'proxy',
      url: 'http://u:pw-123@proxy.corp:3128',
      display: 'http://proxy.corp:3128',
      source: 'https_proxy',
    });
    // curl's scheme-less form means http.
    expect(await envProxyResolver(env).resolve('http://managed.example/e/1')).toMatchObject({
      kind: 'proxy',
      url: 'http://proxy.plain:8080',
      source: 'HTTP_PROXY',
    });
  });

  it('honours NO_PROXY suffixes, ports and *', async () => {
    const env = { HTTPS_PROXY: 'http://proxy:3128', NO_PROXY: '.internal.example,tenant.example:8443' };
    expect(await envProxyResolver(env).resolve('https://dt.internal.example/e/1')).toEqual({
      kind: 'direct',
      source: 'excluded by NO_PROXY',
    });
    expect(await envProxyResolver(env).resolve('https://tenant.example:8443/')).toMatchObject({
      kind: 'direct',
    });
    expect(await envProxyResolver(env).resolve('https://tenant.example/')).toMatchObject({ kind: 'proxy' });
    expect(
      await envProxyResolver({ ...env, no_proxy: '*', NO_PROXY: undefined }).resolve(TENANT),
    ).toMatchObject({
      kind: 'direct',
    });
    expect(await envProxyResolver({}).resolve(TENANT)).toEqual({
      kind: 'direct',
      source: 'no proxy configured',
    });
  });
});

describe('appProxyResolver', () => {
  const system: ProxyResolver = {
    resolve: async () => routeFromPac('PROXY pac.corp:8080', 'system proxy settings'),
  };

  it('never proxies loopback, whatever is configured', async () => {
    const r = appProxyResolver(system, { HTTPS_PROXY: 'http://proxy:3128', HTTP_PROXY: 'http://proxy:3128' });
    for (const url of ['http://127.0.0.1:4000/sso/oauth2/token', 'https://localhost:1/x', 'http://[::1]:9/'])
      expect(await r.resolve(url)).toEqual({ kind: 'direct', source: 'this machine' });
  });

  it('lets proxy variables win over the system settings, and uses the system settings otherwise', async () => {
    expect(await appProxyResolver(system, { HTTPS_PROXY: 'http://env:1' }).resolve(TENANT)).toMatchObject({
      url: 'http://env:1',
      source: 'HTTPS_PROXY',
    });
    expect(await appProxyResolver(system, {}).resolve(TENANT)).toMatchObject({
      url: 'http://pac.corp:8080',
      source: 'system proxy settings',
    });
  });

  it('goes direct, saying why, when the system settings cannot be read', async () => {
    const broken: ProxyResolver = {
      resolve: async () => {
        throw new Error('resolver crashed');
      },
    };
    expect(await appProxyResolver(broken, {}).resolve(TENANT)).toEqual({
      kind: 'direct',
      source: 'system proxy settings could not be read',
    });
  });
});

describe('routeFromPac', () => {
  it.each([
    ['DIRECT', { kind: 'direct' }],
    ['PROXY proxy.corp:3128; DIRECT', { kind: 'proxy', url: 'http://proxy.corp:3128' }],
    ['HTTPS secure.corp:443', { kind: 'proxy', url: 'https://secure.corp:443' }],
    ['SOCKS5 socks.corp:1080; PROXY fallback:80', { kind: 'proxy', url: 'http://fallback:80' }],
    ['SOCKS5 socks.corp:1080', { kind: 'direct', source: 'os: no supported proxy type' }],
    ['', { kind: 'direct', source: 'os' }],
  ])('%j', (pac, expected) => {
    expect(routeFromPac(pac, 'os')).toMatchObject(expected);
  });

  it('describes routes without credentials', () => {
    const route = appProxyResolver(null, { HTTPS_PROXY: 'http://me:s3cr3t-pw@proxy:3128' });
    return route.resolve(TENANT).then((r) => {
      expect(describeRoute(r)).toBe('through proxy http://proxy:3128 (HTTPS_PROXY)');
    });
  });
});

describe('systemProxyResolver (Electron session)', () => {
  it('asks the session for each URL and parses its PAC answer', async () => {
    const asked: string[] = [];
    const resolver = systemProxyResolver({
      resolveProxy: async (url: string) => {
        asked.push(url);
        return 'PROXY wpad.corp:8080; DIRECT';
      },
    });
    expect(await resolver.resolve(TENANT)).toMatchObject({ kind: 'proxy', url: 'http://wpad.corp:8080' });
    expect(asked).toEqual([TENANT]);
  });
});
