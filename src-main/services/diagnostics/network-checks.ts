/** DNS, TLS and proxy checks for every host a profile talks to (API bases and token endpoint). */
import type { NetProbes } from '../../platform/net-probes';
import { proxyFor } from '../../platform/proxy-env';
import type { Collector } from './collector';

const LOCAL = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/;

export function hostsOf(urls: readonly (string | null | undefined)[]): URL[] {
  const seen = new Map<string, URL>();
  for (const raw of urls) {
    if (!raw) continue;
    try {
      const u = new URL(raw);
      seen.set(u.host, u);
    } catch {
      // Invalid URLs were refused when the profile was saved.
    }
  }
  return [...seen.values()];
}

export async function checkNetwork(targets: readonly URL[], probes: NetProbes, c: Collector): Promise<void> {
  for (const u of targets) {
    if (LOCAL.test(u.hostname)) {
      c.add(`dns:${u.host}`, `DNS ${u.hostname}`, 'ok', `${u.hostname} is this machine.`);
    } else {
      const started = c.now();
      const dns = await probes.dns(u.hostname);
      c.add(`dns:${u.host}`, `DNS ${u.hostname}`, dns.ok ? 'ok' : 'fail', dns.message, started);
      if (!dns.ok) continue;
    }
    if (u.protocol !== 'https:') {
      c.add(
        `tls:${u.host}`,
        `TLS ${u.host}`,
        LOCAL.test(u.hostname) ? 'skip' : 'warn',
        'Plain http (allowed only to this machine).',
      );
      continue;
    }
    const started = c.now();
    const tls = await probes.tls(u.hostname, Number(u.port || 443));
    const soon = tls.ok && tls.validTo !== undefined && tls.validTo - c.now() < 14 * 86_400_000;
    c.add(`tls:${u.host}`, `TLS ${u.host}`, !tls.ok ? 'fail' : soon ? 'warn' : 'ok', tls.message, started);
  }
}

/** The proxy the environment would route through, in words; Bizlens itself connects directly. */
export function checkProxy(
  targets: readonly URL[],
  c: Collector,
  env: NodeJS.ProcessEnv = process.env,
): string | null {
  for (const u of targets) {
    const proxy = proxyFor(u.href, env);
    if (!proxy) continue;
    const text = `${proxy.variable}=${proxy.url}`;
    c.add(
      'proxy',
      'Proxy',
      'warn',
      `${text} applies to ${u.host}, but Bizlens connects directly (proxies are not supported yet). If direct connections are blocked here, requests will fail.`,
    );
    return text;
  }
  c.add('proxy', 'Proxy', 'ok', 'No proxy is configured for these hosts; Bizlens connects directly.');
  return null;
}
