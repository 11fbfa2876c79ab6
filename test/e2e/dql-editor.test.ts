// The DQL editor in Chromium against the web edition, by roles and accessible names: a typo gets
// a marker with a quick fix, completion inserts a command, Ctrl+Enter runs, Esc cancels, Format
// tidies up, Validate checks offline, the timeframe picker says when the query overrides it, and
// tabs keep their own queries.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { KeytarCredentialStore } from '../../src-main/platform/keychain';
import { launchChromium, startWebEdition, type WebEdition } from '../support/web-edition';

let app: WebEdition;
let browser: Browser;
let page: Page;
let editor: Locator;

/** The visible tab's editor text as shown (Monaco renders spaces as U+00A0). */
async function editorText(): Promise<string> {
  const lines = await page.getByRole('tabpanel').locator('.monaco-editor .view-line').allInnerTexts();
  return lines.join('\n').replace(/\u00a0/g, ' ');
}

async function replaceQuery(text: string): Promise<void> {
  await editor.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

/** query:execute answers held back by the test (a slow server), and what the page sent. */
let holdAnswers = false;
const held: (() => void)[] = [];
const sent: { channel: string; args: unknown[] }[] = [];
/** The request of the last call the page made on a channel. */
const lastRequest = (channel: string) => [...sent].reverse().find((s) => s.channel === channel)?.args[0];

beforeAll(async () => {
  app = await startWebEdition();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.routeWebSocket(/\/ipc$/, (ws) => {
    const server = ws.connectToServer();
    const executing = new Set<number>();
    ws.onMessage((m) => {
      const msg = JSON.parse(String(m)) as { t: string; id: number; channel: string; args: unknown[] };
      sent.push({ channel: msg.channel, args: msg.args });
      if (msg.channel === 'query:execute') executing.add(msg.id);
      server.send(m);
    });
    server.onMessage((m) => {
      const msg = JSON.parse(String(m)) as { t: string; id?: number };
      if (holdAnswers && msg.t === 'reply' && msg.id !== undefined && executing.has(msg.id)) {
        held.push(() => ws.send(m));
      } else ws.send(m);
    });
  });
  await page.goto(app.url);
  editor = page.getByRole('textbox', { name: /DQL query/ });
  await editor.waitFor();
  await page
    .getByRole('status', { name: 'Environment status' })
    .filter({ hasText: /^Ready/ })
    .waitFor({ timeout: 30_000 });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await new KeytarCredentialStore(app.keychainService).delete('environment:local-sandbox:client-secret');
});

describe('DQL editor', () => {
  it('marks a typo where it is and offers the nearest command as a quick fix', async () => {
    await replaceQuery('fetch bizevents | limt 10');
    const squiggle = page.locator('.monaco-editor .squiggly-error');
    await squiggle.first().waitFor();
    // F8 opens the problem under the cursor: its message names the typo and the fix.
    await page.keyboard.press('Home');
    await page.keyboard.press('F8');
    const problem = page.getByText("There's no command `limt`. Did you mean `limit`?");
    await problem.first().waitFor();
    await page.keyboard.press('Escape');
    // Put the cursor on the typo and apply the quick fix (Ctrl+.).
    await page.keyboard.press('End');
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Control+.');
    const fix = page.getByRole('option', { name: /Change to `limit`/ });
    await fix.waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(editorText).toBe('fetch bizevents | limit 10');
    await expect.poll(() => squiggle.count()).toBe(0);
  });

  it('completes a command after the pipe', async () => {
    await replaceQuery('fetch bizevents\n| ');
    await page.keyboard.type('so');
    const suggestions = page.getByRole('listbox', { name: /Suggest/ });
    await suggestions.getByRole('option', { name: /^sort/ }).waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(editorText).toMatch(/^fetch bizevents\n\| sort $/);
    await page.keyboard.press('Escape');
    await page.keyboard.type('timestamp desc');
    await expect.poll(editorText).toBe('fetch bizevents\n| sort timestamp desc');
  });

  it('runs the query with Ctrl+Enter', async () => {
    await page.keyboard.press('Control+Enter');
    await expect
      .poll(() => page.getByRole('status', { name: 'Query status' }).textContent(), { timeout: 30_000 })
      .toMatch(/\d+ records? ·/);
  });

  it('cancels a running query with Esc', async () => {
    holdAnswers = true;
    await replaceQuery('fetch bizevents | limit 5');
    await page.keyboard.press('Control+Enter');
    const status = page.getByRole('status', { name: 'Query status' });
    await status.filter({ hasText: 'Running' }).waitFor();
    await page.keyboard.press('Escape');
    await status.filter({ hasText: 'Cancelling' }).waitFor();
    const { requestId } = lastRequest('query:execute') as { requestId: string };
    expect(lastRequest('query:cancel')).toEqual({ requestId });
    holdAnswers = false;
    for (const release of held.splice(0)) release();
    await status.filter({ hasText: /record|cancelled/ }).waitFor();
  });

  it('formats the document (Shift+Alt+F and the Format button)', async () => {
    await replaceQuery('FETCH bizevents|FILTER event.type=="a"|LIMIT 5');
    await page.keyboard.press('Shift+Alt+F');
    await expect.poll(editorText).toBe('fetch bizevents\n| filter event.type == "a"\n| limit 5');
    await replaceQuery('fetch bizevents|limit 1');
    await page.getByRole('button', { name: 'Format' }).click();
    await expect.poll(editorText).toBe('fetch bizevents\n| limit 1');
  });

  it('validates without running', async () => {
    const executions = sent.filter((s) => s.channel === 'query:execute').length;
    await replaceQuery('fetch bizevents | filter contains(event.type)');
    await page.getByRole('button', { name: 'Validate' }).click();
    await expect
      .poll(() => page.getByRole('status', { name: 'Validation result' }).textContent())
      .toBe('1 error. First, at 1:26: The function `contains()` needs the argument `substring`.');
    await replaceQuery('fetch bizevents | limit 1');
    await page.getByRole('button', { name: 'Validate' }).click();
    await expect
      .poll(() => page.getByRole('status', { name: 'Validation result' }).textContent())
      .toBe('No problems found.');
    expect(sent.filter((s) => s.channel === 'query:execute').length).toBe(executions);
  });

  it('sends the picked timeframe and says when the query overrides it', async () => {
    const picker = page.getByRole('combobox', { name: 'Timeframe' });
    expect(await picker.locator('option:checked').textContent()).toBe('Last 2 hours');
    await picker.selectOption({ label: 'Last 24 hours' });
    await replaceQuery('fetch bizevents | limit 1');
    const before = sent.filter((s) => s.channel === 'query:execute').length;
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => sent.filter((s) => s.channel === 'query:execute').length).toBe(before + 1);
    const request = lastRequest('query:execute') as {
      defaultTimeframeStart: string;
      defaultTimeframeEnd: string;
    };
    const span = Date.parse(request.defaultTimeframeEnd) - Date.parse(request.defaultTimeframeStart);
    expect(span).toBe(24 * 3_600_000);
    expect(await page.getByRole('note').count()).toBe(0);
    await replaceQuery('fetch bizevents, from: -1h | limit 1');
    await expect
      .poll(() => page.getByRole('note').textContent())
      .toBe('The query sets its own from:, which overrides this timeframe.');
    await picker.selectOption({ label: 'Custom range…' });
    await page.getByLabel('From', { exact: true }).fill('2024-05-01T10:00');
    await page.getByLabel('To', { exact: true }).fill('2024-05-01T09:00');
    await page.getByRole('alert').filter({ hasText: 'The start must be before the end.' }).waitFor();
    expect(await page.getByRole('button', { name: 'Run query' }).isDisabled()).toBe(true);
    await picker.selectOption({ label: 'Last 2 hours' });
  });

  it('keeps a query per tab', async () => {
    await replaceQuery('fetch bizevents | limit 1');
    await page.getByRole('button', { name: 'New query tab' }).click();
    await expect
      .poll(() => page.getByRole('tab', { name: 'Query 2' }).getAttribute('aria-selected'))
      .toBe('true');
    await editor.waitFor();
    await replaceQuery('fetch logs');
    await page.getByRole('tab', { name: 'Query 1' }).click();
    await expect.poll(editorText).toBe('fetch bizevents | limit 1');
    await page.getByRole('tab', { name: 'Query 2' }).click();
    await expect.poll(editorText).toBe('fetch logs');
    await page.getByRole('button', { name: 'Close Query 2' }).click();
    expect(await page.getByRole('tab').count()).toBe(1);
    await expect.poll(editorText).toBe('fetch bizevents | limit 1');
  });

  it('keeps every run in a searchable history that survives a reload', async () => {
    await replaceQuery('fetch bizevents | limit 7');
    await page.keyboard.press('Control+Enter');
    await page
      .getByRole('status', { name: 'Query status' })
      .filter({ hasText: /record/ })
      .waitFor();
    await page.reload();
    await page
      .getByRole('status', { name: 'Environment status' })
      .filter({ hasText: /^Ready/ })
      .waitFor();
    await page.getByRole('button', { name: 'History' }).click();
    const history = page.getByRole('region', { name: 'Query history' });
    await history.getByRole('searchbox', { name: 'Search history' }).fill('limit 7');
    const item = history.getByRole('listitem').filter({ hasText: 'fetch bizevents | limit 7' });
    await item.waitFor();
    expect(await history.getByRole('listitem').count()).toBe(1);
    expect(await item.textContent()).toMatch(/Last 2 hours · .* · \d+ records?/);
    await item.getByRole('button', { name: 'Star' }).click();
    await item.getByRole('button', { name: 'Unstar' }).waitFor();
    await item.getByRole('button', { name: 'Open in new tab' }).click();
    await expect
      .poll(() => page.getByRole('tab', { name: 'Query 2' }).getAttribute('aria-selected'))
      .toBe('true');
    await expect.poll(editorText).toBe('fetch bizevents | limit 7');
  });
});
