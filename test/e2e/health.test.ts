// Ingestion health in Chromium against the web edition, by roles and accessible names: the data set
// (a silent provider, duplicate ids, events without type/provider) sent through the composer → the
// view's findings and panels → a panel's DQL opened in the editor → the canary probe → the report
// downloaded in both formats and scanned for secrets.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { KeytarCredentialStore } from '../../src-main/platform/keychain';
import { DEV_API_TOKEN, DEV_CLIENT_SECRET } from '../../src-main/sandbox/dev-credentials';
import { healthDataSet } from '../integration/health/data-set';
import { launchChromium, startWebEdition, type WebEdition } from '../support/web-edition';

let app: WebEdition;
let browser: Browser;
let page: Page;

const healthStatus = () => page.getByRole('status', { name: 'Health check status' }).textContent();
const findings = () => page.getByRole('list', { name: 'Findings' }).getByRole('listitem').allTextContents();

async function download(format: 'Markdown' | 'HTML'): Promise<{ name: string; text: string }> {
  await page.getByRole('combobox', { name: 'Report format' }).selectOption({ label: format });
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export report' }).click(),
  ]);
  const path = await file.path();
  return { name: file.suggestedFilename(), text: await readFile(path, 'utf8') };
}

beforeAll(async () => {
  app = await startWebEdition();
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  page = await context.newPage();
  await page.goto(app.url);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await new KeytarCredentialStore(app.keychainService).delete('environment:local-sandbox:client-secret');
});

describe('ingestion health', () => {
  it('loads the data set through the composer', async () => {
    await expect
      .poll(() => page.getByRole('status', { name: 'Environment status' }).textContent(), { timeout: 30_000 })
      .toMatch(/^Ready/);
    await page
      .getByRole('textbox', { name: 'Event payload' })
      .fill(JSON.stringify(healthDataSet(Date.now()), null, 2));
    await page.getByRole('button', { name: 'Send' }).click();
    await expect
      .poll(() => page.getByRole('status', { name: 'Send result' }).textContent(), { timeout: 20_000 })
      .toMatch(/202/);
  });

  it('opens the view and shows exactly the findings of the data set', async () => {
    await page.getByRole('button', { name: 'Ingestion health' }).click();
    expect(await page.getByRole('button', { name: 'Ingestion health' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    // Opening the view checks the last 2 hours by itself; let that check finish first.
    await expect.poll(healthStatus, { timeout: 30_000 }).toMatch(/^Checked /);
    const twoHours = await healthStatus();
    // The data set's silent provider sent in the hour before the last one.
    await page.getByRole('combobox', { name: 'Timeframe' }).selectOption({ label: 'Last hour' });
    await page.getByRole('button', { name: 'Run check' }).click();
    // One click, then wait: the status names the checked window, so the 2-hour result cannot pass.
    await expect
      .poll(
        async () => {
          const status = await healthStatus();
          return status === twoHours ? 'still the 2-hour result' : status;
        },
        { timeout: 30_000 },
      )
      .toMatch(/^Checked .*: 1 problem, 3 warnings\.$/);
    const texts = await findings();
    expect(texts).toHaveLength(4);
    expect(texts[0]).toContain('Provider “legacy.shop” went silent');
    expect(texts[1]).toContain('1 event without event.provider');
    expect(texts[2]).toContain('2 events without event.type');
    expect(texts[3]).toContain('2 event.ids stored more than once');
    const providers = page.getByRole('table', { name: 'Providers' });
    const legacy = providers.getByRole('row').filter({ hasText: 'legacy.shop' });
    expect(await legacy.getByRole('cell').nth(1).textContent()).toBe('Silent');
    const dups = page.getByRole('table', { name: 'Duplicate event.ids' });
    const dupA = dups.getByRole('row').filter({ hasText: 'health-dup-a' });
    expect(await dupA.getByRole('cell').nth(1).textContent()).toBe('3');
    const volume = page.getByRole('table', { name: 'Events per provider and type' });
    expect(await volume.getByRole('row').count()).toBe(4); // header + 3 provider/type pairs
    await page.getByRole('img', { name: /^Stacked bars of events/ }).waitFor();
    expect(await page.getByRole('table', { name: 'Event sizes' }).getByRole('row').count()).toBe(7);
    // The sizes are measured over a sample: the summary says how many events it holds.
    const sizes = page.getByRole('region', { name: 'Event size distribution' });
    expect(await sizes.getByText(/^Of the newest [\d,]+ events?: median /).count()).toBe(1);
  });

  it('shows each panel’s DQL and opens it in the editor', async () => {
    const panel = page.getByRole('region', { name: 'Duplicate event.ids' });
    await panel.getByText('DQL', { exact: true }).click();
    const dql = (await panel.getByLabel('DQL of “Duplicate event.ids”').textContent()) ?? '';
    expect(dql).toMatch(/^fetch bizevents, from: "/);
    await panel.getByRole('button', { name: 'Open “Duplicate event.ids” in editor' }).click();
    expect(await page.getByRole('button', { name: 'Explore' }).getAttribute('aria-pressed')).toBe('true');
    const tab = page.getByRole('tab', { name: 'Duplicate event.ids' });
    await tab.waitFor();
    expect(await tab.getAttribute('aria-selected')).toBe('true');
    await expect
      .poll(async () => {
        const lines = await page.getByRole('tabpanel').locator('.monaco-editor .view-line').allInnerTexts();
        return lines.join('\n').replace(/\u00a0/g, ' ');
      })
      .toContain('summarize copies = count()');
    await page.getByRole('button', { name: 'Ingestion health' }).click();
    // The view kept its results while hidden.
    expect(await findings()).toHaveLength(4);
  });

  it('runs the canary and shows the time until it was queryable', async () => {
    await page.getByRole('button', { name: 'Run canary' }).click();
    await expect
      .poll(() => page.getByRole('status', { name: 'Canary status' }).textContent(), { timeout: 30_000 })
      .toMatch(/^Queryable after \d/);
    const runs = page.getByRole('table', { name: 'Canary runs' }).getByRole('row');
    expect(await runs.count()).toBe(2);
    expect(await runs.nth(1).textContent()).toContain('manual');
    await page.getByRole('img', { name: /time until the canary was queryable/ }).waitFor();
  });

  it('exports the report as Markdown and HTML, with findings and without secrets', async () => {
    const md = await download('Markdown');
    expect(md.name).toMatch(/^bizlens-health-.+\.md$/);
    await expect
      .poll(() => page.getByRole('status', { name: 'Report export status' }).textContent())
      .toBe(`Downloaded ${md.name}.`);
    expect(md.text).toContain('Provider “legacy.shop” went silent');
    expect(md.text).toContain('## Canary probe (time until queryable)');
    expect(md.text).toMatch(/URL: http:\/\/127\.0\.0\.1:\d+/);
    const html = await download('HTML');
    expect(html.name).toMatch(/\.html$/);
    expect(html.text).toContain('<h2>Findings</h2>');
    const secret = await new KeytarCredentialStore(app.keychainService).get(
      'environment:local-sandbox:client-secret',
    );
    expect(secret).toBeTruthy();
    const token = new URL(app.url).hash.replace(/^#token=/, '');
    for (const text of [md.text, html.text])
      for (const s of [secret!, token, DEV_CLIENT_SECRET, DEV_API_TOKEN]) expect(text).not.toContain(s);
  });
});
