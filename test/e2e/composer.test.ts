// The event composer in Chromium against the web edition and its embedded sandbox, by roles and
// accessible names: a CloudEvent from a template → preview → Send → 202 → arrival confirmed; a batch
// with one invalid CloudEvent → 400 with the rejected event marked where it is in the payload.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { KeytarCredentialStore } from '../../src-main/platform/keychain';
import { launchChromium, startWebEdition, type WebEdition } from '../support/web-edition';

let app: WebEdition;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  app = await startWebEdition();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  await page.goto(app.url);
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

const storedValue = (name: string) =>
  page
    .getByRole('table', { name: 'Stored fields' })
    .getByRole('row', { name: new RegExp(`^${name.replace('.', '\\.')} `) })
    .getByRole('cell')
    .last()
    .textContent();

describe('event composer', () => {
  it('warns about nested objects in the default pure JSON event and suggests dotted keys', async () => {
    const problems = page.getByRole('list', { name: 'Payload problems' });
    await expect.poll(() => problems.textContent()).toContain("'customer.firstName'");
    await expect.poll(() => problems.textContent()).toContain("'orderItemsProductIDs' is an array");
    // Each problem's Show button is named by its event and field, not just "Event 0".
    for (const field of ['customer', 'orderItemsProductIDs'])
      expect(
        await problems.getByRole('button', { name: `Show in payload: Event 0, '${field}'` }).count(),
      ).toBe(1);
  });

  it('previews a CloudEvent template: source becomes event.provider, data members are lifted', async () => {
    await page.getByRole('combobox', { name: 'Template' }).selectOption({ label: 'CloudEvent' });
    await expect
      .poll(() => page.getByRole('combobox', { name: 'Content type' }).inputValue())
      .toBe('application/cloudevents+json');
    await expect.poll(() => storedValue('event.provider')).toBe('ba.dt.local');
    expect(await storedValue('event.type')).toBe('com.dynatrace.business');
    expect(await storedValue('person')).toBe('{"firstName":"Max","lastName":"Meyer"}');
    const names = await page
      .getByRole('table', { name: 'Stored fields' })
      .getByRole('rowheader')
      .allTextContents();
    for (const gone of ['specversion', 'source', 'type', 'id', 'data']) expect(names).not.toContain(gone);
  });

  it('sends it: 202, then confirms that it arrived and how long it took', async () => {
    await page.getByRole('button', { name: 'Send' }).click();
    await expect
      .poll(() => page.getByRole('status', { name: 'Send result' }).textContent(), { timeout: 20_000 })
      .toMatch(/202 Accepted · \d+ ms.*The event was accepted and will be stored\./);
    await expect
      .poll(() => page.getByRole('status', { name: 'Arrival' }).textContent(), { timeout: 30_000 })
      .toMatch(/^Arrived: 1 event queryable [\d.]+ m?s after the send was acknowledged/);
  });

  it('marks the rejected event of a batch at its place after a 400', async () => {
    const bad = { specversion: '1.0', id: 'bad-1', type: 'com.dynatrace.business', data: { n: 2 } };
    const batch = [
      {
        specversion: '1.0',
        id: 'good-1',
        source: 'ba.dt.local',
        type: 'com.dynatrace.business',
        data: { n: 1 },
      },
      bad,
      {
        specversion: '1.0',
        id: 'good-2',
        source: 'ba.dt.local',
        type: 'com.dynatrace.business',
        data: { n: 3 },
      },
    ];
    const text = JSON.stringify(batch, null, 2);
    await page.getByRole('textbox', { name: 'Event payload' }).fill(text);
    await expect
      .poll(() => page.getByRole('combobox', { name: 'Content type' }).inputValue())
      .toBe('application/cloudevents-batch+json');
    // The preview already knows: the rejection is listed before anything is sent.
    await expect
      .poll(() => page.getByRole('list', { name: 'Payload problems' }).textContent())
      .toMatch(/Event 1: Rejected: .*'source'/);

    await page.getByRole('button', { name: 'Send' }).click();
    const result = page.getByRole('status', { name: 'Send result' });
    await expect.poll(() => result.textContent(), { timeout: 20_000 }).toMatch(/400 Bad Request/);
    expect(await result.textContent()).toContain('Partial success: 2 valid events stored, 1 rejected');
    expect(await page.getByRole('list', { name: 'Rejected by the server' }).textContent()).toMatch(
      /Event 1: .*'source'.*\(id bad-1\)/,
    );

    // Marked where it is: the highlighted run is exactly the rejected element's text.
    const mark = page.locator('.payload-mark');
    await expect.poll(() => mark.count()).toBe(1);
    expect(await mark.textContent()).toBe(JSON.stringify(bad, null, 2).replace(/\n/g, '\n  '));

    // "Show" selects it in the payload.
    await page.getByRole('button', { name: 'Show rejected event 1 in payload' }).click();
    const selected = await page
      .getByRole('textbox', { name: 'Event payload' })
      .evaluate((t: HTMLTextAreaElement) => t.value.slice(t.selectionStart, t.selectionEnd));
    expect(JSON.parse(selected)).toEqual(bad);

    await expect
      .poll(() => page.getByRole('status', { name: 'Arrival' }).textContent(), { timeout: 30_000 })
      .toMatch(/^Arrived: 2 events queryable/);
  });

  it('adds event.ids to pure JSON events so their arrival can be confirmed', async () => {
    await page
      .getByRole('combobox', { name: 'Template' })
      .selectOption({ label: 'Pure JSON — several events' });
    await page.getByRole('button', { name: 'Add event.id (2 events)' }).click();
    const text = await page.getByRole('textbox', { name: 'Event payload' }).inputValue();
    const events = JSON.parse(text) as Array<Record<string, unknown>>;
    expect(events.map((e) => e['event.id'])).toEqual([expect.any(String), expect.any(String)]);
    await expect.poll(() => page.getByRole('button', { name: /Add event\.id/ }).count()).toBe(0);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect
      .poll(() => page.getByRole('status', { name: 'Arrival' }).textContent(), { timeout: 30_000 })
      .toMatch(/^Arrived: 2 events queryable/);
  });

  it('copies the request as curl with the credential as a placeholder', async () => {
    await page
      .context()
      .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(app.url).origin });
    await page.getByRole('button', { name: 'Copy as curl' }).click();
    await expect
      .poll(() => page.getByRole('status', { name: 'Copy result' }).textContent())
      .toMatch(/^Copied as curl/);
    const curl = await page.evaluate(() => navigator.clipboard.readText());
    expect(curl).toMatch(
      /^curl -sS -X POST 'http:\/\/127\.0\.0\.1:\d+\/platform\/classic\/environment-api\/v2\/bizevents\/ingest'/,
    );
    expect(curl).toContain('Authorization: Bearer ${DT_ACCESS_TOKEN}');
    expect(curl).toContain(await page.getByRole('textbox', { name: 'Event payload' }).inputValue());
  });

  it('saves the payload as a template, kept main-side across a reload, and deletes it', async () => {
    const text = await page.getByRole('textbox', { name: 'Event payload' }).inputValue();
    // A form in the page, not window.prompt (which Electron does not implement): Enter saves.
    await page.getByRole('button', { name: 'Save as template' }).click();
    const form = page.getByRole('form', { name: 'Save as template' });
    await form.getByRole('textbox', { name: 'Template name' }).fill('My orders');
    await page.keyboard.press('Enter');
    await form.waitFor({ state: 'detached' });
    const option = () =>
      page.getByRole('combobox', { name: 'Template' }).locator('option', { hasText: 'My orders' });
    await expect.poll(() => option().count()).toBe(1);

    await page.reload();
    await page
      .getByRole('status', { name: 'Environment status' })
      .filter({ hasText: /^Ready/ })
      .waitFor();
    await expect.poll(() => option().count()).toBe(1);
    await page.getByRole('combobox', { name: 'Template' }).selectOption({ label: 'My orders' });
    expect(await page.getByRole('textbox', { name: 'Event payload' }).inputValue()).toBe(text);

    await page.getByRole('button', { name: 'Delete template “My orders”' }).click();
    await expect.poll(() => option().count()).toBe(0);

    // Esc leaves without saving, and the focus goes back to the button.
    await page.getByRole('button', { name: 'Save as template' }).click();
    await form.getByRole('textbox', { name: 'Template name' }).fill('Not kept');
    await page.keyboard.press('Escape');
    await form.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Save as template');
    expect(
      await page
        .getByRole('combobox', { name: 'Template' })
        .locator('option', { hasText: 'Not kept' })
        .count(),
    ).toBe(0);
  });

  it('keeps the template controls inside the composer in a narrow window', async () => {
    // At 1024 px the template picker once pushed "Save as template" past the composer's edge,
    // where it was clipped and could not be clicked.
    await page.setViewportSize({ width: 1024, height: 700 });
    try {
      const composer = (await page.getByRole('region', { name: 'Event composer' }).boundingBox())!;
      for (const control of [
        page.getByRole('combobox', { name: 'Template' }),
        page.getByRole('button', { name: 'Save as template' }),
      ]) {
        const box = (await control.boundingBox())!;
        expect(box.x).toBeGreaterThanOrEqual(composer.x);
        expect(box.x + box.width).toBeLessThanOrEqual(composer.x + composer.width);
      }
      await page.getByRole('button', { name: 'Save as template' }).click({ trial: true, timeout: 5_000 });
      // Wrapped onto a line of its own, the header grows: it does not overlap the row below.
      const button = (await page.getByRole('button', { name: 'Save as template' }).boundingBox())!;
      const contentType = (await page.getByRole('combobox', { name: 'Content type' }).boundingBox())!;
      expect(button.y + button.height).toBeLessThanOrEqual(contentType.y);
    } finally {
      await page.setViewportSize({ width: 1440, height: 1000 });
    }
  });

  it('does not send malformed JSON, and says where it breaks', async () => {
    await page.getByRole('textbox', { name: 'Event payload' }).fill('{\n  "event.type": "x",\n  "total": }');
    await expect
      .poll(() => page.getByRole('list', { name: 'Payload problems' }).textContent())
      .toMatch(/Line 3, column 12: The request body is not valid JSON/);
    expect(await page.getByRole('button', { name: 'Send' }).isDisabled()).toBe(true);
  });

  it('shows a payload problem in full at 1280 × 800, not clipped by the preview below', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    try {
      await page.getByRole('textbox', { name: 'Event payload' }).fill('[{"a": 1},\n {"b": [1, 2,}]');
      const problems = page.getByRole('list', { name: 'Payload problems' });
      await expect.poll(() => problems.textContent()).toMatch(/Line 2, column/);
      const fits = await problems.evaluate((el) => el.scrollHeight <= el.clientHeight + 1);
      expect(fits).toBe(true);
    } finally {
      await page.setViewportSize({ width: 1440, height: 1000 });
    }
  });

  it('does not copy malformed JSON as a request either, and says why', async () => {
    await page.getByRole('textbox', { name: 'Event payload' }).fill('{ "event.type": "x", ');
    for (const name of ['Copy as curl', 'Copy as TypeScript']) {
      const button = page.getByRole('button', { name });
      await expect.poll(() => button.isDisabled()).toBe(true);
      // The reason is announced with the button, not only drawn beside it.
      const describedBy = await button.getAttribute('aria-describedby');
      expect(describedBy).toBeTruthy();
      expect(await page.locator(`[id="${describedBy}"]`).textContent()).toMatch(/not valid JSON/);
    }
    await page.getByRole('textbox', { name: 'Event payload' }).fill('{ "event.type": "x" }');
    await expect.poll(() => page.getByRole('button', { name: 'Copy as curl' }).isDisabled()).toBe(false);
    expect(
      await page.getByRole('button', { name: 'Copy as curl' }).getAttribute('aria-describedby'),
    ).toBeNull();
  });

  it('does not send an empty payload', async () => {
    await page.getByRole('textbox', { name: 'Event payload' }).fill('  \n');
    await expect
      .poll(() => page.getByRole('region', { name: 'Grail preview' }).textContent())
      .toContain('Type a payload or choose a template.');
    expect(await page.getByRole('button', { name: 'Send' }).isDisabled()).toBe(true);
  });

  it('numbers the previewed events by their index in the payload, as the problems do', async () => {
    const ce = (id: string, source?: string) => ({
      specversion: '1.0',
      id,
      ...(source ? { source } : {}),
      type: 'com.dynatrace.business',
      data: { id },
    });
    await setPayload(JSON.stringify([ce('no-source'), ce('second', 'e2e'), ce('third', 'e2e')]));
    await page
      .getByRole('combobox', { name: 'Content type' })
      .selectOption('application/cloudevents-batch+json');
    const preview = page.getByRole('region', { name: 'Grail preview' });
    const pager = preview.getByRole('group', { name: 'Previewed event' });
    await expect.poll(() => pager.textContent()).toContain('Event 1 (1 of 2 stored)');
    expect(await page.getByRole('list', { name: 'Payload problems' }).textContent()).toMatch(
      /Event 0: Rejected/,
    );
    await pager.getByRole('button', { name: 'Next event' }).click();
    await expect.poll(() => pager.textContent()).toContain('Event 2 (2 of 2 stored)');
    expect(await preview.textContent()).toMatch(/fields in event 2/);
    await pager.getByRole('button', { name: 'Previous event' }).click();
    await expect.poll(() => preview.textContent()).toMatch(/fields in event 1/);
    await page.getByRole('button', { name: 'Detect content type' }).click();
  });

  // How long each preview takes is a benchmark figure (bench/dql-editor-latency.ts), not a test.
  it('keeps the preview of a 100 KB payload current on every edit', async () => {
    const text = largePayload(360);
    expect(text.length).toBeGreaterThan(100_000);
    const summary = page.getByRole('region', { name: 'Grail preview' }).locator('.preview-summary');
    // As when typing: the same large payload, edited a little each time; each edit is shown.
    for (let edit = 0; edit < 3; edit++) {
      const edited = text.replace('"total": 0,', `"total": ${edit + 1000},`);
      await setPayload(edited);
      await expect
        .poll(() => summary.textContent(), { timeout: 20_000 })
        .toMatch(/^360 events stored.* · [\d.]+ ms$/);
      await expect
        .poll(() => page.getByRole('cell', { name: String(edit + 1000), exact: true }).count())
        .toBe(1);
      expect(await page.getByRole('cell', { name: String(edit + 999), exact: true }).count()).toBe(0);
    }
  });

  it('previews each key typed into a 100 KB payload, and keeps the text as typed', async () => {
    const text = largePayload(360);
    await setPayload(text, text.indexOf('"total": 0,') + '"total": '.length);
    await page.keyboard.type('123');
    await expect.poll(() => page.getByRole('cell', { name: '1230', exact: true }).count()).toBe(1);
    expect(await page.getByRole('textbox', { name: 'Event payload' }).inputValue()).toBe(
      text.replace('"total": 0,', '"total": 1230,'),
    );
    expect(await page.getByRole('region', { name: 'Grail preview' }).getAttribute('aria-busy')).toBe('false');
  });

  it('keeps the preview of a 1 MB payload current while typing (slow previews follow the text)', async () => {
    const text = largePayload(3600);
    expect(text.length).toBeGreaterThan(1_000_000);
    await setPayload(text, text.indexOf('"total": 0,') + '"total": '.length);
    // Exact: a substring would also match the timestamp cell (minute 40 holds "40").
    const cell = (name: string) => page.getByRole('cell', { name, exact: true }).count();
    // Key by key (each one previewed, so later ones find the previews slow), then in a burst.
    let typed = '';
    for (const key of ['4', '5', '6', '7']) {
      await page.keyboard.press(key);
      typed += key;
      await expect.poll(() => cell(`${typed}0`), { timeout: 20_000 }).toBe(1);
    }
    await page.keyboard.type('89');
    await expect.poll(() => cell('4567890'), { timeout: 20_000 }).toBe(1);
    expect(await page.getByRole('textbox', { name: 'Event payload' }).inputValue()).toBe(
      text.replace('"total": 0,', '"total": 4567890,'),
    );
    const preview = page.getByRole('region', { name: 'Grail preview' });
    await expect.poll(() => preview.getAttribute('aria-busy')).toBe('false');
    expect(await preview.locator('.preview-summary').textContent()).toMatch(/^3,600 events stored/);
  });
});

/** Pure JSON events, pretty-printed: 360 make about 100 KB. */
function largePayload(events: number): string {
  return JSON.stringify(
    Array.from({ length: events }, (_, i) => ({
      id: String(i),
      'event.provider': 'custom.provider',
      'event.type': 'com.bizevent.single',
      total: i,
      customer: { firstName: 'John', lastName: 'Doe', tier: i % 3 },
      orderItemsProductIDs: ['PR-102002002', 'QZ-123232'],
    })),
    null,
    2,
  );
}

/**
 * Puts `value` in the payload editor as one input event (fill() types through the keyboard
 * pipeline and is slow for large text), optionally with the caret at `caret`.
 */
async function setPayload(value: string, caret?: number): Promise<void> {
  await page.getByRole('textbox', { name: 'Event payload' }).evaluate(
    (el: HTMLTextAreaElement, [v, at]: [string, number | undefined]) => {
      Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!.call(el, v);
      el.dispatchEvent(new Event('input', { bubbles: true }));
      if (at !== undefined) {
        el.focus();
        el.setSelectionRange(at, at);
      }
    },
    [value, caret] as [string, number | undefined],
  );
}

describe('bulk send', () => {
  const bulk = () => page.getByRole('region', { name: 'Bulk jobs' });
  const progress = () => bulk().getByRole('status', { name: 'Bulk progress' });

  it('sends an NDJSON file: progress, completion, and the arrival count', async () => {
    await page.getByRole('button', { name: 'Bulk jobs' }).click();
    const lines = Array.from({ length: 40 }, (_, i) =>
      JSON.stringify({ 'event.provider': 'e2e.bulk', 'event.type': 'file.line', n: i, city: 'Zürich' }),
    );
    await bulk()
      .getByLabel('Bulk file')
      .setInputFiles({
        name: 'orders.ndjson',
        mimeType: 'application/x-ndjson',
        buffer: Buffer.from(lines.join('\n')),
      });
    await bulk().getByRole('spinbutton', { name: 'Events per batch' }).fill('7');
    await bulk().getByRole('button', { name: 'Start bulk job' }).click();
    await expect
      .poll(() => progress().textContent(), { timeout: 30_000 })
      .toBe('Done: 40 of 40 sent, 0 rejected.');
    expect(await bulk().getByRole('progressbar', { name: 'Bulk job progress' }).getAttribute('value')).toBe(
      '40',
    );
    await bulk().getByRole('button', { name: 'Count arrived events' }).click();
    await expect
      .poll(() => bulk().getByRole('status', { name: 'Bulk arrival' }).textContent(), { timeout: 20_000 })
      .toBe('40 of 40 events arrived');
  });

  it('generates events from the payload with field generators and sends them', async () => {
    await page
      .getByRole('textbox', { name: 'Event payload' })
      .fill('{"event.provider":"e2e.bulk","event.type":"generated","total":0}');
    await bulk().getByRole('radio', { name: 'Generated from the payload above' }).check();
    await bulk().getByRole('spinbutton', { name: 'Events to generate' }).fill('300');
    await bulk().getByRole('button', { name: 'Add field generator' }).click();
    await bulk().getByRole('textbox', { name: 'Field name 2' }).fill('total');
    await bulk().getByRole('combobox', { name: 'Generator 2' }).selectOption({ label: 'Random number' });
    // Each parameter shows what it is beside its value: with values filled in, placeholders are gone.
    const caption = (name: string) =>
      bulk()
        .getByRole('textbox', { name })
        .evaluate((el) => {
          const label = (el as HTMLInputElement).labels?.[0];
          return label && label.getBoundingClientRect().height > 0 ? label.innerText.trim() : '';
        });
    for (const [name, text] of [
      ['Start 1', 'Start'],
      ['Step 1', 'Step'],
      ['Min 2', 'Min'],
      ['Max 2', 'Max'],
      ['Decimals 2', 'Decimals'],
    ])
      expect(await caption(name!)).toBe(text);
    await bulk().getByRole('spinbutton', { name: 'Events per batch' }).fill('50');
    await bulk().getByRole('button', { name: 'Start bulk job' }).click();
    await expect
      .poll(() => progress().textContent(), { timeout: 30_000 })
      .toBe('Done: 300 of 300 sent, 0 rejected.');
    await bulk().getByRole('button', { name: 'Count arrived events' }).click();
    await expect
      .poll(() => bulk().getByRole('status', { name: 'Bulk arrival' }).textContent(), { timeout: 20_000 })
      .toBe('300 of 300 events arrived');
  });

  it('refuses a file with a bad event before sending anything, saying where', async () => {
    await bulk().getByRole('radio', { name: 'From a file' }).check();
    await bulk()
      .getByLabel('Bulk file')
      .setInputFiles({
        name: 'broken.ndjson',
        mimeType: 'application/x-ndjson',
        buffer: Buffer.from('{"event.type":"ok"}\n{"event.type": nope}\n'),
      });
    await bulk().getByRole('button', { name: 'Start bulk job' }).click();
    await expect
      .poll(() => progress().textContent(), { timeout: 30_000 })
      .toMatch(/^Nothing sent\. line 2, column 16: Not valid JSON/);
  });

  it('lists a paused file job after a restart, resumes it from the journal, and each event arrives once', async () => {
    // Slow the sandbox down (40 ms per request) so the job is surely mid-way when it is paused.
    await setSandboxFaults('latency=40,seed=1');
    await bulk().getByRole('radio', { name: 'From a file' }).check();
    const lines = Array.from({ length: 600 }, (_, i) =>
      JSON.stringify({ 'event.provider': 'e2e.bulk', 'event.type': 'resume.line', n: i }),
    );
    await bulk()
      .getByLabel('Bulk file')
      .setInputFiles({
        name: 'resume-me.ndjson',
        mimeType: 'application/x-ndjson',
        buffer: Buffer.from(lines.join('\n')),
      });
    await bulk().getByRole('spinbutton', { name: 'Events per batch' }).fill('5');
    await bulk().getByRole('spinbutton', { name: 'Requests in flight' }).fill('1');
    await bulk().getByRole('button', { name: 'Start bulk job' }).click();
    await expect.poll(() => progress().textContent(), { timeout: 30_000 }).toMatch(/^Sending: [1-9]/);
    await bulk().getByRole('button', { name: 'Pause bulk job' }).click();
    await expect.poll(() => progress().textContent(), { timeout: 30_000 }).toMatch(/^Paused: /);

    // Restart the host on the same data directory (faults are not kept: the resume runs at full speed).
    await page.close();
    await app.stop({ keepData: true });
    app = await startWebEdition({}, app);
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await page.goto(app.url);
    await page
      .getByRole('status', { name: 'Environment status' })
      .filter({ hasText: /^Ready/ })
      .waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Bulk jobs' }).click();
    const job = bulk()
      .getByRole('list', { name: 'Unfinished bulk jobs' })
      .getByRole('listitem', { name: 'resume-me.ndjson' });
    await expect
      .poll(() => job.textContent(), { timeout: 20_000 })
      .toMatch(/paused: \d+ of 600 sent, 0 failed/);
    const sentBefore = Number(/paused: (\d+) of/.exec((await job.textContent()) ?? '')?.[1]);
    expect(sentBefore).toBeGreaterThan(0);
    expect(sentBefore).toBeLessThan(600);
    expect(
      await job.getByRole('progressbar', { name: 'Progress of resume-me.ndjson' }).getAttribute('value'),
    ).toBe(String(sentBefore));

    // The refused file of the test before is listed to be discarded, but not offered for resuming:
    // the same file would fail the same way.
    const refused = bulk()
      .getByRole('list', { name: 'Unfinished bulk jobs' })
      .getByRole('listitem', { name: 'broken.ndjson' });
    expect(await refused.textContent()).toContain(
      "Not valid JSON: Unexpected 'nope'.) Fix the events and start a new job.",
    );
    expect(await refused.getByRole('button', { name: 'Resume broken.ndjson' }).count()).toBe(0);
    expect(await refused.getByRole('button', { name: 'Discard broken.ndjson' }).count()).toBe(1);

    await job.getByRole('button', { name: 'Resume resume-me.ndjson' }).click();
    await expect
      .poll(() => progress().textContent(), { timeout: 30_000 })
      .toBe('Done: 600 of 600 sent, 0 rejected.');
    await expect.poll(() => job.count()).toBe(0); // finished: no longer listed
    // The arrival check: every event of the job once (a batch sent twice would show "stored twice").
    await bulk().getByRole('button', { name: 'Count arrived events' }).click();
    await expect
      .poll(() => bulk().getByRole('status', { name: 'Bulk arrival' }).textContent(), { timeout: 20_000 })
      .toBe('600 of 600 events arrived');
  });

  it('discards an unfinished job after asking', async () => {
    await setSandboxFaults('latency=40,seed=2');
    await bulk().getByRole('radio', { name: 'Generated from the payload above' }).check();
    await bulk().getByRole('spinbutton', { name: 'Events to generate' }).fill('5000');
    await bulk().getByRole('spinbutton', { name: 'Events per batch' }).fill('5');
    await bulk().getByRole('button', { name: 'Start bulk job' }).click();
    await expect.poll(() => progress().textContent(), { timeout: 30_000 }).toMatch(/^Sending: [1-9]/);
    await bulk().getByRole('button', { name: 'Pause bulk job' }).click();
    const job = bulk().getByRole('listitem', { name: '5,000 generated events' });
    await expect.poll(() => job.textContent(), { timeout: 20_000 }).toMatch(/^5,000 generated events/);
    page.once('dialog', (d) => void d.accept());
    await job.getByRole('button', { name: 'Discard 5,000 generated events' }).click();
    await expect.poll(() => job.count()).toBe(0);
    await setSandboxFaults('');
  });
});

/** Sets (or, with '', turns off) the embedded sandbox's fault injection through its dialog. */
async function setSandboxFaults(spec: string): Promise<void> {
  await page.getByRole('button', { name: 'Sandbox data' }).click();
  const dialog = page.getByRole('dialog', { name: 'Sandbox data' });
  if (spec) {
    await dialog.getByRole('textbox', { name: 'Fault spec' }).fill(spec);
    await dialog.getByRole('button', { name: 'Apply faults' }).click();
    await expect
      .poll(() => dialog.getByRole('status', { name: 'Faults in force' }).textContent())
      .toBe(`Injecting: ${spec}`);
  } else {
    await dialog.getByRole('button', { name: 'Turn faults off' }).click();
    await expect
      .poll(() => dialog.getByRole('status', { name: 'Faults in force' }).textContent())
      .toBe('No faults injected.');
  }
  await dialog.getByRole('button', { name: 'Close' }).click();
}
