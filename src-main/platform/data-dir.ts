/** Where Bizlens keeps its settings and the sandbox's data when no --data-dir is given. */
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultDataDir(): string {
  if (process.env.BIZLENS_DATA_DIR) return process.env.BIZLENS_DATA_DIR;
  // Same place Electron's app.getPath('userData') uses, so both editions share settings.
  switch (process.platform) {
    case 'darwin':
      return join(homedir(), 'Library', 'Application Support', 'Bizlens');
    case 'win32':
      return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Bizlens');
    default:
      return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Bizlens');
  }
}
