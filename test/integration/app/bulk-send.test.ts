// Bulk sending through the contract's handlers against the embedded sandbox: a file streamed in
// chunks (as the renderer sends it), a generator job, bad input that must send nothing (positioned
// errors), and cancellation.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore } from '../../../src-main/app/core';
import type { CallContext } from '../../../src-main/ipc/handler-types';
import { KeytarCredentialStore } from '../../../src-main/platform/keychain';
import { arrivalTimeframe } from '../../../src-shared/grail/arrival';
import { stableEventId } from '../../../src-shared/ingest/stable-id';
import type { BulkJobView } from '../../../src-shared/ipc/contract';

const service = `dev.bizlens.test.${randomUUID()}`;
const ENV = 'local-sandbox';
let dataDir: string;
let core: AppCore;
const ctx: CallContext = { signal: new AbortController().signal, emit: () => {} };
const progress: BulkJobView[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'bizlens-bulk-'));
  core = await createAppCore({ dataDir, edition: 'web', keychainService: service });
  core.bus.subscribe(
    (name, payload) => void (name === 'ingest:bulkProgress' && progress.push(payload as BulkJobView)),
  );
  await core.ready;
});

afterAll(async () => {
  await core.dispose();
  await new KeytarCredentialStore(service).delete('environment:local-sandbox:client-secret');
  await rm(dataDir, { recursive: true, force: true });
});

/** Resolves with the job's view once it reaches one of the states (progress events, then a list check). */
async function settled(
  jobId: string,
  states = ['done', 'failed', 'cancelled', 'paused'],
): Promise<BulkJobView> {
  for (;;) {
    const { jobs } = await core.handlers['ingest:bulkList']({}, ctx);
    const job = jobs.find((j) => j.jobId === jobId);
    if (job && states.includes(job.state)) return job;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Creates a file job, uploads `bytes` in chunks of `chunk` bytes (base64, as the renderer does) and starts it. */
async function sendFile(name: string, format: 'ndjson' | 'json-array' | 'csv', bytes: Uint8Array, chunk = 7) {
  const job = await core.handlers['ingest:bulkCreate'](
    {
      environmentId: ENV,
      source: { kind: 'file', name, format, size: bytes.length },
      batchEvents: 2,
      concurrency: 2,
    },
    ctx,
  );
  expect(job.state).toBe('receiving');
  for (let at = 0; at < bytes.length; at += chunk) {
    const data = Buffer.from(bytes.subarray(at, at + chunk)).toString('base64');
    await core.handlers['ingest:bulkUpload']({ jobId: job.jobId, offset: at, data }, ctx);
  }
  await core.handlers['ingest:bulkStart']({ jobId: job.jobId }, ctx);
  return settled(job.jobId);
}

async function counts(ids: string[]): Promise<Record<string, number>> {
  const window = arrivalTimeframe([], BigInt(Date.now()) * 1_000_000n);
  return (await core.handlers['ingest:countEvents']({ environmentId: ENV, ...window, eventIds: ids }, ctx))
    .counts;
}

const text = (s: string) => new TextEncoder().encode(s);

describe('bulk send on the embedded sandbox', () => {
  it('streams an NDJSON file in chunks (split inside characters), sends it, and every event arrives once', async () => {
    const own = [randomUUID(), randomUUID()];
    const lines = [
      { 'event.id': own[0], 'event.provider': 'bulk.test', 'event.type': 'file', city: 'Zürich' },
      { 'event.provider': 'bulk.test', 'event.type': 'file', note: '日本語 ✓' },
      { 'event.id': own[1], 'event.provider': 'bulk.test', 'event.type': 'file', n: 3 },
    ];
    const view = await sendFile(
      'orders.ndjson',
      'ndjson',
      text(lines.map((l) => JSON.stringify(l)).join('\n')),
    );
    expect(view).toMatchObject({ state: 'done', total: 3, sent: 3, failed: 0, label: 'orders.ndjson' });
    const generated = stableEventId(view.jobId, 1);
    expect(await counts([...own, generated])).toEqual({ [own[0]!]: 1, [own[1]!]: 1, [generated]: 1 });
    expect(progress.some((p) => p.jobId === view.jobId && p.state === 'sending')).toBe(true);
    expect(await core.handlers['ingest:bulkVerify']({ jobId: view.jobId }, ctx)).toEqual({
      found: 1,
      expected: 1,
      duplicates: 0,
      ownIds: 2,
    });
  });

  it('sends a generator job in batches with stable ids', async () => {
    const job = await core.handlers['ingest:bulkCreate'](
      {
        environmentId: ENV,
        source: {
          kind: 'generator',
          template: '{"event.provider":"bulk.test","event.type":"generated","total":0}',
          count: 250,
          seed: 7,
          fields: [{ field: 'total', kind: 'sequence', start: 1, step: 1 }],
        },
        batchEvents: 40,
        concurrency: 3,
      },
      ctx,
    );
    await core.handlers['ingest:bulkStart']({ jobId: job.jobId }, ctx);
    const view = await settled(job.jobId);
    expect(view).toMatchObject({ state: 'done', total: 250, sent: 250, failed: 0 });
    const ids = Array.from({ length: 250 }, (_, i) => stableEventId(job.jobId, i));
    const found = await counts(ids);
    expect(Object.keys(found)).toHaveLength(250);
    expect(Object.values(found).every((n) => n === 1)).toBe(true);
    expect(await core.handlers['ingest:bulkVerify']({ jobId: job.jobId }, ctx)).toEqual({
      found: 250,
      expected: 250,
      duplicates: 0,
      ownIds: 0,
    });
  });

  it('counts the events the server rejects (400 partial success) and stores the rest', async () => {
    const ids = [randomUUID(), randomUUID()];
    const batch = [
      { specversion: '1.0', id: ids[0], source: 's', type: 't' },
      { specversion: '1.0', id: ids[1], type: 't' }, // no source: the API rejects this one
    ];
    const view = await sendFile('ce.json', 'json-array', text(JSON.stringify(batch)), 1000);
    expect(view).toMatchObject({ state: 'done', total: 2, sent: 1, failed: 1 });
    expect(await counts(ids)).toEqual({ [ids[0]!]: 1 });
  });

  it.each([
    [
      'json-array',
      'bad.json',
      `[\n  {"event.id":"ID","a":1},\n  {"b": tru}\n]`,
      /^line 3, column 9: Not valid JSON/,
      3,
      9,
    ],
    [
      'csv',
      'ragged.csv',
      'event.id,a\nID,1\n2\n',
      /^row 3: The row has 1 cells; the header has 2/,
      3,
      undefined,
    ],
    [
      'ndjson',
      'deep.ndjson',
      `{"event.id":"ID"}\n{"a":${'['.repeat(100_000)}`,
      /^line 2, column 1005: .*nested deeper/,
      2,
      1005,
    ],
  ] as const)(
    'refuses %s input (%s) with a positioned error and sends nothing',
    async (format, name, body, message, line, column) => {
      const id = randomUUID();
      const view = await sendFile(name, format, text(body.replace('ID', id)), 4096);
      expect(view.state).toBe('failed');
      expect(view.error).toMatch(message);
      expect(view.errorLine).toBe(line);
      expect(view.errorColumn).toBe(column);
      expect(view.sent).toBe(0);
      expect(await counts([id])).toEqual({});
    },
  );

  it('refuses invalid UTF-8 with its line and column and sends nothing', async () => {
    const id = randomUUID();
    const bytes = new Uint8Array([...text(`{"event.id":"${id}"}\n{"a":"x`), 0xc3, 0x28, ...text('"}\n')]);
    const view = await sendFile('latin1.ndjson', 'ndjson', bytes, 3);
    expect(view).toMatchObject({ state: 'failed', errorLine: 2, errorColumn: 8 });
    expect(view.error).toContain('Invalid UTF-8');
    expect(await counts([id])).toEqual({});
  });

  it('cancels a running job: it stops, and says how far it got', async () => {
    const job = await core.handlers['ingest:bulkCreate'](
      {
        environmentId: ENV,
        source: {
          kind: 'generator',
          template: '{"event.type":"cancel.me"}',
          count: 1_000_000,
          seed: 1,
          fields: [],
        },
        batchEvents: 100,
        concurrency: 1,
      },
      ctx,
    );
    await core.handlers['ingest:bulkStart']({ jobId: job.jobId }, ctx);
    await settled(job.jobId, ['sending']);
    const cancelled = await core.handlers['ingest:bulkCancel']({ jobId: job.jobId }, ctx);
    expect(cancelled.state).toBe('cancelled');
    expect(cancelled.sent).toBeLessThan(1_000_000);
    await expect(core.handlers['ingest:bulkStart']({ jobId: job.jobId }, ctx)).rejects.toThrow(/cancelled/);
  });

  it('refuses an unknown environment before anything is journaled', async () => {
    await expect(
      core.handlers['ingest:bulkCreate'](
        {
          environmentId: 'no-such-env',
          source: { kind: 'generator', template: '{}', count: 1, seed: 1, fields: [] },
          batchEvents: 1,
          concurrency: 1,
        },
        ctx,
      ),
    ).rejects.toThrow();
    expect((await core.handlers['ingest:bulkList']({}, ctx)).jobs.map((j) => j.environmentId)).not.toContain(
      'no-such-env',
    );
  });
});
