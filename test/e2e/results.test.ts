// The results table in Chromium against the web edition, by roles and accessible names: events
// sent through the composer → a query → type-aware sort → a record's detail (with a JSON-holding
// string shown as a tree) → CSV export read back from the downloaded file → filter within the
// loaded records → "Add filter from this value" writes DQL into the query and narrows the run.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { DuckDBInstance } from '@duckdb/node-api';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { KeytarCredentialStore } from '../../src-main/platform/keychain';
import { launchChromium, startWebEdition, type WebEdition } from '../support/web-edition';

const EVENTS = [
  {
    'event.provider': 'results.e2e',
    'event.type': 'order',
    name: 'alpha',
    total: 5,
    customer: { tier: 'gold', n: 1 },
  },
  {
    'event.provider': 'results.e2e',
    'event.type': 'order',
    name: 'beta',
    total: 300,
    customer: { tier: 'silver', n: 2 },
  },
  {
    'event.provider': 'results.e2e',
    'event.type': 'order',
    name: 'gamma',
    total: 40,
    customer: { tier: 'gold', n: 3 },
  },
];
const QUERY =
  'fetch bizevents\n| filter event.provider == "results.e2e"\n| fields name, total, customer, timestamp';

let app: WebEdition;
let browser: Browser;
let page: Page;
let grid: Locator;

/**
 * The visible tab's editor text as shown (Monaco renders spaces as U+00A0). Lines are taken in
 * the order they are drawn, top to bottom: Monaco reuses line elements, so after an edit inside
 * the text their order in the DOM is not the order of the lines.
 */
async function editorText(): Promise<string> {
  const lines = await page
    .getByRole('tabpanel')
    .locator('.monaco-editor .view-line')
    .evaluateAll((els) =>
      els
        .map((el) => ({
          top: parseFloat((el as HTMLElement).style.top),
          text: (el as HTMLElement).innerText,
        }))
        .sort((a, b) => a.top - b.top)
        .map((l) => l.text),
    );
  return lines.join('\n').replace(/\u00a0/g, ' ');
}

/** The texts of one column, top to bottom, as painted. */
async function columnTexts(name: string): Promise<string[]> {
  const headers = await grid.getByRole('columnheader').allTextContents();
  const at = headers.findIndex((h) => h.replace(/[▲▼]/g, '') === name);
  expect(at, `column ${name} in ${headers.join(',')}`).toBeGreaterThanOrEqual(0);
  const rows = grid.locator('tbody').getByRole('row');
  const out: string[] = [];
  for (let i = 0; i < (await rows.count()); i++) {
    out.push((await rows.nth(i).getByRole('cell').nth(at).textContent()) ?? '');
  }
  return out;
}

const queryStatus = () => page.getByRole('status', { name: 'Query status' }).textContent();
const recordCount = () => page.getByRole('status', { name: 'Record count' }).textContent();

/** Replaces the query in `p`'s editor with `text` and runs it with Ctrl+Enter. */
async function runQuery(p: Page, text: string): Promise<void> {
  await p.getByRole('textbox', { name: /DQL query/ }).focus();
  await p.keyboard.press('Control+A');
  await p.keyboard.press('Delete');
  await p.keyboard.insertText(text);
  await p.keyboard.press('Control+Enter');
}

interface PageRequest {
  id: number;
  channel: string;
  args: [{ pageId: string }];
}
type Socket = { send(message: string): void };

/**
 * A second page of the session whose `results:page` requests go to `route` (which forwards them to
 * main, answers them itself, or holds them); every other message passes.
 */
async function pageRoutingPages(route: (m: PageRequest, ws: Socket, server: Socket) => void): Promise<Page> {
  const other = await page.context().newPage();
  await other.routeWebSocket(/\/ipc$/, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((message) => {
      const m = JSON.parse(String(message)) as PageRequest;
      if (m.channel === 'results:page') route(m, ws, server);
      else server.send(message);
    });
    server.onMessage((message) => ws.send(message));
  });
  await other.goto(app.url);
  await expect
    .poll(() => other.getByRole('status', { name: 'Environment status' }).textContent(), {
      timeout: 30_000,
    })
    .toMatch(/^Ready/);
  return other;
}

/** Runs the 20,500-record query of the paging tests, fetching more until main pages it. */
async function runPaged(p: Page): Promise<void> {
  const status = () => p.getByRole('status', { name: 'Query status' }).textContent();
  await runQuery(p, 'fetch bizevents\n| filter event.provider == "results.paged"\n| fields i');
  const banner = p.getByRole('alert', { name: 'Result truncated' });
  for (const loaded of ['1,000', '10,000']) {
    await expect.poll(status, { timeout: 30_000 }).toMatch(new RegExp(`^${loaded} records`));
    // By keyboard: the editor's suggestion widget may overlap the banner.
    await banner.getByRole('button', { name: 'Fetch more' }).focus();
    await p.keyboard.press('Enter');
  }
  await expect.poll(status, { timeout: 60_000 }).toMatch(/^20,500 records/);
}

beforeAll(async () => {
  app = await startWebEdition();
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  page = await context.newPage();
  await page.goto(app.url);
  grid = page.getByRole('table', { name: 'Query results' });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await new KeytarCredentialStore(app.keychainService).delete('environment:local-sandbox:client-secret');
});

describe('results of a query', () => {
  it('sends three events through the composer', async () => {
    await expect
      .poll(() => page.getByRole('status', { name: 'Environment status' }).textContent(), { timeout: 30_000 })
      .toMatch(/^Ready/);
    await page.getByRole('textbox', { name: 'Event payload' }).fill(JSON.stringify(EVENTS, null, 2));
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect
      .poll(() => page.getByRole('status', { name: 'Send result' }).textContent(), { timeout: 20_000 })
      .toMatch(/202/);
  });

  it('runs a query and shows the records with typed columns', async () => {
    await runQuery(page, QUERY);
    await expect.poll(queryStatus, { timeout: 20_000 }).toMatch(/^3 records/);
    await grid.getByRole('cell', { name: 'beta' }).waitFor();
    expect(await grid.getByRole('cell', { name: '300', exact: true }).getAttribute('class')).toContain('num');
  });

  it('sorts a numeric column by value, both ways', async () => {
    await grid.getByRole('button', { name: 'total' }).click();
    await expect.poll(() => columnTexts('total')).toEqual(['5', '40', '300']);
    await grid.getByRole('button', { name: 'total' }).click();
    await expect.poll(() => columnTexts('total')).toEqual(['300', '40', '5']);
    expect(await grid.getByRole('columnheader', { name: 'total' }).getAttribute('aria-sort')).toBe(
      'descending',
    );
  });

  it('opens a record’s detail with the JSON-holding string shown as a tree', async () => {
    await grid.getByRole('cell', { name: 'beta' }).click();
    const detail = page.getByRole('complementary', { name: 'Record details' });
    const fields = detail.getByRole('table', { name: 'Record fields' });
    await fields.getByRole('rowheader', { name: 'customer' }).waitFor();
    await detail.getByText('JSON text').waitFor();
    await detail.locator('summary', { hasText: 'customer' }).waitFor();
    await detail.getByText('"silver"').waitFor();
    expect(
      await detail.getByRole('button', { name: 'Copy DQL for customer.tier' }).getAttribute('title'),
    ).toBe('jsonField(customer, "tier")');
    await detail.getByRole('button', { name: 'JSON view' }).click();
    const json = JSON.parse((await detail.getByLabel('Record JSON').textContent()) ?? '') as Record<
      string,
      unknown
    >;
    expect(json).toMatchObject({ name: 'beta', total: '300' });
    await detail.getByRole('button', { name: 'JSON view' }).click();
  });

  it('opens a JSON-holding cell in place below its row, by its toggle and by Space', async () => {
    const beta = grid.getByRole('row').filter({ has: page.getByRole('cell', { name: 'beta', exact: true }) });
    const expansion = grid.getByRole('cell', { name: /^customer of row \d+$/ });
    await beta.getByRole('button', { name: /^Expand customer of row \d+$/ }).click();
    await expansion.getByText('"silver"').waitFor();
    expect(
      await expansion.getByRole('button', { name: 'Copy DQL for customer.tier' }).getAttribute('title'),
    ).toBe('jsonField(customer, "tier")');
    // The row grew by the expansion, so the rows after it are still whole and in order.
    expect((await beta.boundingBox())!.height).toBeGreaterThan(200);
    await expect.poll(() => columnTexts('name')).toEqual(['beta', 'gamma', 'alpha']);
    // The toggle left the keyboard on the grid: Space closes and reopens the focused cell.
    await page.keyboard.press('Space');
    await expect.poll(() => expansion.count()).toBe(0);
    expect((await beta.boundingBox())!.height).toBeLessThan(40);
    await page.keyboard.press('Space');
    await expansion.getByText('"silver"').waitFor();
    await beta.getByRole('button', { name: /^Collapse customer of row \d+$/ }).click();
    await expect.poll(() => expansion.count()).toBe(0);
  });

  it('exports the loaded records as CSV in the order shown, with exact values', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV', exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const text = await readFile((await download.path())!, 'utf8');
    const rows = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
    expect(rows.map((r) => [r.name, r.total])).toEqual([
      ['beta', '300'],
      ['gamma', '40'],
      ['alpha', '5'],
    ]);
    expect(JSON.parse(rows[0]!.customer!)).toEqual({ tier: 'silver', n: 2 });
    expect(rows[0]!.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/);

    // The export says what it did, as the Parquet export does.
    await expect
      .poll(() => page.getByRole('status', { name: 'Export status' }).textContent())
      .toBe(`Downloaded ${download.suggestedFilename()}.`);
  });

  it('exports the loaded records as formatted CSV: values as the table shows them', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV (formatted)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const text = await readFile((await download.path())!, 'utf8');
    const rows = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
    expect(rows.map((r) => [r.name, r.total])).toEqual([
      ['beta', '300'],
      ['gamma', '40'],
      ['alpha', '5'],
    ]);
    // The zone-formatted timestamp the grid shows, not the wire's RFC 3339 text.
    const shown = await columnTexts('timestamp');
    expect(rows.map((r) => r.timestamp)).toEqual(shown);
    expect(rows[0]!.timestamp).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{9} \S+$/);
  });

  it('exports the loaded records as Parquet with typed columns, read back with DuckDB', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export Parquet' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.parquet$/);
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    try {
      const path = (await download.path())!.replace(/'/g, "''");
      const read = await conn.runAndReadAll(`SELECT name, total, timestamp FROM read_parquet('${path}')`);
      expect(read.columnTypes().map(String)).toEqual(['VARCHAR', 'BIGINT', 'TIMESTAMP_NS']);
      expect(read.getRowObjectsJson().map((r) => [r.name, r.total])).toEqual([
        ['beta', '300'],
        ['gamma', '40'],
        ['alpha', '5'],
      ]);
    } finally {
      conn.closeSync();
      db.closeSync();
    }
    await expect
      .poll(() => page.getByRole('status', { name: 'Export status' }).textContent())
      .toMatch(/^Downloaded bizlens-result-.*\.parquet\.$/);
  });

  it('filters within the loaded records', async () => {
    const filter = page.getByRole('searchbox', { name: 'Filter results' });
    await filter.fill('gold');
    await expect.poll(() => columnTexts('name')).toEqual(['gamma', 'alpha']);
    await filter.fill('');
    await expect.poll(() => columnTexts('name')).toEqual(['beta', 'gamma', 'alpha']);
  });

  it('finds text in the loaded records: highlights matches and moves between them', async () => {
    const find = page.getByRole('searchbox', { name: 'Find in results' });
    const count = () => page.getByRole('status', { name: 'Find matches' }).textContent();
    const current = grid.locator('td.find-current');
    /** The name in the row holding the current match. */
    const currentName = async () => {
      const headers = await grid.getByRole('columnheader').allTextContents();
      const at = headers.findIndex((h) => h.replace(/[▲▼]/g, '') === 'name');
      const row = grid.locator('tbody tr', { has: page.locator('td.find-current') });
      return row.getByRole('cell').nth(at).textContent();
    };
    await find.fill('GOLD');
    await expect.poll(count).toBe('2 matches');
    // Nothing is narrowed: all three records stay, two cells are highlighted.
    expect(await columnTexts('name')).toEqual(['beta', 'gamma', 'alpha']);
    await expect.poll(() => grid.locator('td.find-match, td.find-current').count()).toBe(2);
    await find.press('Enter');
    await expect.poll(count).toBe('1 of 2 matches');
    expect(await current.textContent()).toContain('gold');
    expect(await current.getAttribute('aria-selected')).toBe('true');
    expect(await currentName()).toBe('gamma');
    await page.getByRole('button', { name: 'Next match' }).click();
    await expect.poll(count).toBe('2 of 2 matches');
    expect(await currentName()).toBe('alpha');
    await find.press('Enter');
    await expect.poll(count).toBe('1 of 2 matches');
    await page.getByRole('button', { name: 'Previous match' }).click();
    await expect.poll(count).toBe('2 of 2 matches');
    await find.press('Shift+Enter');
    await expect.poll(count).toBe('1 of 2 matches');
    await find.fill('no such text');
    await expect.poll(count).toBe('No matches');
    expect(await page.getByRole('button', { name: 'Next match' }).isDisabled()).toBe(true);
    await find.fill('');
    await expect.poll(() => grid.locator('td.find-match, td.find-current').count()).toBe(0);
  });

  it('adds a filter from a value to the query, and the run narrows to it', async () => {
    await grid.getByRole('cell', { name: 'beta' }).click();
    const detail = page.getByRole('complementary', { name: 'Record details' });
    await detail.getByRole('button', { name: 'Add filter from name' }).click();
    await expect.poll(editorText).toBe(`${QUERY}\n| filter name == "beta"`);
    await page.keyboard.press('Control+Enter');
    await expect.poll(queryStatus, { timeout: 20_000 }).toMatch(/^1 record\b/);
    await expect.poll(() => columnTexts('name')).toEqual(['beta']);
  });

  it('adds the filter to the statement that ran, not after a blank line or to another statement', async () => {
    // One line each, so the whole text stays within the editor's rendered lines.
    const first = 'fetch bizevents | filter event.provider == "results.e2e" | fields name, total';
    const second = 'data record(name = "other")';
    await page.getByRole('textbox', { name: /DQL query/ }).focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(`${first}\n\n${second}\n`);
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('Control+Enter');
    await expect.poll(queryStatus, { timeout: 20_000 }).toMatch(/^3 records/);
    await grid.getByRole('cell', { name: 'beta' }).click();
    await page
      .getByRole('complementary', { name: 'Record details' })
      .getByRole('button', { name: 'Add filter from name' })
      .click();
    await expect.poll(editorText).toBe(`${first}\n| filter name == "beta"\n\n${second}\n`);
    await page.keyboard.press('Control+Enter');
    await expect.poll(queryStatus, { timeout: 20_000 }).toMatch(/^1 record\b/);
    await expect.poll(() => columnTexts('name')).toEqual(['beta']);
  });

  it('shows an array’s elements by their wire types: longs as numbers, strings quoted', async () => {
    await runQuery(page, 'data record(ids = array(7, 30000000000), tags = array("a", "7"))');
    await expect.poll(queryStatus, { timeout: 20_000 }).toMatch(/^1 record\b/);
    await grid.getByRole('button', { name: /^Expand ids of row \d+$/ }).click();
    const ids = grid.getByRole('cell', { name: /^ids of row \d+$/ });
    // A long arrives as a JSON string ("30000000000"); its element type says it is a number.
    await ids.getByText('30,000,000,000', { exact: true }).waitFor();
    expect(await ids.getByText('"30000000000"').count()).toBe(0);
    await grid.getByRole('button', { name: /^Expand tags of row \d+$/ }).click();
    const tags = grid.getByRole('cell', { name: /^tags of row \d+$/ });
    await tags.getByText('"7"', { exact: true }).waitFor();
    await tags.getByText('"a"', { exact: true }).waitFor();
  });

  it('draws a summarize … by: result as bars without re-running, and exports the chart as PNG', async () => {
    await runQuery(
      page,
      'fetch bizevents\n| filter event.provider == "results.e2e"\n| summarize s = sum(total), by: {name}\n| sort s desc',
    );
    await expect.poll(queryStatus, { timeout: 20_000 }).toMatch(/^3 records/);
    const runs = await queryStatus();
    const toggle = page.getByRole('button', { name: 'Bar chart' });
    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    const chart = page.getByRole('img', { name: /^Bar chart of s by name: beta 300, gamma 40, alpha 5$/ });
    await chart.waitFor();
    await expect.poll(() => chart.getAttribute('aria-busy')).toBe('false');
    expect(await chart.locator('canvas').count()).toBe(1);
    expect(await queryStatus()).toBe(runs);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export PNG' }).click(),
    ]);
    const png = await readFile((await download.path())!);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    await toggle.click();
    await grid.getByRole('cell', { name: 'beta' }).waitFor();
  });

  it('selects a range of cells with the keyboard, shows its statistics and copies it as TSV', async () => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: new URL(app.url).origin,
    });
    await grid.getByRole('cell', { name: 'beta' }).click();
    await page
      .getByRole('complementary', { name: 'Record details' })
      .getByRole('button', { name: 'Close details' })
      .click();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowDown');
    const stats = page.getByRole('status', { name: 'Selection statistics' });
    await expect
      .poll(() => stats.textContent())
      .toBe('3 cells · count 3 · distinct 3 · sum 345 · avg 115 · min 5 · max 300');
    await page.keyboard.press('Control+C');
    await expect
      .poll(() => page.getByRole('status', { name: 'Grid status' }).textContent())
      .toBe('Copied 3 cells as TSV.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('s\n300\n40\n5');
  });

  it('hides, reorders and pins columns, and keeps that arrangement for the next run', async () => {
    const headers = () => grid.getByRole('columnheader').allTextContents();
    const opener = page.getByRole('button', { name: 'Columns', exact: true });
    const focused = (l: Locator) => l.evaluate((el) => el === document.activeElement);
    await opener.click();
    const menu = page.getByRole('dialog', { name: 'Columns' });
    // The keyboard lands on the first column's checkbox, and Escape goes back to the opener.
    await expect.poll(() => focused(menu.getByRole('checkbox').first())).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => menu.count()).toBe(0);
    expect(await focused(opener)).toBe(true);
    await opener.click();
    await menu.getByRole('checkbox', { name: 's', exact: true }).uncheck();
    await expect.poll(headers).toEqual(['name']);
    await menu.getByRole('checkbox', { name: 's', exact: true }).check();
    await menu.getByRole('button', { name: 'Move s left' }).click();
    await expect.poll(headers).toEqual(['s', 'name']);
    // Dragging a header onto another moves the column there; dragging back restores the order.
    const header = (name: string) => grid.getByRole('columnheader', { name, exact: true });
    await header('name').getByRole('button').dragTo(header('s'));
    await expect.poll(headers).toEqual(['name', 's']);
    await header('s').getByRole('button').dragTo(header('name'));
    await expect.poll(headers).toEqual(['s', 'name']);
    await page.getByRole('textbox', { name: /DQL query/ }).focus();
    await page.keyboard.press('Control+Enter');
    await expect.poll(queryStatus, { timeout: 20_000 }).toMatch(/^3 records/);
    await expect.poll(headers).toEqual(['s', 'name']);
    await menu.getByRole('button', { name: 'Pin name' }).click();
    await expect.poll(headers).toEqual(['name', 's']);
    expect(await grid.getByRole('columnheader', { name: 'name' }).getAttribute('class')).toContain('pinned');
    await menu.getByRole('button', { name: 'Close columns' }).click();
    expect(await focused(opener)).toBe(true);
  });

  it('resizes a column from the keyboard by its handle, and keeps the width for the next run', async () => {
    const handle = grid.getByRole('separator', { name: 'Resize column s' });
    const width = async () =>
      (await grid.getByRole('columnheader', { name: 's', exact: true }).boundingBox())!.width;
    const before = await width();
    await handle.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    await expect.poll(width).toBeCloseTo(before + 80, 0);
    expect(Number(await handle.getAttribute('aria-valuenow'))).toBe(Math.round(before + 80));
    await page.keyboard.press('Home');
    await expect
      .poll(() => handle.getAttribute('aria-valuenow'))
      .toBe(await handle.getAttribute('aria-valuemin'));
    await page.keyboard.press('ArrowRight');
    await page.getByRole('textbox', { name: /DQL query/ }).focus();
    await page.keyboard.press('Control+Enter');
    await expect.poll(queryStatus, { timeout: 20_000 }).toMatch(/^3 records/);
    expect(await handle.getAttribute('aria-valuenow')).toBe('64');
  });

  it('draws timestamped records over time, and a one-cell result as a single value', async () => {
    const editor = page.getByRole('textbox', { name: /DQL query/ });
    const run = async (query: string, expected: RegExp) => {
      await editor.focus();
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Delete');
      await page.keyboard.insertText(query);
      await page.keyboard.press('Control+Enter');
      await expect.poll(queryStatus, { timeout: 20_000 }).toMatch(expected);
    };
    await run(
      'fetch bizevents\n| filter event.provider == "results.e2e"\n| fields timestamp, total',
      /^3 records/,
    );
    await page.getByRole('button', { name: 'Line chart' }).click();
    const chart = page.getByRole('img', { name: 'Line chart of total over timestamp: 1 series, 3 points' });
    await expect.poll(() => chart.getAttribute('aria-busy')).toBe('false');
    expect(await chart.locator('canvas').count()).toBe(1);
    await page.getByRole('button', { name: 'Area chart' }).click();
    const area = page.getByRole('img', { name: 'Area chart of total over timestamp: 1 series, 3 points' });
    await expect.poll(() => area.getAttribute('aria-busy')).toBe('false');
    expect(await area.locator('canvas').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Area chart' }).getAttribute('aria-pressed')).toBe('true');
    await page.getByRole('button', { name: 'Area chart' }).click();
    await grid.waitFor();
    await run(
      'fetch bizevents\n| filter event.provider == "results.e2e"\n| summarize count()',
      /^1 record\b/,
    );
    await page.getByRole('button', { name: 'Single value' }).click();
    expect(await page.getByRole('figure', { name: 'Single value of count()' }).textContent()).toBe(
      '3count()',
    );
    await page.getByRole('button', { name: 'Single value' }).click();
  });

  it('offers a pie only for parts of a whole, and draws it', async () => {
    await runQuery(
      page,
      'fetch bizevents\n| filter event.provider == "results.e2e"\n| summarize count(), by: {name}',
    );
    await expect.poll(queryStatus, { timeout: 20_000 }).toMatch(/^3 records/);
    const toggle = page.getByRole('button', { name: 'Pie chart' });
    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    const pie = page.getByRole('img', { name: /^Pie chart of count\(\) by name: / });
    await expect.poll(() => pie.getAttribute('aria-busy')).toBe('false');
    const label = (await pie.getAttribute('aria-label'))!;
    expect(label.replace(/^.*: /, '').split(', ').sort()).toEqual(['alpha 1', 'beta 1', 'gamma 1']);
    expect(await pie.locator('canvas').count()).toBe(1);
    await toggle.click();
    await grid.getByRole('cell', { name: 'beta' }).waitFor();
  });

  it('compares a run with a kept baseline by a key: added, removed and changed rows', async () => {
    const editor = page.getByRole('textbox', { name: /DQL query/ });
    // The previous test also leaves "3 records" in the status, so wait for a cell only this run has.
    const run = async (query: string, onlyHere: string) => {
      await editor.focus();
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Delete');
      await page.keyboard.insertText(query);
      await page.keyboard.press('Control+Enter');
      await grid.getByRole('cell', { name: onlyHere, exact: true }).waitFor({ timeout: 20_000 });
      await expect.poll(queryStatus, { timeout: 20_000 }).toMatch(/^3 records/);
    };
    await run(
      'data record(name = "a", total = 1), record(name = "b", total = 2), record(name = "c", total = 3)',
      'a',
    );
    await page.getByRole('button', { name: 'Keep as baseline' }).click();
    await run(
      'data record(name = "b", total = 2), record(name = "c", total = 4), record(name = "d", total = 5)',
      'd',
    );
    await page.getByRole('button', { name: 'Compare with baseline' }).click();
    const panel = page.getByRole('region', { name: 'Compare results' });
    expect(await panel.getByRole('checkbox', { name: 'name' }).isChecked()).toBe(true);
    await panel.getByRole('button', { name: 'Compare', exact: true }).click();
    expect(await panel.getByRole('status', { name: 'Compare summary' }).textContent()).toBe(
      '1 added, 1 removed, 1 changed, 1 unchanged',
    );
    expect(await panel.getByRole('table', { name: 'Changed rows' }).getByRole('cell').textContent()).toBe(
      'total: 3 → 4',
    );
    expect(await panel.getByRole('table', { name: 'Added rows' }).getByRole('rowheader').textContent()).toBe(
      '["d"]',
    );
    // A new run with the panel open makes the diff shown stale: it goes until Compare is pressed.
    await editor.focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(
      'data record(name = "b", total = 2), record(name = "c", total = 3), record(name = "e", total = 6), record(name = "f", total = 7)',
    );
    await page.keyboard.press('Control+Enter');
    await expect.poll(queryStatus, { timeout: 20_000 }).toMatch(/^4 records/);
    expect(await panel.getByRole('status', { name: 'Compare summary' }).count()).toBe(0);
    await panel.getByRole('button', { name: 'Compare', exact: true }).click();
    expect(await panel.getByRole('status', { name: 'Compare summary' }).textContent()).toBe(
      '2 added, 1 removed, 0 changed, 2 unchanged',
    );
    await panel.getByRole('button', { name: 'Close compare' }).click();
  });

  it('says when the result hit the record limit, and fetches more on request', async () => {
    const batch = Array.from({ length: 1001 }, (_, i) => ({
      'event.provider': 'results.limit',
      'event.type': 'tick',
      i,
    }));
    await page.getByRole('textbox', { name: 'Event payload' }).fill(JSON.stringify(batch));
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect
      .poll(() => page.getByRole('status', { name: 'Send result' }).textContent(), { timeout: 30_000 })
      .toMatch(/202/);
    await runQuery(page, 'fetch bizevents\n| filter event.provider == "results.limit"');
    await expect.poll(queryStatus, { timeout: 30_000 }).toMatch(/^1,000 records/);
    const banner = page.getByRole('alert', { name: 'Result truncated' });
    await expect.poll(() => banner.textContent()).toMatch(/only the first 1,000 records/);
    await banner.getByRole('button', { name: 'Fetch more' }).click();
    await expect.poll(queryStatus, { timeout: 30_000 }).toMatch(/^1,001 records/);
    expect(await banner.count()).toBe(0);
  });

  it('fetches more over the window the records on screen came from, not the one picked since', async () => {
    const picker = page.getByRole('combobox', { name: 'Timeframe' });
    await runQuery(page, 'fetch bizevents\n| filter event.provider == "results.limit"');
    await expect.poll(queryStatus, { timeout: 30_000 }).toMatch(/^1,000 records/);
    // A window without these events: fetching more over it would show none.
    await picker.selectOption({ label: 'Custom range…' });
    await page.getByLabel('From', { exact: true }).fill('2024-05-01T09:00');
    await page.getByLabel('To', { exact: true }).fill('2024-05-01T10:00');
    try {
      const banner = page.getByRole('alert', { name: 'Result truncated' });
      await banner.getByRole('button', { name: 'Fetch more' }).focus();
      await page.keyboard.press('Enter');
      await expect.poll(queryStatus, { timeout: 30_000 }).toMatch(/^1,001 records/);
    } finally {
      await picker.selectOption({ label: 'Last 2 hours' });
    }
  });

  it('fetches more of the records on screen after a failed re-run, not of the run that failed', async () => {
    const query = 'fetch bizevents\n| filter event.provider == "results.limit"';
    await runQuery(page, query);
    await expect.poll(queryStatus, { timeout: 30_000 }).toMatch(/^1,000 records/);
    await runQuery(page, `${query}\n| filter nosuchfunction(i)`);
    await expect.poll(queryStatus, { timeout: 30_000 }).toMatch(/^Latest run failed/);
    const banner = page.getByRole('alert', { name: 'Result truncated' });
    await banner.getByRole('button', { name: 'Fetch more' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(queryStatus, { timeout: 30_000 }).toMatch(/^1,001 records/);
  });

  it('fetches more when the byte limit cut the result, not only the record limit', async () => {
    const setMaxBytes = async (bytes: string) => {
      await page.getByRole('button', { name: 'Limits' }).click();
      const form = page.getByRole('form', { name: /^Query limits for / });
      await form.getByRole('spinbutton', { name: 'Max bytes' }).fill(bytes);
      await form.getByRole('button', { name: 'Save limits' }).click();
      await form.waitFor({ state: 'detached' });
    };
    await setMaxBytes('2000');
    try {
      await runQuery(page, 'fetch bizevents\n| filter event.provider == "results.limit"\n| fields i');
      const banner = page.getByRole('alert', { name: 'Result truncated' });
      await expect.poll(() => banner.count(), { timeout: 30_000 }).toBe(1);
      expect(await page.getByRole('list', { name: 'Query notifications' }).textContent()).toMatch(
        /limited to 2000 bytes/,
      );
      const cut = Number((await queryStatus())!.match(/^([\d,]+) records/)![1]!.replace(/,/g, ''));
      expect(cut).toBeLessThan(1000);
      // By keyboard: the editor's suggestion widget may overlap the banner.
      await banner.getByRole('button', { name: 'Fetch more' }).focus();
      await page.keyboard.press('Enter');
      await expect
        .poll(async () => Number((await queryStatus())?.match(/^([\d,]+) records/)?.[1]?.replace(/,/g, '')), {
          timeout: 30_000,
        })
        .toBeGreaterThan(cut);
    } finally {
      await setMaxBytes('1000000');
    }
  });
  it('shows a run at once, and cancelling it or a newer request during its cost check wins', async () => {
    // Before a run the tab asks main for the history (its cost check); here those replies can be
    // held. A later history reply shown on the page proves the earlier ones were handled: they
    // all come over one socket, in order.
    let hold = false;
    const held: (() => void)[] = [];
    const executed: string[] = [];
    const other = await page.context().newPage();
    await other.routeWebSocket(/\/ipc$/, (ws) => {
      const server = ws.connectToServer();
      const historyCalls = new Set<number>();
      ws.onMessage((message) => {
        const m = JSON.parse(String(message)) as { id: number; channel: string; args: [{ query?: string }] };
        if (m.channel.startsWith('history:')) historyCalls.add(m.id);
        if (m.channel === 'query:execute') executed.push(m.args[0].query ?? '');
        server.send(message);
      });
      server.onMessage((message) => {
        const m = JSON.parse(String(message)) as { t: string; id?: number };
        if (hold && m.t === 'reply' && historyCalls.has(m.id ?? -1)) held.push(() => ws.send(message));
        else ws.send(message);
      });
    });
    const release = () => {
      hold = false;
      for (const send of held.splice(0)) send();
    };
    await other.goto(app.url);
    await expect
      .poll(() => other.getByRole('status', { name: 'Environment status' }).textContent(), {
        timeout: 30_000,
      })
      .toMatch(/^Ready/);
    const status = () => other.getByRole('status', { name: 'Query status' }).textContent();
    await runQuery(other, 'fetch bizevents\n| filter event.provider == "results.limit"\n| fields i');
    await expect.poll(status, { timeout: 30_000 }).toMatch(/^1,000 records/);
    await other.getByRole('button', { name: 'History' }).click();
    const pastRuns = other.getByRole('region', { name: 'Query history' }).getByRole('listitem');
    await expect.poll(() => pastRuns.count()).toBeGreaterThan(0);
    const before = await pastRuns.count();
    const later = 'fetch bizevents\n| filter event.provider == "results.e2e"\n| fields name';

    // Cancelled during its cost check: never sent.
    hold = true;
    await runQuery(other, later);
    await expect.poll(() => held.length).toBe(1);
    expect(await status()).toBe('Running…');
    await other.getByRole('button', { name: 'Cancel query' }).click();
    await expect.poll(status).toMatch(/^1,000 records/);
    release();
    await pastRuns.first().getByRole('button', { name: 'Star' }).click();
    await pastRuns.first().getByRole('button', { name: 'Unstar' }).waitFor();
    expect(executed).not.toContain(later);
    expect(await status()).toMatch(/^1,000 records/);

    // "Fetch more" of the result still shown, while a newer run's cost check is under way.
    hold = true;
    await runQuery(other, later);
    await expect.poll(() => held.length).toBe(1);
    expect(await status()).toBe('Running…');
    await other
      .getByRole('alert', { name: 'Result truncated' })
      .getByRole('button', { name: 'Fetch more' })
      .focus();
    await other.keyboard.press('Enter');
    await expect.poll(status, { timeout: 30_000 }).toMatch(/^1,001 records/);
    await expect.poll(() => held.length).toBe(2); // the history's answer to that run
    release();
    await expect.poll(() => pastRuns.count()).toBe(before + 1);
    expect(executed).not.toContain(later);
    expect(await status()).toMatch(/^1,001 records/);
    await other.close();
  });

  it('moves a big result in pages: first rows at once, then every record, the last one reachable', async () => {
    const n = 20_500; // more than the first page main sends (20,000)
    const batch = Array.from({ length: n }, (_, i) => ({
      'event.provider': 'results.paged',
      'event.type': 'tick',
      i,
    }));
    await page.getByRole('textbox', { name: 'Event payload' }).fill(JSON.stringify(batch));
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect
      .poll(() => page.getByRole('status', { name: 'Send result' }).textContent(), { timeout: 60_000 })
      .toMatch(/202/);
    await runPaged(page);
    await expect
      .poll(() => page.locator('.results-count').textContent(), { timeout: 30_000 })
      .toBe('20,500 records');
    await grid.getByRole('cell').first().click();
    await page
      .getByRole('complementary', { name: 'Record details' })
      .getByRole('button', { name: 'Close details' })
      .click();
    await page.keyboard.press('Control+End');
    await grid.locator('tbody tr[aria-rowindex="20501"]').waitFor();
  });

  it('says plainly when a page of a big result fails, keeps the rows loaded, and retries', async () => {
    // A transport error (the reply is an error), or a result main no longer keeps (an unknown id).
    let fail: 'transport' | 'expired' | null = null;
    const other = await pageRoutingPages((m, ws, server) => {
      if (fail === 'transport') {
        fail = null;
        ws.send(
          JSON.stringify({ t: 'reply', id: m.id, error: 'The connection to the Bizlens host was lost.' }),
        );
      } else if (fail === 'expired') {
        fail = null;
        m.args[0].pageId = randomUUID();
        server.send(JSON.stringify(m));
      } else server.send(JSON.stringify(m));
    });
    const count = () => other.locator('.results-count').textContent();
    const failed = other.getByRole('alert', { name: 'Loading more records failed' });

    fail = 'transport';
    await runPaged(other);
    await expect
      .poll(() => failed.textContent(), { timeout: 30_000 })
      .toBe('Loading stopped at 20,000 / 20,500 records: The connection to the Bizlens host was lost. Retry');
    expect(await count()).toBe('20,000 records');
    expect(await other.getByRole('status', { name: 'Loading more records' }).count()).toBe(0);
    await other.getByRole('table', { name: 'Query results' }).getByRole('cell').first().waitFor();
    await failed.getByRole('button', { name: 'Retry' }).click();
    await expect.poll(count, { timeout: 30_000 }).toBe('20,500 records');
    expect(await failed.count()).toBe(0);

    fail = 'expired';
    await runPaged(other);
    await expect
      .poll(() => failed.textContent(), { timeout: 30_000 })
      .toBe(
        'Loading stopped at 20,000 / 20,500 records: This result is no longer kept; run the query again.',
      );
    // Asking again cannot help: no retry is offered, and the rows loaded stay.
    expect(await failed.getByRole('button', { name: 'Retry' }).count()).toBe(0);
    expect(await count()).toBe('20,000 records');
    await other.close();
  });

  it('says a big result is partial when a re-run that stopped its loading fails', async () => {
    // Its later pages are held back until the re-run has failed: they arrive for a replaced run.
    // Then they fail at once: the re-run keeps that reason, without the retry it can no longer do.
    let mode: 'hold' | 'fail' = 'hold';
    const held: (() => void)[] = [];
    const other = await pageRoutingPages((m, ws, server) => {
      if (mode === 'hold') held.push(() => server.send(JSON.stringify(m)));
      else
        ws.send(
          JSON.stringify({ t: 'reply', id: m.id, error: 'The connection to the Bizlens host was lost.' }),
        );
    });
    const count = () => other.locator('.results-count').textContent();
    const partial = other.getByRole('alert', { name: 'Loading more records failed' });
    const failingRerun = async () => {
      await runQuery(
        other,
        'fetch bizevents\n| filter event.provider == "results.paged"\n| filter nosuchfunction(i)',
      );
      await expect
        .poll(() => other.getByRole('status', { name: 'Query status' }).textContent(), { timeout: 30_000 })
        .toMatch(/^Latest run failed/);
    };
    await runPaged(other);
    await other.getByRole('status', { name: 'Loading more records' }).waitFor({ timeout: 30_000 });
    await failingRerun();
    expect(await partial.textContent()).toBe(
      'Loading stopped at 20,000 / 20,500 records: a newer run started before they all arrived.',
    );
    expect(await partial.getByRole('button', { name: 'Retry' }).count()).toBe(0);
    for (const send of held.splice(0)) send();
    await other.waitForTimeout(500);
    expect(await count()).toBe('20,000 records');

    mode = 'fail';
    await runPaged(other);
    await partial.getByRole('button', { name: 'Retry' }).waitFor({ timeout: 30_000 });
    await failingRerun();
    expect(await partial.textContent()).toBe(
      'Loading stopped at 20,000 / 20,500 records: The connection to the Bizlens host was lost.',
    );
    expect(await count()).toBe('20,000 records');
    await other.close();
  });

  it('counts a one-record result as “1 record”, not “1 records”', async () => {
    await runQuery(page, `${QUERY}\n| limit 1`);
    await expect.poll(queryStatus, { timeout: 20_000 }).toMatch(/^1 record /);
    await expect.poll(() => recordCount()).toBe('1 record');
    await page.getByRole('searchbox', { name: 'Filter results' }).fill('no such text');
    await expect.poll(() => recordCount()).toBe('0 of 1 record');
    await page.getByRole('searchbox', { name: 'Filter results' }).fill('');
  });

  it('gives a value in the record detail room beside a long field name', async () => {
    // Every field Grail adds, among them dt.openpipeline.pipelines: the longest name once set the
    // name column's width, and the values were squeezed into a few characters a line.
    await runQuery(page, 'fetch bizevents\n| filter event.provider == "results.e2e"\n| limit 1');
    await expect.poll(queryStatus, { timeout: 20_000 }).toMatch(/^1 record /);
    await grid.getByRole('cell', { name: 'results.e2e' }).first().click();
    const fields = page
      .getByRole('complementary', { name: 'Record details' })
      .getByRole('table', { name: 'Record fields' });
    await fields.getByRole('rowheader', { name: 'dt.openpipeline.pipelines' }).waitFor();
    const value = fields
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: 'event.provider', exact: true }) })
      .getByRole('cell')
      .first();
    const table = (await fields.boundingBox())!;
    const cell = (await value.boundingBox())!;
    expect(cell.width).toBeGreaterThan(table.width * 0.5);
    // 'results.e2e' fits on one line beside its actions' line: two lines, not one per few letters.
    const lineHeight = parseFloat(await value.evaluate((el) => getComputedStyle(el).lineHeight)) || 20;
    expect(cell.height).toBeLessThan(lineHeight * 3);
  });

  it('keeps the last records when a re-run fails, with the error marked as the latest run’s', async () => {
    await runQuery(page, QUERY);
    await expect.poll(queryStatus, { timeout: 20_000 }).toMatch(/^3 records/);
    await runQuery(page, `${QUERY}\n| filter nosuchfunction(total)`);
    await expect.poll(queryStatus, { timeout: 20_000 }).toMatch(/^Latest run failed: .*nosuchfunction/);
    expect(await queryStatus()).toMatch(/The records below are from the previous run\.$/);
    expect(await grid.getByRole('cell', { name: 'beta' }).count()).toBe(1);
    expect(await recordCount()).toMatch(/^3 records/);
    // A run that succeeds again replaces them, and the note goes.
    await runQuery(page, `${QUERY}\n| filter name == "beta"`);
    await expect.poll(queryStatus, { timeout: 20_000 }).toMatch(/^1 record /);
    expect(await grid.getByRole('cell', { name: 'alpha' }).count()).toBe(0);
  });

  it('keeps every export button inside the result toolbar in a narrow window', async () => {
    // At 1024 px the export buttons once ran past the toolbar's edge: Export Parquet was clipped.
    await page.setViewportSize({ width: 1024, height: 700 });
    try {
      const toolbar = (await page.getByRole('toolbar', { name: 'Result actions' }).boundingBox())!;
      const exports = page.getByRole('group', { name: 'Export' }).getByRole('button');
      expect(await exports.count()).toBe(5);
      for (const button of await exports.all()) {
        const box = (await button.boundingBox())!;
        expect(box.x + box.width, (await button.textContent()) ?? '').toBeLessThanOrEqual(
          toolbar.x + toolbar.width,
        );
      }
    } finally {
      await page.setViewportSize({ width: 1440, height: 900 });
    }
  });
});
