/**
 * Which proxy the environment configures for a URL (HTTPS_PROXY / HTTP_PROXY / NO_PROXY, upper or
 * lower case, as curl reads them). `url` has credentials stripped and may be shown; `rawUrl` is
 * what the HTTP client uses and is never shown or logged.
 */
export interface ProxySetting {
  /** The proxy URL without user name or password. */
  url: string;
  /** The proxy URL as configured (may carry credentials). */
  rawUrl: string;
  variable: string;
}

const VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'] as const;

/** True when any proxy variable is set (then the environment, not the OS settings, decides). */
export function hasProxyVariables(env: NodeJS.ProcessEnv = process.env): boolean {
  return VARIABLES.some((name) => !!env[name]);
}

export function proxyFor(target: string, env: NodeJS.ProcessEnv = process.env): ProxySetting | null {
  let u: URL;
  try {
    u = new URL(target);
  } catch {
    return null;
  }
  if (bypassed(u.hostname, u.port, env.NO_PROXY ?? env.no_proxy ?? '')) return null;
  const names = u.protocol === 'https:' ? ['HTTPS_PROXY', 'https_proxy'] : ['HTTP_PROXY', 'http_proxy'];
  for (const variable of names) {
    const value = env[variable]?.trim();
    if (value) return { url: withoutCredentials(value), rawUrl: withScheme(value), variable };
  }
  return null;
}

function bypassed(host: string, port: string, noProxy: string): boolean {
  for (const raw of noProxy.split(/[\s,]+/)) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') return true;
    const [name, entryPort] = entry.split(':') as [string, string | undefined];
    if (entryPort && entryPort !== port) continue;
    const bare = name.replace(/^\*?\./, '');
    if (host === bare || host.endsWith(`.${bare}`)) return true;
  }
  return false;
}

/** curl accepts `proxy.corp:3128` without a scheme and assumes http. */
function withScheme(value: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
}

export function withoutCredentials(value: string): string {
  try {
    const u = new URL(withScheme(value));
    u.username = '';
    u.password = '';
    return u.toString().replace(/\/$/, '');
  } catch {
    return '(unparseable proxy setting)';
  }
}
