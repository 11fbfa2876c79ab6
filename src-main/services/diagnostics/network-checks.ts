/** DNS, TLS and proxy checks for every host a profile talks to (API bases and token endpoint). */
import type { NetProbes } from '../../platform/net-probes';
import { describeRoute, type ProxyResolver, type ProxyRoute } from '../../platform/proxy-resolver';
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

export interface NetworkTrust {
  /** The route the HTTP client takes to a URL (the same resolver). */
  routes: ReadonlyMap<string, ProxyRoute>;
  /** Full CA list for a host, or null for the defaults (the same trust store). */
  caFor(host: string): readonly string[] | null;
}

export async function checkNetwork(
  targets: readonly URL[],
  probes: NetProbes,
  c: Collector,
  trust: NetworkTrust,
): Promise<void> {
  for (const u of targets) {
    const route = trust.routes.get(u.host);
    const proxied = route?.kind === 'proxy';
    if (LOCAL.test(u.hostname)) {
      c.add(`dns:${u.host}`, `DNS ${u.hostname}`, 'ok', `${u.hostname} is this machine.`);
    } else {
      const started = c.now();
      const dns = await probes.dns(u.hostname);
      // Behind a proxy the proxy resolves names; a local DNS failure is normal then, and a name that
      // does not exist shows up in the TLS check through the proxy.
      const status = dns.ok ? 'ok' : proxied ? 'skip' : 'fail';
      const message =
        dns.ok || !proxied
          ? dns.message
          : `${u.hostname} does not resolve on this machine, which is normal behind a proxy: the proxy resolves it.`;
      c.add(`dns:${u.host}`, `DNS ${u.hostname}`, status, message, started);
      if (!dns.ok && !proxied) continue;
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
    const ca = trust.caFor(u.host);
    const tls = await probes.tls(u.hostname, Number(u.port || 443), {
      ca,
      proxyUrl: route?.kind === 'proxy' ? route.url : null,
    });
    const soon = tls.ok && tls.validTo !== undefined && tls.validTo - c.now() < 14 * 86_400_000;
    const extra = tls.ok && ca ? ' Trusted through the CA certificate configured for this environment.' : '';
    c.add(
      `tls:${u.host}`,
      `TLS ${u.host}`,
      !tls.ok ? 'fail' : soon ? 'warn' : 'ok',
      `${tls.message}${extra}`,
      started,
    );
  }
}

/** Resolves the route to each host with the HTTP client's own resolver and reports it. */
export async function checkProxy(
  targets: readonly URL[],
  resolver: ProxyResolver,
  c: Collector,
): Promise<{ routes: Map<string, ProxyRoute>; proxy: string | null }> {
  const routes = new Map<string, ProxyRoute>();
  for (const u of targets) routes.set(u.host, await resolver.resolve(u.href));
  const proxied = [...routes.entries()].filter(([, r]) => r.kind === 'proxy');
  // Hosts that share a route are listed together: "a, b: through proxy … (HTTPS_PROXY)".
  const byRoute = new Map<string, string[]>();
  for (const [host, r] of routes)
    byRoute.set(describeRoute(r), [...(byRoute.get(describeRoute(r)) ?? []), host]);
  const lines = [...byRoute.entries()].map(([route, hosts]) => `${hosts.join(', ')}: ${route}`);
  c.add(
    'proxy',
    'Proxy',
    'ok',
    proxied.length ? `${lines.join('; ')}.` : `Bizlens connects directly (${lines.join('; ')}).`,
  );
  const first = proxied[0]?.[1];
  return {
    routes,
    proxy: first?.kind === 'proxy' ? `${first.display} (${first.source})` : null,
  };
}
