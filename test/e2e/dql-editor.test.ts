// The DQL editor in Chromium against the web edition, by roles and accessible names: a typo gets
// a marker with a quick fix, completion inserts a command, Ctrl+Enter runs, Esc cancels, Format
// tidies up, Validate checks offline, the timeframe picker says when the query overrides it, tabs
// keep their own queries and environments, Grail's verify adds what only the server knows, the
// statement under the cursor runs, limits and the cost guard apply, queries are saved (by name and
// as files), a closed tab comes back, F1 lists the shortcuts, and the history survives a restart.
import { readFile } from 'node:fs/promises';
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
const executions = () => sent.filter((s) => s.channel === 'query:execute').length;
/** How many query:execute answers reached the page. */
let answered = 0;

async function waitForReady(): Promise<void> {
  await page
    .getByRole('status', { name: 'Environment status' })
    .filter({ hasText: /^Ready/ })
    .waitFor({ timeout: 30_000 });
}

/** Runs with Ctrl+Enter and waits for the run to be sent and finished; returns its request. */
async function runAndWait(): Promise<{ query: string } & Record<string, unknown>> {
  const before = executions();
  await page.keyboard.press('Control+Enter');
  await expect.poll(executions).toBe(before + 1);
  await expect.poll(() => answered).toBe(executions());
  await expect
    .poll(() => page.getByRole('status', { name: 'Query status' }).textContent())
    .not.toMatch(/Running|Cancelling|Waiting/);
  return lastRequest('query:execute') as { query: string };
}

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
      const isAnswer = msg.t === 'reply' && msg.id !== undefined && executing.has(msg.id);
      if (holdAnswers && isAnswer) {
        held.push(() => (answered++, ws.send(m)));
      } else {
        if (isAnswer) answered++;
        ws.send(m);
      }
    });
  });
  await page.goto(app.url);
  editor = page.getByRole('textbox', { name: /DQL query/ });
  await editor.waitFor();
  await waitForReady();
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
    const before = executions();
    await page.keyboard.press('Control+Enter');
    const status = page.getByRole('status', { name: 'Query status' });
    await status.filter({ hasText: 'Running' }).waitFor();
    await expect.poll(executions).toBe(before + 1); // sent (after the cost check), not answered
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
    await page.getByRole('button', { name: 'Format', exact: true }).click();
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
    // By keyboard, as the tabs pattern has it: arrows (wrapping around), Home and End.
    const tab = (name: string) => page.getByRole('tab', { name });
    const focused = (name: string) => tab(name).evaluate((el) => el === document.activeElement);
    await tab('Query 2').focus();
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => tab('Query 1').getAttribute('aria-selected')).toBe('true');
    expect(await focused('Query 1')).toBe(true);
    await expect.poll(editorText).toBe('fetch bizevents | limit 1');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => tab('Query 2').getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Home');
    await expect.poll(() => tab('Query 1').getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('End');
    await expect.poll(() => tab('Query 2').getAttribute('aria-selected')).toBe('true');
    expect(await focused('Query 2')).toBe(true);
    await page.getByRole('button', { name: 'Close Query 2' }).click();
    expect(await page.getByRole('tab').count()).toBe(1);
    await expect.poll(editorText).toBe('fetch bizevents | limit 1');
  });

  it('adds the problems only Grail knows, from query:verify, once', async () => {
    await replaceQuery('fetch dt.entity.host');
    await expect
      .poll(() => (lastRequest('query:verify') as { query?: string } | undefined)?.query, { timeout: 10_000 })
      .toBe('fetch dt.entity.host');
    // The local analysis accepts it; the sandbox's verify says it can't serve entities.
    await page.locator('.monaco-editor .squiggly-error').first().waitFor();
    await page.keyboard.press('Home');
    await page.keyboard.press('F8');
    await page
      .getByText(/only a Dynatrace environment has/)
      .first()
      .waitFor();
    await page.keyboard.press('Escape');
    // A typo both report shows one marker, not two.
    await replaceQuery('fetch bizevents | limt 10');
    await expect
      .poll(() => (lastRequest('query:verify') as { query?: string } | undefined)?.query, { timeout: 10_000 })
      .toBe('fetch bizevents | limt 10');
    await expect
      .poll(() => page.evaluate(() => document.querySelectorAll('.monaco-editor .squiggly-error').length))
      .toBe(1);
  });

  it('runs the statement under the cursor, or the selection', async () => {
    await replaceQuery('fetch bizevents | limit 2\n| fields timestamp\n\nfetch bizevents | limit 3');
    expect((await runAndWait()).query).toBe('fetch bizevents | limit 3');
    await page.keyboard.press('Control+Home');
    expect((await runAndWait()).query).toBe('fetch bizevents | limit 2\n| fields timestamp');
    await page.keyboard.press('Shift+End');
    expect((await runAndWait()).query).toBe('fetch bizevents | limit 2');
  });

  it('sends the environment limits and asks before a run above its scan budget', async () => {
    const openLimits = async () => {
      await page.getByRole('button', { name: 'Limits' }).click();
      return page.getByRole('form', { name: 'Query limits for Local sandbox' });
    };
    let form = await openLimits();
    await form.getByLabel('Max records').fill('0');
    await form.getByRole('button', { name: 'Save limits' }).click();
    await form
      .getByRole('alert')
      .filter({ hasText: /^Max records:/ })
      .waitFor();
    await form.getByLabel('Max records').fill('3');
    await form.getByLabel('Scan limit (GB)').fill('5');
    await form.getByRole('button', { name: 'Save limits' }).click();
    await form.waitFor({ state: 'detached' });
    await replaceQuery('fetch bizevents | limit 1');
    expect(await runAndWait()).toMatchObject({
      maxResultRecords: 3,
      maxResultBytes: 1_000_000,
      defaultScanLimitGbytes: 5,
    });

    const before = executions();
    await replaceQuery('fetch bizevents, scanLimitGBytes: 50 | limit 1');
    await page.keyboard.press('Control+Enter');
    const warning = page.getByRole('alert', { name: 'Cost warning' });
    await warning.waitFor();
    expect(await warning.textContent()).toContain(
      "The query may scan up to 50 GB (its own scanLimitGBytes), more than this environment's budget of 5 GB.",
    );
    await warning.getByRole('button', { name: "Don't run" }).click();
    await warning.waitFor({ state: 'detached' });
    expect(executions()).toBe(before);
    await page.getByRole('button', { name: 'Run query' }).click();
    await warning.getByRole('button', { name: 'Run anyway' }).click();
    await expect.poll(executions).toBe(before + 1);
    expect(lastRequest('query:execute')).toMatchObject({
      query: 'fetch bizevents, scanLimitGBytes: 50 | limit 1',
    });

    form = await openLimits();
    expect(await form.getByLabel('Max records').inputValue()).toBe('3');
    await form.getByLabel('Max records').fill('1000');
    await form.getByLabel('Scan limit (GB)').fill('500');
    await form.getByRole('button', { name: 'Save limits' }).click();
    await form.waitFor({ state: 'detached' });
  });

  it('opens Limits and Save query with the focus inside, closes them with Esc, and returns the focus', async () => {
    // The forms once opened with the focus left on their button, ignored Esc, and on Cancel or
    // Save dropped the focus to the page body.
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement;
        return el === document.body ? 'body' : (el?.getAttribute('aria-label') ?? el?.textContent ?? '');
      });
    const limits = page.getByRole('form', { name: 'Query limits for Local sandbox' });
    await page.getByRole('button', { name: 'Limits' }).focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => limits.getByLabel('Max records').evaluate((el) => el === document.activeElement))
      .toBe(true);
    await page.keyboard.press('Escape');
    await limits.waitFor({ state: 'detached' });
    expect(await focused()).toBe('Limits');
    await page.keyboard.press('Enter');
    await limits.getByRole('button', { name: 'Cancel' }).click();
    await limits.waitFor({ state: 'detached' });
    expect(await focused()).toBe('Limits');

    const save = page.getByRole('form', { name: /^Save query/ });
    await page.getByRole('button', { name: 'Save query' }).click();
    await save.waitFor();
    await page.keyboard.press('Escape');
    await save.waitFor({ state: 'detached' });
    expect(await focused()).toBe('Save query');
  });

  it('saves a query by name, opens it from Saved, and reopens a closed tab', async () => {
    await replaceQuery('fetch bizevents | limit 4');
    await page.getByRole('button', { name: 'Save query' }).click();
    const form = page.getByRole('form', { name: 'Save query' });
    await form.getByLabel('Name').fill('Four orders');
    await form.getByRole('button', { name: 'Save', exact: true }).click();
    await form.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Saved', exact: true }).click();
    const panel = page.getByRole('region', { name: 'Saved queries' });
    const item = panel.getByRole('listitem').filter({ hasText: 'Four orders' });
    expect(await item.textContent()).toContain('This environment');
    await item.getByRole('button', { name: 'Open' }).click();
    const tab = page.getByRole('tab', { name: /Four orders/ });
    await expect.poll(() => tab.getAttribute('aria-selected')).toBe('true');
    await expect.poll(editorText).toBe('fetch bizevents | limit 4');
    await page.keyboard.type(' ');
    await replaceQuery('fetch bizevents | limit 40');
    await page.getByRole('button', { name: 'Close Four orders' }).click();
    await tab.waitFor({ state: 'detached' });
    await page.keyboard.press('Alt+Shift+T');
    await expect.poll(() => tab.getAttribute('aria-selected')).toBe('true');
    await expect.poll(editorText).toBe('fetch bizevents | limit 40');
    await page.getByRole('button', { name: 'Close Four orders' }).click();
  });

  it('saves the query as a .dql file and opens one', async () => {
    await replaceQuery('fetch bizevents | limit 6');
    const downloaded = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Save to file' }).click();
    const file = await downloaded;
    expect(file.suggestedFilename()).toBe('Query 1.dql');
    expect(await readFile(await file.path(), 'utf8')).toBe('fetch bizevents | limit 6');
    await page.getByLabel('Open a .dql file').setInputFiles({
      name: 'orders.dql',
      mimeType: 'text/plain',
      buffer: Buffer.from('fetch bizevents\n| limit 8'),
    });
    const tab = page.getByRole('tab', { name: /orders/ });
    await expect.poll(() => tab.getAttribute('aria-selected')).toBe('true');
    await expect.poll(editorText).toBe('fetch bizevents\n| limit 8');
    await page.getByRole('button', { name: 'Close orders' }).click();
  });

  it('lists the keyboard shortcuts on F1 and Shift+?', async () => {
    await editor.focus();
    await page.keyboard.press('F1');
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await sheet.waitFor();
    await sheet.getByRole('row', { name: /Ctrl\+Enter Run the selection/ }).waitFor();
    await page.keyboard.press('Escape');
    await sheet.waitFor({ state: 'hidden' });
    await page.getByRole('heading', { name: 'Query', exact: true }).click();
    await page.keyboard.press('Shift+Slash');
    await sheet.waitFor();
    await sheet.getByRole('button', { name: 'Close' }).click();
    await sheet.waitFor({ state: 'hidden' });
  });

  it('runs each tab against its own environment, shown on the tab', async () => {
    const saved = (await page.evaluate(() =>
      (window as unknown as { bizlens: { invoke(c: string, r: unknown): Promise<unknown> } }).bizlens.invoke(
        'environments:save',
        {
          name: 'Prod EU',
          url: 'https://abc12345.live.dynatrace.com',
          authKind: 'platformToken',
          color: 'red',
          safety: 'production',
        },
      ),
    )) as { ok: boolean; value: { id: string } };
    expect(saved.ok).toBe(true);
    await page.getByRole('button', { name: 'New query tab' }).click();
    const picker = page.getByRole('combobox', { name: /^Query \d+ runs on$/ }).locator('visible=true');
    await picker.selectOption({ label: 'Prod EU — production' });
    const tab = page.getByRole('tab', { selected: true });
    await expect.poll(() => tab.textContent()).toMatch(/Query \d+ · Prod EUProduction/);
    await replaceQuery('fetch bizevents | limit 1');
    const before = executions();
    await page.keyboard.press('Control+Enter');
    await expect.poll(executions).toBe(before + 1);
    expect(lastRequest('query:execute')).toMatchObject({ environmentId: saved.value.id });
    // The first tab still follows the selected environment.
    await page.getByRole('tab', { name: /^Query 1/ }).click();
    await replaceQuery('fetch bizevents | limit 1');
    expect(await runAndWait()).toMatchObject({ environmentId: 'local-sandbox' });
  });

  it('shows the environment a tab runs on in full, at 1024 px and wider', async () => {
    const picker = page.getByRole('combobox', { name: /^Query \d+ runs on$/ }).locator('visible=true');
    /** How much narrower the picker is than its chosen option needs (0 when it shows it whole). */
    const cut = () =>
      picker.evaluate((select: HTMLSelectElement) => {
        // The same select holding only the chosen option, free to take the width that needs.
        const probe = document.createElement('select');
        probe.className = select.className;
        probe.style.cssText = 'position: absolute; max-width: none; width: auto';
        probe.append(new Option(select.selectedOptions[0]!.text));
        select.parentElement!.append(probe);
        const needed = probe.getBoundingClientRect().width;
        probe.remove();
        return Math.max(0, Math.round(needed - select.getBoundingClientRect().width));
      });
    try {
      for (const width of [1024, 1440]) {
        await page.setViewportSize({ width, height: 900 });
        for (const label of ['Selected environment (Local sandbox)', 'Prod EU — production']) {
          await picker.selectOption({ label });
          expect(await cut(), `${label} at ${width} px`).toBe(0);
          // A name longer than the toolbar still reads whole in the tooltip.
          expect(await picker.getAttribute('title')).toBe(label);
        }
      }
    } finally {
      await picker.selectOption({ label: 'Selected environment (Local sandbox)' });
      await page.setViewportSize({ width: 1440, height: 900 });
    }
  });

  it('keeps every run in a searchable history that survives a restart of the app', async () => {
    await replaceQuery('fetch bizevents | limit 7');
    await runAndWait();
    await app.stop({ keepData: true });
    app = await startWebEdition({}, app);
    await page.goto(app.url);
    await waitForReady();
    await page.getByRole('button', { name: 'History' }).click();
    const history = page.getByRole('region', { name: 'Query history' });
    await history.getByRole('searchbox', { name: 'Search history' }).fill('limit 7');
    const item = history.getByRole('listitem').filter({ hasText: 'fetch bizevents | limit 7' });
    await item.waitFor();
    expect(await history.getByRole('listitem').count()).toBe(1);
    expect(await item.textContent()).toMatch(/Last 2 hours · .* · \d+ records?/);
    const star = item.getByRole('button', { name: 'Star' });
    // The button is described by its query: a screen reader hears which run it stars.
    const describedBy = await star.getAttribute('aria-describedby');
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toContain('fetch bizevents | limit 7');
    await star.click();
    await item.getByRole('button', { name: 'Unstar' }).waitFor();
    await item.getByRole('button', { name: 'Open in new tab' }).click();
    await expect
      .poll(() => page.getByRole('tab', { name: 'Query 2' }).getAttribute('aria-selected'))
      .toBe('true');
    await expect.poll(editorText).toBe('fetch bizevents | limit 7');
  });
});
