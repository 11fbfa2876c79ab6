import { rm } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { READ_SCOPES, ingest, makeDataDir, query, requestToken, startTestSandbox } from './helpers';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('durability', () => {
  it('keeps every acknowledged event across a restart on the same data dir', async () => {
    const dataDir = await makeDataDir();
    dirs.push(dataDir);
    const first = await startTestSandbox({}, dataDir);
    const events = Array.from({ length: 250 }, (_, i) => ({
      seq: i,
      big: '9223372036854775807',
      n: 9223372036854775807n.toString(),
    }));
    const body = JSON.stringify(events).replace(/"n":"(\d+)"/g, '"n":$1'); // n as a JSON long
    expect((await ingest(first.url, body)).status).toBe(202);
    expect((await ingest(first.url, '{"seq":250,"nested":{"x":1.50}}')).status).toBe(202);
    const token = await requestToken(first.url, READ_SCOPES);
    const before = await query(first.url, token, 'fetch bizevents | sort seq', { maxResultRecords: 1000 });
    await first.sandbox.close();

    const second = await startTestSandbox({}, dataDir);
    try {
      // The signing key is durable too: a token issued before the restart still works.
      const after = await query(second.url, token, 'fetch bizevents | sort seq', { maxResultRecords: 1000 });
      expect(after.result.records).toHaveLength(251);
      expect(after.result.records).toEqual(before.result.records);
      expect(after.result.records[0]).toMatchObject({ seq: '0', n: '9223372036854775807' });
      expect(after.result.records[250]).toMatchObject({ seq: '250', nested: '{"x":1.50}' });
      expect((await ingest(second.url, '{"seq":251}')).status).toBe(202);
      expect((await query(second.url, token, 'fetch bizevents')).result.records).toHaveLength(252);
    } finally {
      await second.sandbox.close();
    }
  });

  it('refuses a data dir another sandbox holds, with a clear error', async () => {
    const dataDir = await makeDataDir();
    dirs.push(dataDir);
    const first = await startTestSandbox({}, dataDir);
    try {
      // DuckDB's file lock refuses other processes; the store refuses a second open in this one.
      await expect(startTestSandbox({}, dataDir)).rejects.toThrow(/already in use/);
      expect((await ingest(first.url, '{"still":"works"}')).status).toBe(202);
    } finally {
      await first.sandbox.close();
    }
  });
});
