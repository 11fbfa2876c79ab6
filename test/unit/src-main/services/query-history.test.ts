import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_PER_ENVIRONMENT, QueryHistoryStore } from '../../../../src-main/services/query-history';

let dir: string;
let path: string;
let clock = 0;
const store = () => new QueryHistoryStore(path, () => new Date(Date.UTC(2024, 0, 1) + clock++ * 1000));
const run = (environmentId: string, query: string) => ({
  environmentId,
  query,
  timeframe: 'Last 2 hours',
  state: 'SUCCEEDED' as const,
  durationMs: 12,
  records: 3,
  scannedBytes: 2048,
});

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bizlens-history-'));
  path = join(dir, 'query-history.json');
  clock = 0;
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('QueryHistoryStore', () => {
  it('keeps runs per environment, newest first, across instances', async () => {
    await store().add(run('sandbox', 'fetch bizevents'));
    await store().add(run('tenant', 'fetch logs'));
    const list = await store().add(run('sandbox', 'fetch bizevents | limit 1'));
    expect(list.entries.map((e) => e.query)).toEqual(['fetch bizevents | limit 1', 'fetch bizevents']);
    expect(list.entries[0]).toMatchObject({
      timeframe: 'Last 2 hours',
      records: 3,
      scannedBytes: 2048,
      starred: false,
    });
    expect((await store().list('tenant')).entries.map((e) => e.query)).toEqual(['fetch logs']);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('trims old unstarred runs but keeps starred ones', async () => {
    const s = store();
    const first = await s.add(run('sandbox', 'first'));
    await s.star(first.entries[0]!.id, true);
    await s.add(run('sandbox', 'second'));
    for (let i = 0; i < MAX_PER_ENVIRONMENT; i++) await s.add(run('sandbox', `q${i}`));
    const { entries } = await s.list('sandbox');
    expect(entries).toHaveLength(MAX_PER_ENVIRONMENT + 1);
    expect(entries.some((e) => e.query === 'first' && e.starred)).toBe(true);
    expect(entries.some((e) => e.query === 'second')).toBe(false);
  });

  it('sets a corrupt file aside instead of failing', async () => {
    await writeFile(path, '{"version": 1, "entries": [{"nope": true}]}');
    expect((await store().list('sandbox')).entries).toEqual([]);
    await store().add(run('sandbox', 'fetch bizevents'));
    expect((await readdir(dir)).some((f) => f.includes('.corrupt-'))).toBe(true);
    expect(JSON.parse(await readFile(path, 'utf8')).entries).toHaveLength(1);
  });
});
