// Ingestion health through the contract's handlers against the real embedded sandbox, loaded with a
// data set that holds a silent provider, duplicate event.ids and events without event.type or
// event.provider: each finding is detected exactly; then the canary probe and the report.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore } from '../../../src-main/app/core';
import type { CallContext } from '../../../src-main/ipc/handler-types';
import { KeytarCredentialStore } from '../../../src-main/platform/keychain';
import type { CanaryRun, HealthSnapshot } from '../../../src-shared/ipc/contract';
import { CANARY_PROVIDER } from '../../../src-shared/health/queries';
import { EXPECTED, healthDataSet, HOUR_MS } from './data-set';

const service = `dev.bizlens.test.${randomUUID()}`;
const ENV = 'local-sandbox';
let dataDir: string;
let core: AppCore;
const published: CanaryRun[] = [];
const ctx: CallContext = { signal: new AbortController().signal, emit: () => {} };
const now = Date.now();
const timeframe = {
  timeframeStart: new Date(now - HOUR_MS).toISOString(),
  timeframeEnd: new Date(now).toISOString(),
};
let snapshot: HealthSnapshot;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'bizlens-health-'));
  core = await createAppCore({ dataDir, edition: 'web', keychainService: service });
  core.bus.subscribe((name, payload) => {
    if (name === 'health:canaryResult') published.push(payload as CanaryRun);
  });
  await core.ready;
  const sent = await core.handlers['ingest:send'](
    { environmentId: ENV, body: JSON.stringify(healthDataSet(now)), contentType: 'application/json' },
    ctx,
  );
  expect(sent).toMatchObject({ status: 202, accepted: true });
  // Ingest is acknowledged before the events are queryable: wait for all of them.
  const all = healthDataSet(now).map((e) => e['event.id'] as string);
  const expected = [...new Set(all)].map((eventId) => ({
    eventId,
    count: all.filter((id) => id === eventId).length,
  }));
  const arrived = await core.handlers['ingest:confirmArrival'](
    {
      environmentId: ENV,
      requestId: 'health-seed',
      timeframeStart: new Date(now - 3 * HOUR_MS).toISOString(),
      timeframeEnd: new Date(now + HOUR_MS).toISOString(),
      expected,
      timeoutMs: 30_000,
    },
    ctx,
  );
  expect(arrived.state).toBe('arrived');
  snapshot = await core.handlers['health:run'](
    { requestId: 'health-1', environmentId: ENV, ...timeframe },
    ctx,
  );
});

afterAll(async () => {
  await core.dispose();
  await new KeytarCredentialStore(service).delete('environment:local-sandbox:client-secret');
  await rm(dataDir, { recursive: true, force: true });
});

describe('ingestion health on the embedded sandbox', () => {
  it('runs every panel without error and shows the DQL it ran', () => {
    expect(snapshot.panels.map((p) => p.id)).toEqual([
      'volume',
      'providers',
      'missing',
      'duplicates',
      'sizes',
    ]);
    for (const p of snapshot.panels) {
      expect(p.error, p.id).toBeUndefined();
      expect(p.query).toMatch(/^fetch bizevents, from: "/);
    }
    expect(snapshot.previous).toEqual({
      start: new Date(now - 2 * HOUR_MS).toISOString(),
      end: new Date(now - HOUR_MS).toISOString(),
    });
  });

  it('finds exactly the silent provider, the missing fields and the duplicates', () => {
    expect(snapshot.findings.map((f) => f.code)).toEqual([
      'silent-provider',
      'missing-provider',
      'missing-type',
      'duplicate-ids',
    ]);
    expect(snapshot.providers?.filter((p) => p.silent)).toEqual([
      expect.objectContaining({
        provider: EXPECTED.silentProvider,
        previous: EXPECTED.silentPrevious,
        current: 0,
      }),
    ]);
    expect(snapshot.providers?.find((p) => p.provider === 'web.shop')).toMatchObject({
      previous: 1,
      current: 9,
    });
    expect(snapshot.missing).toMatchObject({
      total: EXPECTED.current,
      missingType: EXPECTED.missingType,
      missingProvider: EXPECTED.missingProvider,
    });
    expect(snapshot.duplicates).toEqual({
      duplicatedIds: 2,
      extraCopies: 3,
      ids: EXPECTED.duplicates.map((d) => ({ ...d, providers: ['web.shop'] })),
      truncated: false,
    });
  });

  it('counts events per provider and type, and measures every event’s size', () => {
    const totals = Object.fromEntries(
      snapshot.volume!.series.map((s) => [`${s.provider}/${s.type}`, s.total]),
    );
    expect(totals).toEqual({ 'web.shop/order.placed': 7, 'web.shop/unknown': 2, 'unknown/order.placed': 1 });
    expect(snapshot.volume!.total).toBe(EXPECTED.current);
    const perBucket = snapshot.volume!.series.reduce(
      (sum, s) => sum + s.counts.reduce((a, b) => a + b, 0),
      0,
    );
    expect(perBucket).toBe(EXPECTED.current);
    expect(snapshot.sizes).toMatchObject({ sampled: EXPECTED.current });
    expect(snapshot.sizes!.buckets.reduce((s, b) => s + b.count, 0)).toBe(EXPECTED.current);
    expect(snapshot.sizes!.maxBytes).toBeGreaterThan(100);
  });

  it('runs the canary until it is queryable, keeps it in the history and never calls the canary silent', async () => {
    const run = await core.handlers['health:canaryRun']({ environmentId: ENV, timeoutMs: 30_000 }, ctx);
    expect(run).toMatchObject({ state: 'arrived', trigger: 'manual', status: 202 });
    expect(run.queryableMs).not.toBeNull();
    expect(run.polls).toBeGreaterThanOrEqual(1);
    expect(published).toContainEqual(run);
    const status = await core.handlers['health:canaryStatus']({ environmentId: ENV }, ctx);
    expect(status.history).toEqual([run]);
    const found = await core.handlers['ingest:countEvents'](
      {
        environmentId: ENV,
        eventIds: [run.eventId],
        timeframeStart: new Date(Date.now() - HOUR_MS).toISOString(),
        timeframeEnd: new Date(Date.now() + HOUR_MS).toISOString(),
      },
      ctx,
    );
    expect(found.counts[run.eventId]).toBe(1);
    // Stored "now"; a check over the hour before the canary sees it as active, not silent.
    const later = await core.handlers['health:run'](
      {
        requestId: 'health-2',
        environmentId: ENV,
        timeframeStart: new Date(Date.now() - HOUR_MS).toISOString(),
        timeframeEnd: new Date(Date.now() + 60_000).toISOString(),
      },
      ctx,
    );
    expect(later.providers?.find((p) => p.provider === CANARY_PROVIDER)).toMatchObject({
      canary: true,
      silent: false,
    });
  });

  it('runs the canary on an interval and stops when asked', async () => {
    const before = published.length;
    const started = await core.handlers['health:canarySchedule'](
      { environmentId: ENV, intervalSeconds: 15 },
      ctx,
    );
    expect(started.intervalSeconds).toBe(15);
    await expect.poll(() => published.length, { timeout: 30_000 }).toBeGreaterThan(before);
    expect(published.at(-1)).toMatchObject({ trigger: 'interval', state: 'arrived' });
    const stopped = await core.handlers['health:canarySchedule'](
      { environmentId: ENV, intervalSeconds: null },
      ctx,
    );
    expect(stopped.intervalSeconds).toBeNull();
  });

  it('exports a Markdown and an HTML report with the findings, environment and versions', async () => {
    const md = await core.handlers['health:report']({ environmentId: ENV, format: 'markdown' }, ctx);
    expect(md.fileName).toMatch(/^bizlens-health-.*\.md$/);
    expect(md.text).toContain('Provider “legacy.shop” went silent');
    expect(md.text).toContain('2 event.ids stored more than once');
    expect(md.text).toMatch(/URL: http:\/\/127\.0\.0\.1:\d+/);
    expect(md.text).toMatch(/Bizlens \d+\.\d+\.\d+/);
    expect(md.text).toContain('```dql\nfetch bizevents');
    const html = await core.handlers['health:report']({ environmentId: ENV, format: 'html' }, ctx);
    expect(html.mimeType).toBe('text/html');
    expect(html.text).toContain('<h2>Findings</h2>');
    // The sandbox client secret lives in the keychain; it must not be in either report.
    const secret = await new KeytarCredentialStore(service).get('environment:local-sandbox:client-secret');
    expect(secret).toBeTruthy();
    for (const text of [md.text, html.text]) {
      expect(text).not.toContain(secret!);
      expect(text).not.toMatch(/Bearer\s+(?!\[REDACTED\])\S/);
    }
  });
});
