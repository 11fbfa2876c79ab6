import { describe, expect, it, vi } from 'vitest';

const lookup = vi.hoisted(() => vi.fn());
vi.mock('node:dns/promises', () => ({ lookup }));

const { nodeNetProbes } = await import('../../../../src-main/platform/net-probes');

const notFound = () => Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });

describe('nodeNetProbes.dns', () => {
  it('suggests an environment-id typo for a Dynatrace environment host', async () => {
    lookup.mockImplementation(() => Promise.reject(notFound()));
    for (const host of [
      'abc12345.live.dynatrace.com',
      'abc12345.apps.dynatrace.com',
      'abc12345.sprint.apps.dynatracelabs.com',
      'abc12345.dev.dynatracelabs.com',
    ]) {
      const dns = await nodeNetProbes.dns(host);
      expect(dns.ok).toBe(false);
      expect(dns.message).toBe(
        `${host} does not resolve: check the environment id "abc12345" in the URL for a typo.`,
      );
    }
  });

  it('does not blame an environment id for any other host', async () => {
    lookup.mockImplementation(() => Promise.reject(notFound()));
    for (const host of ['dynatrace.example.com', 'sso.dynatrace.com', 'activegate.corp.local']) {
      const dns = await nodeNetProbes.dns(host);
      expect(dns.message).not.toMatch(/environment id/);
      expect(dns.message).toBe(
        `${host} does not resolve: check the host name in the URL, and that this machine's DNS knows it (an internal host may need a VPN).`,
      );
    }
  });

  it('reports other lookup failures by their code, and success by the address count', async () => {
    lookup.mockRejectedValueOnce(Object.assign(new Error('x'), { code: 'EAI_AGAIN' }));
    expect((await nodeNetProbes.dns('abc12345.live.dynatrace.com')).message).toBe(
      'DNS lookup of abc12345.live.dynatrace.com failed (EAI_AGAIN).',
    );
    lookup.mockResolvedValueOnce([{ address: '10.0.0.1', family: 4 }]);
    expect(await nodeNetProbes.dns('a.example.com')).toEqual({
      ok: true,
      addresses: 1,
      message: 'a.example.com resolves (1 address).',
    });
  });
});
