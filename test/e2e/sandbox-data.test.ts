// Sandbox data management in Chromium against the web edition, by roles and accessible names:
// load the bike-rental sample, see the count, query it, inject and reject faults, clear it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { KeytarCredentialStore } from '../../src-main/platform/keychain';
import { SAMPLE_SIZES } from '../../src-main/services/sandbox-samples';
import { launchChromium, startWebEdition, type WebEdition } from '../support/web-edition';

let app: WebEdition;
let browser: Browser;
let page: Page;
let dialog: Locator;

const eventCount = () => dialog.getByRole('status', { name: 'Event count' }).textContent();

async function runQuery(text: string): Promise<void> {
  const editor = page.getByRole('textbox', { name: /DQL query/ });
  await editor.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
  await page.keyboard.press('Control+Enter');
}

beforeAll(async () => {
  app = await startWebEdition();
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  await page.goto(app.url);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await new KeytarCredentialStore(app.keychainService).delete('environment:local-sandbox:client-secret');
});

describe('sandbox data', () => {
  it('loads the bike-rental sample and shows the count and size', async () => {
    await expect
      .poll(() => page.getByRole('status', { name: 'Environment status' }).textContent(), { timeout: 30_000 })
      .toMatch(/^Ready/);
    await page.getByRole('button', { name: 'Sandbox data' }).click();
    dialog = page.getByRole('dialog', { name: 'Sandbox data' });
    await expect.poll(eventCount, { timeout: 20_000 }).toBe('0 events');
    await dialog.getByRole('button', { name: 'Load bike rentals' }).click();
    await expect
      .poll(eventCount, { timeout: 30_000 })
      .toBe(`${SAMPLE_SIZES['bike-rental'].toLocaleString('en-US')} events`);
    expect(await dialog.getByRole('status', { name: 'Size on disk' }).textContent()).toMatch(
      /^[\d.]+ (B|KB|MB) on disk$/,
    );
  });

  it('rejects a bad fault spec with its column and applies a good one', async () => {
    const spec = dialog.getByRole('textbox', { name: 'Fault spec' });
    await spec.fill('429=0.1,latency=9-1');
    await dialog.getByRole('button', { name: 'Apply faults' }).click();
    await expect
      .poll(() => dialog.getByRole('alert').textContent())
      .toContain("column 17: 'latency' minimum 9 is above its maximum 1");
    await spec.fill('latency=1,seed=5');
    await dialog.getByRole('button', { name: 'Apply faults' }).click();
    await expect
      .poll(() => dialog.getByRole('status', { name: 'Faults in force' }).textContent())
      .toBe('Injecting: latency=1,seed=5');
    await dialog.getByRole('button', { name: 'Turn faults off' }).click();
    await expect
      .poll(() => dialog.getByRole('status', { name: 'Faults in force' }).textContent())
      .toBe('No faults injected.');
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  it('queries the loaded events', async () => {
    await runQuery('fetch bizevents\n| summarize n = count(), by: {event.provider}');
    await expect
      .poll(() => page.getByRole('status', { name: 'Query status' }).textContent(), { timeout: 30_000 })
      .toMatch(/1 record/);
    const grid = page.getByRole('table', { name: 'Query results' });
    await grid.getByRole('cell', { name: 'bizlens.sample.bike-rental', exact: true }).waitFor();
    const count = String(SAMPLE_SIZES['bike-rental']);
    await grid.getByRole('cell', { name: new RegExp(`^${count[0]},?${count.slice(1)}$`) }).waitFor();
  });

  it('clears the data only after confirmation', async () => {
    await page.getByRole('button', { name: 'Sandbox data' }).click();
    dialog = page.getByRole('dialog', { name: 'Sandbox data' });
    await expect
      .poll(eventCount, { timeout: 20_000 })
      .toBe(`${SAMPLE_SIZES['bike-rental'].toLocaleString('en-US')} events`);
    await dialog.getByRole('button', { name: 'Clear all events…' }).click();
    const confirm = dialog.getByRole('group', { name: 'Confirm clearing' });
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect(await eventCount()).toBe(`${SAMPLE_SIZES['bike-rental'].toLocaleString('en-US')} events`);
    await dialog.getByRole('button', { name: 'Clear all events…' }).click();
    await confirm.getByRole('button', { name: 'Delete all events' }).click();
    await expect.poll(eventCount, { timeout: 20_000 }).toBe('0 events');
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  it('keeps a fault spec typed before the dialog has its status', async () => {
    // The status replies are held until the spec is typed (a slow sandbox answering late).
    let hold = true;
    const held: (() => void)[] = [];
    await page.routeWebSocket(/\/ipc$/, (ws) => {
      const server = ws.connectToServer();
      const statusCalls = new Set<number>();
      ws.onMessage((m) => {
        const msg = JSON.parse(String(m)) as { id: number; channel: string };
        if (msg.channel === 'sandbox:status') statusCalls.add(msg.id);
        server.send(m);
      });
      server.onMessage((m) => {
        const msg = JSON.parse(String(m)) as { t: string; id?: number };
        if (hold && msg.t === 'reply' && statusCalls.has(msg.id ?? -1)) held.push(() => ws.send(m));
        else ws.send(m);
      });
    });
    await page.reload();
    await expect
      .poll(() => page.getByRole('status', { name: 'Environment status' }).textContent(), { timeout: 30_000 })
      .toMatch(/^Ready/);
    await page.getByRole('button', { name: 'Sandbox data' }).click();
    dialog = page.getByRole('dialog', { name: 'Sandbox data' });
    const spec = dialog.getByRole('textbox', { name: 'Fault spec' });
    await spec.fill('latency=2,seed=9');
    await expect.poll(() => held.length).toBeGreaterThan(0);
    hold = false;
    for (const release of held.splice(0)) release();
    await expect.poll(eventCount).toBe('0 events'); // the status arrived
    expect(await spec.inputValue()).toBe('latency=2,seed=9');
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  it('keeps the keyboard focus on the dialog through loading a sample and clearing', async () => {
    // The buttons are disabled while an action runs, and the confirmation replaces the Clear
    // button: the focus once fell to the page body each time, and Tab started again from the top.
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement;
        return el === document.body ? 'body' : (el?.textContent ?? '');
      });
    await page.getByRole('button', { name: 'Sandbox data' }).click();
    dialog = page.getByRole('dialog', { name: 'Sandbox data' });
    await expect.poll(eventCount, { timeout: 20_000 }).toBe('0 events');
    await dialog.getByRole('button', { name: 'Load checkout funnel' }).focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(eventCount, { timeout: 30_000 })
      .toBe(`${SAMPLE_SIZES['checkout-funnel'].toLocaleString('en-US')} events`);
    await expect.poll(focused).toBe('Load checkout funnel');
    await dialog.getByRole('button', { name: 'Clear all events…' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(focused).toBe('Cancel');
    await page.keyboard.press('Enter');
    await expect.poll(focused).toBe('Clear all events…');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Shift+Tab');
    expect(await focused()).toBe('Delete all events');
    await page.keyboard.press('Enter');
    await expect.poll(eventCount, { timeout: 20_000 }).toBe('0 events');
    // Nothing is left to clear: the focus goes to Close, not to the body.
    await expect.poll(focused).toBe('Close');
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.count()).toBe(0);
  });
});
