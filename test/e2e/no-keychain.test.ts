// Without a reachable OS keychain the app says so and waits for the user's explicit, visible choice
// of session-only secrets; it never silently stores secrets elsewhere.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, startWebEdition, type WebEdition } from '../support/web-edition';

let app: WebEdition;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  // A session bus address that leads nowhere: libsecret cannot reach any Secret Service.
  app = await startWebEdition({
    DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bizlens-bus',
    DISPLAY: '',
  });
  browser = await launchChromium();
  page = await browser.newPage();
  await page.goto(app.url);
  await page.getByRole('combobox', { name: 'Environment' }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('no OS keychain', () => {
  it('warns, and the sandbox waits for a decision', async () => {
    await expect
      .poll(() => page.getByRole('status', { name: 'Secret storage' }).textContent(), { timeout: 15_000 })
      .toMatch(/no secret storage/i);
    await page.getByRole('button', { name: 'Use session-only secrets' }).waitFor();
    await expect
      .poll(
        () => page.getByRole('combobox', { name: 'Environment' }).locator('option:checked').textContent(),
        { timeout: 15_000 },
      )
      .toContain('Local sandbox');
  });

  it('runs on session-only secrets once chosen, and says so', async () => {
    await page.getByRole('button', { name: 'Use session-only secrets' }).click();
    await expect
      .poll(() => page.getByRole('status', { name: 'Secret storage' }).textContent(), { timeout: 15_000 })
      .toMatch(/session/i);
    await expect
      .poll(() => page.getByRole('status', { name: 'Environment status' }).textContent(), { timeout: 20_000 })
      .toMatch(/^Ready/);
    await page.getByRole('button', { name: 'Run query' }).click();
    await expect
      .poll(() => page.getByRole('status', { name: 'Query status' }).textContent(), { timeout: 20_000 })
      .toMatch(/0 records|no records/i);
  });

  it('wrote no secret to disk', async () => {
    const settings = await readFile(join(app.dataDir, 'settings.json'), 'utf8');
    expect(settings).not.toMatch(/secret|dt0s02\.[A-Z0-9]{8}\.[A-Z0-9]{64}/i);
    const files = await readdir(app.dataDir, { recursive: true });
    expect(files.some((f) => /secret|credential/i.test(String(f)))).toBe(false);
  });
});
