/**
 * Which proxy the environment configures for a URL (HTTPS_PROXY / HTTP_PROXY / NO_PROXY, upper or
 * lower case, as curl reads them). Credentials in a proxy URL are stripped before it is shown.
 */
export interface ProxySetting {
  /** The proxy URL without user name or password. */
  url: string;
  variable: string;
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
    const value = env[variable];
    if (value) return { url: withoutCredentials(value), variable };
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

function withoutCredentials(value: string): string {
  try {
    const u = new URL(value);
    u.username = '';
    u.password = '';
    return u.toString().replace(/\/$/, '');
  } catch {
    return '(unparseable proxy setting)';
  }
}
