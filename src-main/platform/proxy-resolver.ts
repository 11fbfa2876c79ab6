/**
 * Which route an outgoing request takes: directly or through an HTTP(S) proxy. The environment's
 * proxy variables decide when set (as for curl); otherwise an injected system resolver (Electron's
 * `session.resolveProxy`, which applies PAC files and OS settings). Loopback (the embedded sandbox)
 * is never proxied. A route's `display` has no credentials and is what diagnostics show.
 */
import { hasProxyVariables, proxyFor, withoutCredentials } from './proxy-env';

export type ProxyRoute =
  | { kind: 'direct'; source: string }
  | {
      kind: 'proxy';
      /** Used by the HTTP client only: may carry credentials, never shown. */
      url: string;
      /** The proxy without credentials, for messages. */
      display: string;
      /** Where the setting came from: "HTTPS_PROXY", "system proxy settings". */
      source: string;
    };

export interface ProxyResolver {
  resolve(target: string): Promise<ProxyRoute>;
}

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\]|::1)$/i;

export function isLoopbackUrl(target: string): boolean {
  try {
    return LOOPBACK.test(new URL(target).hostname);
  } catch {
    return false;
  }
}

export function describeRoute(route: ProxyRoute): string {
  return route.kind === 'direct'
    ? `direct (${route.source})`
    : `through proxy ${route.display} (${route.source})`;
}

/** HTTPS_PROXY/HTTP_PROXY/NO_PROXY only. */
export function envProxyResolver(env: NodeJS.ProcessEnv = process.env): ProxyResolver {
  return {
    resolve: async (target) => {
      const setting = proxyFor(target, env);
      if (!setting)
        return {
          kind: 'direct',
          source: hasProxyVariables(env) ? 'excluded by NO_PROXY' : 'no proxy configured',
        };
      return proxyRoute(setting.rawUrl, setting.variable);
    },
  };
}

/**
 * The app's resolver: loopback is always direct; proxy variables win when set; else the system
 * resolver (when there is one); a failing system resolver means direct, said so.
 */
export function appProxyResolver(
  system: ProxyResolver | null,
  env: NodeJS.ProcessEnv = process.env,
): ProxyResolver {
  const fromEnv = envProxyResolver(env);
  return {
    resolve: async (target) => {
      if (isLoopbackUrl(target)) return { kind: 'direct', source: 'this machine' };
      if (!system || hasProxyVariables(env)) return fromEnv.resolve(target);
      try {
        return await system.resolve(target);
      } catch {
        return { kind: 'direct', source: 'system proxy settings could not be read' };
      }
    },
  };
}

/**
 * A Chromium/PAC result such as "PROXY proxy.corp:3128; DIRECT" → the first usable entry.
 * SOCKS entries are skipped (not supported); if nothing usable remains the route is direct.
 */
export function routeFromPac(pac: string, source: string): ProxyRoute {
  for (const entry of pac.split(';')) {
    const [type = '', hostPort = ''] = entry.trim().split(/\s+/);
    const kind = type.toUpperCase();
    if (kind === 'DIRECT') return { kind: 'direct', source };
    if ((kind === 'PROXY' || kind === 'HTTP') && hostPort) return proxyRoute(`http://${hostPort}`, source);
    if (kind === 'HTTPS' && hostPort) return proxyRoute(`https://${hostPort}`, source);
  }
  return { kind: 'direct', source: pac.trim() ? `${source}: no supported proxy type` : source };
}

function proxyRoute(url: string, source: string): ProxyRoute {
  return { kind: 'proxy', url, display: withoutCredentials(url), source };
}
