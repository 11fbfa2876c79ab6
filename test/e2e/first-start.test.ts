// The first-start journey in Chromium against the web edition, by roles and accessible names:
// paste the seed's pure-JSON event → Send → run `fetch bizevents` → the stored row appears.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { KeytarCredentialStore } from '../../src-main/platform/keychain';
import { ROOT, launchChromium, startWebEdition, type WebEdition } from '../support/web-edition';

const SEED_EVENT = {
  id: '2',
  paymentType: 'paypal',
  plannedDeliveryDate: '01.01.2024',
  'event.type': 'com.bizevent.single',
  'event.provider': 'custom.provider',
  total: 234,
  customer: { firstName: 'John', lastName: 'Doe' },
  orderItemsProductIDs: ['PR-102002002', 'QZ-123232'],
};

let app: WebEdition;
let browser: Browser;
let page: Page;
const socketFrames: string[] = [];

beforeAll(async () => {
  app = await startWebEdition();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('websocket', (ws) => {
    ws.on('framereceived', (f) => socketFrames.push(String(f.payload)));
    ws.on('framesent', (f) => socketFrames.push(String(f.payload)));
  });
  await page.goto(app.url);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await new KeytarCredentialStore(app.keychainService).delete('environment:local-sandbox:client-secret');
});

describe('first start on the embedded sandbox', () => {
  it('signs in with the launch secret and removes it from the address bar', async () => {
    await page.getByRole('combobox', { name: 'Environment' }).waitFor();
    expect(page.url()).not.toContain('token=');
  });

  it('selects the Local sandbox, ready, with secrets in the OS keychain', async () => {
    const env = page.getByRole('combobox', { name: 'Environment' });
    await expect
      .poll(() => env.locator('option:checked').textContent(), { timeout: 15_000 })
      .toContain('Local sandbox');
    await expect
      .poll(() => page.getByRole('status', { name: 'Secret storage' }).textContent(), { timeout: 15_000 })
      .toMatch(/keychain/i);
    await expect
      .poll(() => page.getByRole('status', { name: 'Environment status' }).textContent(), { timeout: 20_000 })
      .toMatch(/^Ready/);
  });

  it('sends the seed event from the composer and gets 202', async () => {
    await page.getByRole('textbox', { name: 'Event payload' }).fill(JSON.stringify(SEED_EVENT, null, 2));
    const preview = page.getByRole('table', { name: 'Stored fields' });
    await preview.getByRole('cell', { name: 'BIZ_EVENT' }).waitFor();
    await page.getByRole('button', { name: 'Send' }).click();
    await expect
      .poll(() => page.getByRole('status', { name: 'Send result' }).textContent(), { timeout: 20_000 })
      .toMatch(/202/);
  });

  it('runs fetch bizevents and shows the stored, flattened event', async () => {
    const editor = page.getByRole('textbox', { name: /DQL query/ });
    await editor.focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('fetch bizevents');
    await page.keyboard.press('Control+Enter');
    const grid = page.getByRole('table', { name: 'Query results' });
    await grid.getByText('{"firstName":"John","lastName":"Doe"}').waitFor({ timeout: 20_000 });
    await grid.getByText('BIZ_EVENT').waitFor();
    const headers = await grid.getByRole('columnheader').allTextContents();
    for (const name of ['timestamp', 'event.id', 'event.kind', 'customer', 'orderItemsProductIDs']) {
      expect(headers.some((h) => h.includes(name))).toBe(true);
    }
    await expect
      .poll(() => page.getByRole('status', { name: 'Query status' }).textContent(), { timeout: 15_000 })
      .toMatch(/1 record/);
    await grid
      .getByText(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
      .first()
      .waitFor();
    await grid.getByText('["PR-102002002","QZ-123232"]').waitFor();
    await mkdir(join(ROOT, 'docs'), { recursive: true });
    await page.screenshot({ path: join(ROOT, 'docs/screenshot.png') });
  });

  it('never lets a secret reach the page', async () => {
    const secret = await new KeytarCredentialStore(app.keychainService).get(
      'environment:local-sandbox:client-secret',
    );
    expect(secret).toBeTruthy();
    const html = await page.content();
    expect(html).not.toContain(secret!);
    expect(socketFrames.length).toBeGreaterThan(0);
    for (const frame of socketFrames) {
      expect(frame).not.toContain(secret!);
      expect(frame).not.toMatch(/Bearer |access_token|eyJ[A-Za-z0-9_-]{10,}\./);
    }
    expect(app.stderr()).not.toContain(secret!);
    expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe(
      'undefined',
    );
  });
});
