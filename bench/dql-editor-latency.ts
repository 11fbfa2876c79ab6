/**
 * Keystroke to updated markers in Chromium (Playwright) on the real web edition: with a 200-line
 * query in the editor, each keystroke at its end alternately makes and fixes an error (`100` →
 * `100x` → `100`); the time from the key's `keydown` to the squiggle appearing or going (a DOM
 * mutation, so rendering is included) is recorded. Then, on the same page, the composer's preview
 * of a ~100 KB payload (goal < 16 ms per update): each edit's flatten time as the app measures it,
 * and the time from the edit to the updated preview table drawn, beside the floor: the same
 * keystroke in a plain uncontrolled <textarea> holding the same text, drawn.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Page } from 'playwright-core';
import { ensureWebBuild } from '../src-main/web/build-check';
import { longQuery } from './dql-language';
import { seedEvent } from './seed-events';

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

const EDITS = 12;

// Runs in the page: puts the payload in the textarea once, with the caret before the first event's
// `total` value. Then, for each keystroke made with `window.__preview.marker` set, records the ms
// from its keydown until the frame that first shows the marker in the preview's field table is done
// (the animation frame after it), timed in the page like the floor, not across the CDP round trip.
// The probe listens for input after the app's handlers, so it looks after any update the app makes
// in the next animation frame.
const SET_PAYLOAD = `(area, text) => {
  Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value').set.call(area, text);
  area.dispatchEvent(new Event('input', { bubbles: true }));
  area.focus();
  const at = text.indexOf('"total": ') + '"total": '.length;
  area.setSelectionRange(at, at);
  let keyAt;
  area.addEventListener('keydown', (e) => (keyAt = e.timeStamp), true);
  const probe = { marker: undefined, samples: [] };
  window.__preview = probe;
  const frame = () => new Promise((r) => requestAnimationFrame(r));
  const shown = (marker) => [...document.querySelectorAll('[aria-label="Grail preview"] td')].some((td) => td.textContent === marker);
  window.addEventListener('input', async () => {
    const { marker } = probe;
    const from = keyAt;
    if (marker === undefined) return;
    probe.marker = undefined;
    do await frame();
    while (!shown(marker));
    await frame();
    probe.samples.push(performance.now() - from);
  });
}`;

// Runs in the page: the floor. A plain uncontrolled textarea outside the app (no React, no
// listeners but this one), styled and sized as the payload editor and over it, holding the same
// text with the caret at the same place; each keydown records the ms until the second animation
// frame after it, when the frame showing the new character is done.
const ADD_FLOOR = `(area, text) => {
  const floor = document.createElement('textarea');
  floor.className = area.className;
  floor.wrap = 'off';
  floor.spellcheck = false;
  const box = area.getBoundingClientRect();
  Object.assign(floor.style, { position: 'fixed', zIndex: '1000', left: box.left + 'px', top: box.top + 'px', width: box.width + 'px', height: box.height + 'px' });
  floor.value = text;
  document.body.append(floor);
  const samples = [];
  window.__floor = { element: floor, samples };
  floor.addEventListener('keydown', (e) => {
    const at = e.timeStamp;
    requestAnimationFrame(() => requestAnimationFrame(() => samples.push(performance.now() - at)));
  });
  floor.focus();
  const caret = text.indexOf('"total": ') + '"total": '.length;
  floor.setSelectionRange(caret, caret);
}`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const max = (xs: number[]) => Math.max(...xs);
const figures = (xs: number[], floor?: number) =>
  `median ${median(xs).toFixed(1).padStart(5)} ms   max ${max(xs).toFixed(1).padStart(5)} ms` +
  (floor === undefined ? '' : `   (${(median(xs) / floor).toFixed(2)}× the floor)`);

/**
 * The composer's live preview while typing in a ~100 KB payload: each keystroke puts a digit in
 * front of the first event's `total`; per keystroke, the flatten time as the app measures it and
 * the time from keydown to the new value drawn in the preview table. First the floor: the same
 * keystrokes in a plain textarea with the same text on the same page, then removed.
 */
async function composerPreview(page: Page): Promise<void> {
  const events = Array.from({ length: 340 }, (_, i) => seedEvent(i));
  const text = JSON.stringify(events, null, 2);
  const summary = page.getByRole('region', { name: 'Grail preview' }).locator('.preview-summary');
  const payload = page.getByRole('textbox', { name: 'Event payload' });
  // The page functions are source (no DOM types here): evaluated in the page, then called.
  const withPayload = (source: string) =>
    payload.evaluate((el, [s, arg]) => (0, eval)(s)(el, arg) as void, [source, text] as const);

  await withPayload(ADD_FLOOR);
  for (let edit = 1; edit <= EDITS; edit++) {
    await page.keyboard.press('1');
    await page.waitForFunction(`window.__floor.samples.length >= ${edit}`, undefined, { polling: 50 });
  }
  const floor = (await page.evaluate('window.__floor.samples')) as number[];
  await page.evaluate('window.__floor.element.remove(); delete window.__floor');

  await withPayload(SET_PAYLOAD);
  const flatten: number[] = [];
  for (let edit = 1; edit <= EDITS; edit++) {
    await page.evaluate(`window.__preview.marker = '${'1'.repeat(edit)}0'`);
    await page.keyboard.press('1');
    await page.waitForFunction(`window.__preview.samples.length >= ${edit}`, undefined, { polling: 50 });
    flatten.push(Number(/· ([\d.]+) ms$/.exec((await summary.textContent()) ?? '')?.[1]));
  }
  const shown = (await page.evaluate('window.__preview.samples')) as number[];
  const base = median(floor);
  console.log(
    `\nComposer preview in Chromium while typing in a ${(text.length / 1024).toFixed(0)} KiB payload, ${EDITS} keystrokes (goal < 16 ms per update)`,
  );
  console.log(
    `  ${'floor: plain <textarea>, keydown to drawn'.padEnd(44)} ${figures(floor)}   (the browser alone)`,
  );
  console.log(`  ${'flatten + warnings (app-measured)'.padEnd(44)} ${figures(flatten, base)}`);
  console.log(
    `  ${'keydown to preview table drawn'.padEnd(44)} ${figures(shown, base)}   (textarea, React render, layout, paint)`,
  );
}

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
    await composerPreview(page);
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
