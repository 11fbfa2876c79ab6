// `npm start`: the desktop app on the embedded sandbox. Electron's binary is downloaded on first
// use; where it is missing (offline machines) say so in one line and start the web edition.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const root = join(dirname(new URL(import.meta.url).pathname), '..');

function electronBinary() {
  try {
    const pkgDir = dirname(require.resolve('electron/package.json'));
    const pathFile = join(pkgDir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const bin = join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

function run(command, args) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 1));
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
}

const extra = process.argv.slice(2);
if (electronBinary()) {
  run(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'preview', ...extra]);
} else {
  process.stderr.write(
    'Electron binary not installed (run "npx install-electron" online); starting the web edition instead.\n',
  );
  run(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), 'src-main/web/cli.ts', ...extra]);
}
