/**
 * Keystroke to updated markers in Chromium (Playwright) on the real web edition: with a 200-line
 * query in the editor, each keystroke at its end alternately makes and fixes an error (`100` →
 * `100x` → `100`); the time from the key's `keydown` to the squiggle appearing or going (a DOM
 * mutation, so rendering is included) is recorded.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { ensureWebBuild } from '../src-main/web/build-check';
import { longQuery } from './dql-language';

const ROOT = resolve(import.meta.dirname, '..');
const KEYSTROKES = 40;

// Runs in the page (passed as source: this project has no DOM types).
const INSTALL_PROBE = `(() => {
  const probe = { samples: [] };
  window.__probe = probe;
  let keyAt;
  let last = document.querySelectorAll('.monaco-editor .squiggly-error').length;
  window.addEventListener('keydown', (e) => (keyAt = e.timeStamp), true);
  new MutationObserver(() => {
    const n = document.querySelectorAll('.monaco-editor .squiggly-error').length;
    if (n === last || keyAt === undefined) return;
    last = n;
    probe.samples.push(performance.now() - keyAt);
    keyAt = undefined;
  }).observe(document.querySelector('.monaco-editor') ?? document.body, {
    subtree: true,
    childList: true,
    attributes: true,
  });
})()`;

export async function dqlEditorLatency(): Promise<void> {
  await ensureWebBuild(ROOT);
  const dataDir = await mkdtemp(join(tmpdir(), 'bizlens-bench-editor-'));
  const keychainService = `dev.bizlens.bench.${randomUUID()}`;
  // The web edition (with its sandbox and DuckDB) runs as its own process, as `npm run web` does,
  // so its threads neither disturb this process's other measurements nor are counted here.
  const web = spawn(
    process.execPath,
    [
      join(ROOT, 'node_modules/tsx/dist/cli.mjs'),
      'src-main/web/cli.ts',
      '--port',
      '0',
      '--no-open',
      '--data-dir',
      dataDir,
    ],
    {
      cwd: ROOT,
      env: { ...process.env, BIZLENS_KEYCHAIN_SERVICE: keychainService },
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  );
  const [first] = (await once(createInterface({ input: web.stdout }), 'line')) as [string];
  const { url } = JSON.parse(first) as { url: string };
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  try {
    // The probe is passed as source (this project has no DOM types); the app's CSP forbids eval.
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, bypassCSP: true });
    await page.goto(url);
    const editor = page.getByRole('textbox', { name: /DQL query/ });
    await editor.waitFor();
    await editor.focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(longQuery());
    await page.keyboard.press('Control+End');
    await page.waitForFunction("document.querySelectorAll('.monaco-editor .squiggly-error').length === 0");
    await page.evaluate(INSTALL_PROBE);
    for (let i = 0; i < KEYSTROKES; i++) {
      await page.keyboard.press(i % 2 === 0 ? 'x' : 'Backspace');
      await page.waitForFunction(`window.__probe.samples.length >= ${i + 1}`);
    }
    const samples = ((await page.evaluate('window.__probe.samples')) as number[]).sort((a, b) => a - b);
    const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? NaN;
    console.log(
      `\nKeystroke to updated markers in Chromium, 200-line query, ${samples.length} keystrokes (goal < 100 ms)`,
    );
    console.log(
      `  median ${at(0.5).toFixed(1)} ms   p90 ${at(0.9).toFixed(1)} ms   max ${at(1).toFixed(1)} ms   (includes the 40 ms debounce)`,
    );
  } finally {
    await browser.close();
    const exited = once(web, 'exit');
    web.kill('SIGTERM');
    await exited;
    await rm(dataDir, { recursive: true, force: true });
    // Loaded only here (its native threads would count towards other measurements' CPU time).
    // Without a keychain there is nothing to clean up.
    const { KeytarCredentialStore } = await import('../src-main/platform/keychain');
    await new KeytarCredentialStore(keychainService)
      .delete('environment:local-sandbox:client-secret')
      .catch(() => undefined);
  }
}
