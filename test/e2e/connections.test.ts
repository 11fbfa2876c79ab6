// Connecting to a "real tenant" in Chromium, by roles and accessible names: a second sandbox plays
// the tenant. Add it with an OAuth client that lacks storage:events:write, test the connection, see
// the missing-scope diagnosis and the IAM policy to add, fix it with a full client, run a query.
// Finally scan everything the app wrote (data dir, logs, page, socket frames) for the secrets used.
import { randomInt, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { KeytarCredentialStore } from '../../src-main/platform/keychain';
import { startSandbox, type RunningSandbox } from '../../src-main/sandbox/server';
import { createTestCa } from '../support/test-certs';
import { ROOT, launchChromium, startWebEdition, type WebEdition } from '../support/web-edition';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const random = (n: number) => Array.from({ length: n }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');

// Fresh secrets per run, in the documented format, so the leak scan below is meaningful.
const READ_CLIENT = { clientId: 'dt0s02.READONLY', clientSecret: `dt0s02.READONLY.${random(64)}` };
const FULL_CLIENT = { clientId: 'dt0s02.FULLACCS', clientSecret: `dt0s02.FULLACCS.${random(64)}` };
const READS = ['storage:bizevents:read', 'storage:buckets:read'];
const MARKER = `tenant-${randomUUID()}`;
const testCa = createTestCa();

let tenant: RunningSandbox;
let tenantDir: string;
let app: WebEdition;
let browser: Browser;
let page: Page;
/** Socket frames by direction: the page may send a secret once (save), main never sends one back. */
const frames: { sent: boolean; payload: string }[] = [];

beforeAll(async () => {
  tenantDir = await mkdtemp(join(tmpdir(), 'bizlens-tenant-'));
  tenant = await startSandbox({
    port: 0,
    dataDir: tenantDir,
    clients: [
      { ...READ_CLIENT, scopes: READS },
      { ...FULL_CLIENT, scopes: [...READS, 'storage:events:write'] },
    ],
  });
  app = await startWebEdition();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('websocket', (ws) => {
    ws.on('framereceived', (f) => frames.push({ sent: false, payload: String(f.payload) }));
    ws.on('framesent', (f) => frames.push({ sent: true, payload: String(f.payload) }));
  });
  await page.goto(app.url);
  await page.getByRole('combobox', { name: 'Environment', exact: true }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await tenant?.close();
  await rm(tenantDir, { recursive: true, force: true });
  testCa.dispose();
  const store = new KeytarCredentialStore(app.keychainService);
  await store.delete('environment:local-sandbox:client-secret');
  for (const id of addedIds) await store.delete(`environment:${id}:client-secret`);
});

const addedIds: string[] = [];

/** Replaces the query tab's text and runs it. */
async function runQuery(text: string): Promise<void> {
  await page.getByRole('textbox', { name: /DQL query/ }).focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
  await page.keyboard.press('Control+Enter');
}

/** Posts events to the tenant with the full client's token; the response status. */
async function ingestIntoTenant(events: unknown): Promise<number> {
  const token = (await (
    await fetch(`${tenant.url}/sso/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        ...{ client_id: FULL_CLIENT.clientId, client_secret: FULL_CLIENT.clientSecret },
        scope: 'storage:events:write',
      }),
    })
  ).json()) as { access_token: string };
  const ingest = await fetch(`${tenant.url}/platform/classic/environment-api/v2/bizevents/ingest`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token.access_token}`, 'content-type': 'application/json' },
    body: JSON.stringify(events),
  });
  return ingest.status;
}
const dialog = () => page.getByRole('dialog', { name: 'Connections' });
const checkRow = (label: RegExp) =>
  dialog()
    .getByRole('list', { name: 'Connection test results' })
    .getByRole('listitem')
    .filter({ hasText: label });

describe('connections to a tenant', () => {
  it('adds an environment with a client that lacks the write scope', async () => {
    await page.getByRole('button', { name: 'Connections' }).click();
    await dialog().getByRole('button', { name: 'Add environment' }).click();
    const form = dialog().getByRole('form', { name: 'New environment' });
    await form.getByRole('textbox', { name: 'Name' }).fill('Test tenant');
    await form.getByRole('textbox', { name: 'Environment URL' }).fill('https://abc 12.live.dynatrace.com');
    await expect.poll(() => form.getByText(/space or control character\. \(at character 12/).count()).toBe(1);
    // The token URL defaults to the SSO of the environment's stage, shown until overridden.
    await form
      .getByRole('textbox', { name: 'Environment URL' })
      .fill('https://abc12345.dev.apps.dynatracelabs.com/ui');
    await form
      .getByText('Default for this environment: https://sso-dev.dynatracelabs.com/sso/oauth2/token')
      .waitFor();
    expect(await form.getByRole('textbox', { name: 'Token URL' }).getAttribute('placeholder')).toBe(
      'https://sso-dev.dynatracelabs.com/sso/oauth2/token',
    );
    // A private key pasted as the CA certificate is refused on the spot, then removed.
    const ca = form.getByRole('textbox', { name: 'CA certificate (optional, PEM)' });
    await ca.fill('-----BEGIN PRIVATE KEY-----\nMIIE');
    await form.getByText(/This is a private key: paste only the CA certificate/).waitFor();
    expect(await ca.getAttribute('aria-invalid')).toBe('true');
    await form.getByRole('button', { name: 'Remove CA certificate' }).click();
    expect(await ca.inputValue()).toBe('');
    // A real CA certificate (e.g. a TLS-inspecting proxy's) is kept with the profile and described.
    await ca.fill(testCa.certPem);
    await form.getByText('1 certificate in PEM form.').waitFor();
    await form.getByRole('textbox', { name: 'Environment URL' }).fill(tenant.url);
    await expect
      .poll(() => form.getByText(`Classic API ${tenant.url} · Platform ${tenant.url}`).count())
      .toBe(1);
    expect(await form.getByRole('combobox', { name: 'Authentication' }).inputValue()).toBe('oauth');
    await form.getByRole('textbox', { name: 'Client ID' }).fill(READ_CLIENT.clientId);
    await form.getByLabel('Client secret').fill(READ_CLIENT.clientSecret);
    await form.getByRole('textbox', { name: 'Token URL' }).fill(`${tenant.url}/sso/oauth2/token`);
    expect(await form.getByRole('textbox', { name: 'Scopes' }).inputValue()).toBe(
      'storage:bizevents:read storage:buckets:read storage:events:write',
    );
    await form.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => dialog().getByRole('status', { name: 'Connections status' }).textContent())
      .toBe('Saved “Test tenant”.');
    // The form forgot the secret; main reports only that one is stored, with its identifier.
    expect(await dialog().getByLabel('Client secret').inputValue()).toBe('');
    await dialog().getByText(`Stored (${READ_CLIENT.clientId}) — leave empty to keep`).waitFor();
    await dialog()
      .getByRole('list', { name: 'Saved CA certificates' })
      .getByText(/^CN=Bizlens Test Root CA — valid until \d{4}-\d{2}-\d{2}$/)
      .waitFor();
  });

  it('tests it and explains the missing scope with the IAM policy to add', async () => {
    await dialog().getByRole('button', { name: 'Test connection' }).click();
    await checkRow(/Token endpoint/).waitFor({ timeout: 30_000 });
    expect(await checkRow(/Token endpoint/).textContent()).toMatch(
      /Failed.*lacks the scope storage:events:write/,
    );
    expect(await checkRow(/Query API/).textContent()).toMatch(/^OK/);
    expect(await checkRow(/Ingest API/).textContent()).toMatch(/Failed.*lacks storage:events:write/);
    const scopes = dialog().getByRole('table', { name: 'Scopes per feature' });
    expect(await scopes.getByRole('row', { name: /storage:events:write/ }).textContent()).toMatch(/missing/);
    expect(await scopes.getByRole('row', { name: /storage:bizevents:read/ }).textContent()).toMatch(
      /granted/,
    );
    expect(await dialog().getByLabel('Suggested IAM policy').textContent()).toBe(
      'ALLOW storage:events:write;',
    );
    const report = await dialog().getByRole('textbox', { name: 'Diagnostics report' }).inputValue();
    expect(report).toContain('Missing: storage:events:write');
    expect(report).not.toContain(READ_CLIENT.clientSecret.split('.')[2]!);
    await dialog().getByLabel('Suggested IAM policy').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ROOT, 'docs/connections.png') });
  });

  it('is fixed with a full client, and every check passes', async () => {
    const form = dialog().getByRole('form', { name: 'Edit Test tenant' });
    await form.getByRole('textbox', { name: 'Client ID' }).fill(FULL_CLIENT.clientId);
    await form.getByLabel('Client secret').fill(FULL_CLIENT.clientSecret);
    await form.getByRole('button', { name: 'Test connection' }).click();
    await expect
      .poll(() => dialog().getByRole('status', { name: 'Connection test summary' }).textContent(), {
        timeout: 30_000,
      })
      .toBe('All checks passed.');
    expect(await checkRow(/Ingest API/).textContent()).toMatch(/^OK.*nothing was stored/);
    expect(await dialog().getByLabel('Suggested IAM policy').count()).toBe(0);
    await dialog().getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => dialog().count()).toBe(0);
  });

  it('switches to the tenant from the top bar and runs a query there', async () => {
    // An event in the tenant that the embedded sandbox does not have.
    expect(await ingestIntoTenant({ 'event.type': 'e2e.marker', marker: MARKER })).toBe(202);

    const env = page.getByRole('combobox', { name: 'Environment', exact: true });
    await env.selectOption({ label: 'Test tenant' });
    await expect
      .poll(() => page.getByRole('status', { name: 'Environment status' }).textContent())
      .toMatch(/^Ready/);
    await runQuery('fetch bizevents');
    const grid = page.getByRole('table', { name: 'Query results' });
    await grid.getByText(MARKER).waitFor({ timeout: 30_000 });
    await expect
      .poll(() => page.getByRole('status', { name: 'Token lifetime' }).textContent())
      .toMatch(/^Token [45] min left$/);
    type Bridge = { bizlens: { invoke(c: string, r: unknown): Promise<unknown> } };
    const list = (await page.evaluate(() =>
      (window as unknown as Bridge).bizlens.invoke('environments:list', {}),
    )) as {
      value: { environments: { id: string; name: string }[]; selectedId: string };
    };
    const added = list.value.environments.find((e) => e.name === 'Test tenant')!;
    addedIds.push(added.id);
    expect(list.value.selectedId).toBe(added.id);
  });

  it('fetches more from the environment the records came from, after the tab switched to another', async () => {
    const provider = `fetch-more.${MARKER}`;
    const events = Array.from({ length: 1001 }, (_, i) => ({ 'event.provider': provider, i }));
    expect(await ingestIntoTenant(events)).toBe(202);
    const status = () => page.getByRole('status', { name: 'Query status' }).textContent();
    await runQuery(`fetch bizevents | filter event.provider == "${provider}"`);
    await expect.poll(status, { timeout: 30_000 }).toMatch(/^1,000 records/);
    // The embedded sandbox has none of these events: fetching more there would show none.
    const picker = page.getByRole('combobox', { name: /^Query \d+ runs on$/ }).locator('visible=true');
    await picker.selectOption({ value: 'local-sandbox' });
    try {
      const banner = page.getByRole('alert', { name: 'Result truncated' });
      await banner.getByRole('button', { name: 'Fetch more' }).focus();
      await page.keyboard.press('Enter');
      await expect.poll(status, { timeout: 30_000 }).toMatch(/^1,001 records/);
    } finally {
      await picker.selectOption({ value: '' });
    }
  });

  it('exports environments without secrets and calls a platform API from the console', async () => {
    await page.getByRole('button', { name: 'Connections' }).click();
    await dialog().getByRole('button', { name: 'Import or export' }).click();
    await dialog().getByRole('button', { name: 'Export environments' }).click();
    const exported = await dialog().getByRole('textbox', { name: 'Exported environments' }).inputValue();
    expect(JSON.parse(exported)).toMatchObject({
      format: 'bizlens-environments',
      environments: [{ name: 'Test tenant' }],
    });
    expect(exported).not.toContain(FULL_CLIENT.clientSecret.split('.')[2]!);
    // Importing it adds a copy; the export on screen follows at once (it is not a stale snapshot).
    await dialog().getByRole('textbox', { name: 'Environments to import' }).fill(exported);
    await dialog().getByRole('button', { name: 'Import', exact: true }).click();
    await expect
      .poll(async () =>
        (
          JSON.parse(await dialog().getByRole('textbox', { name: 'Exported environments' }).inputValue()) as {
            environments: { name: string }[];
          }
        ).environments.map((e) => e.name),
      )
      .toEqual(['Test tenant', 'Test tenant (2)']);
    await dialog().getByRole('button', { name: 'Close' }).click();

    await page.getByRole('button', { name: 'API console' }).click();
    const consoleDialog = page.getByRole('dialog', { name: 'API console' });
    await consoleDialog.getByRole('combobox', { name: 'Method' }).selectOption('POST');
    await consoleDialog
      .getByRole('textbox', { name: 'Path' })
      .fill('/platform/storage/query/v1/query:execute');
    await consoleDialog
      .getByRole('textbox', { name: 'Request body' })
      .fill(JSON.stringify({ query: 'fetch bizevents | limit 1', requestTimeoutMilliseconds: 5000 }));
    await consoleDialog.getByRole('button', { name: 'Send request' }).click();
    await expect
      .poll(() => consoleDialog.getByRole('status', { name: 'Response status' }).textContent(), {
        timeout: 20_000,
      })
      .toMatch(/^HTTP 200/);
    expect(await consoleDialog.getByLabel('Response body').textContent()).toContain(MARKER);
    const curl = await consoleDialog.getByRole('textbox', { name: 'curl command' }).inputValue();
    expect(curl).toContain(`curl -X POST '${tenant.url}/platform/storage/query/v1/query:execute'`);
    expect(curl).toContain('Authorization: Bearer $DT_TOKEN');
    await consoleDialog.getByRole('button', { name: 'Close' }).click();
  });

  it('left no secret or token in the data dir, the logs, the page or the socket', async () => {
    const sandboxSecret = await new KeytarCredentialStore(app.keychainService).get(
      'environment:local-sandbox:client-secret',
    );
    const secrets = [READ_CLIENT.clientSecret, FULL_CLIENT.clientSecret, sandboxSecret!];
    // The 64-character secret portions too: a leak of only the secret part is still a leak.
    const needles = [...secrets, ...secrets.map((s) => s.split('.')[2]!)];
    const jwt = /eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\./;

    const haystacks: [string, string][] = [
      ['stderr', app.stderr()],
      ['page', await page.content()],
      ...frames
        .filter((f) => !(f.sent && f.payload.includes('"environments:save"')))
        .map((f, i): [string, string] => [`${f.sent ? 'sent' : 'received'} frame ${i}`, f.payload]),
    ];
    const files = await readdir(app.dataDir, { recursive: true });
    expect(files.length).toBeGreaterThan(1);
    for (const f of files) {
      const path = join(app.dataDir, String(f));
      if (!(await stat(path)).isFile()) continue;
      haystacks.push([`file ${String(f)}`, (await readFile(path)).toString('latin1')]);
    }
    const hits: string[] = [];
    for (const [where, text] of haystacks) {
      for (const needle of needles) if (text.includes(needle)) hits.push(`${where}: secret`);
      if (jwt.test(text)) hits.push(`${where}: access token`);
    }
    expect(hits).toEqual([]);
    // The only place a secret crossed the boundary: the two saves, renderer → main.
    const saves = frames.filter((f) => f.sent && f.payload.includes('"environments:save"'));
    expect(saves.filter((f) => secrets.some((s) => f.payload.includes(s)))).toHaveLength(2);
    // The scan itself can fail: the settings file is there and names the tenant's client id.
    expect(
      haystacks.some(([w, t]) => w.startsWith('file settings.json') && t.includes(FULL_CLIENT.clientId)),
    ).toBe(true);
  });
});
