/**
 * The OS proxy settings (system settings, PAC files, WPAD) as Chromium resolves them for a URL.
 * Thin on purpose: the PAC answer is parsed by platform/proxy-resolver.ts, which is tested.
 */
import type { Session } from 'electron';
import { routeFromPac, type ProxyResolver } from '../platform/proxy-resolver';

export function systemProxyResolver(session: Pick<Session, 'resolveProxy'>): ProxyResolver {
  return {
    resolve: async (url) => routeFromPac(await session.resolveProxy(url), 'system proxy settings'),
  };
}
