/**
 * The sandbox in its worker thread (worker-host.ts), as the app runs it: the same HTTP API, and the
 * admin hook and fault setting across the thread boundary.
 */
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NO_FAULTS, parseFaultSpec } from '../../../src-main/sandbox/faults-spec';
import { startSandboxWorker } from '../../../src-main/sandbox/worker-host';
import { ingest, makeDataDir, query, requestToken } from './helpers';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function dataDir(): Promise<string> {
  const dir = await makeDataDir();
  dirs.push(dir);
  return dir;
}

describe('sandbox worker thread', () => {
  it('serves ingest and queries, reports stats, clears, applies faults before answering, and closes', async () => {
    const dir = await dataDir();
    const lines: string[] = [];
    const sandbox = await startSandboxWorker({ port: 0, dataDir: dir }, { log: (l) => lines.push(l) });
    try {
      expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const events = Array.from({ length: 3 }, (_, i) => ({ 'event.type': 'w', n: i }));
      expect((await ingest(sandbox.url, JSON.stringify(events))).status).toBe(202);
      const token = await requestToken(sandbox.url);
      const counted = await query(sandbox.url, token, 'fetch bizevents | summarize c = count()');
      expect(counted.result.records).toEqual([{ c: '3' }]);
      expect(await sandbox.admin.stats()).toMatchObject({ eventCount: 3 });
      expect(lines.some((l) => l.startsWith('POST /api/v2/bizevents/ingest 202'))).toBe(true);

      // In effect for the very next request once setFaults resolves.
      const always503 = parseFaultSpec('503=1,seed=1');
      await sandbox.setFaults(always503);
      expect(sandbox.faults()).toEqual(always503);
      expect((await ingest(sandbox.url, JSON.stringify(events))).status).toBe(503);
      await sandbox.setFaults(NO_FAULTS);
      expect((await ingest(sandbox.url, JSON.stringify(events))).status).toBe(202);

      await sandbox.admin.clear();
      expect(await sandbox.admin.stats()).toMatchObject({ eventCount: 0 });
    } finally {
      await sandbox.close();
    }
    await expect(fetch(sandbox.url)).rejects.toThrow();
    await expect(sandbox.admin.stats()).rejects.toThrow(/stopped/);
    // The thread released the data dir: it opens again.
    await (await startSandboxWorker({ port: 0, dataDir: dir })).close();
  });

  it('rejects with the reason when the sandbox cannot start, and ends the thread', async () => {
    const dir = await dataDir();
    const file = join(dir, 'not-a-dir');
    await writeFile(file, '');
    await expect(startSandboxWorker({ port: 0, dataDir: file })).rejects.toThrow(/not-a-dir|EEXIST|ENOTDIR/);
  });
});
