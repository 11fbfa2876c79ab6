import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SavedQueryStore } from '../../../../src-main/services/query-saved';
import { QuerySettingsStore } from '../../../../src-main/services/query-settings';
import { DEFAULT_QUERY_SETTINGS } from '../../../../src-shared/ipc/contract';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bizlens-qstores-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('QuerySettingsStore', () => {
  it('gives the defaults until an environment has its own limits, and keeps them per environment', async () => {
    const path = join(dir, 'query-settings.json');
    const store = new QuerySettingsStore(path);
    expect(await store.get('a')).toEqual(DEFAULT_QUERY_SETTINGS);
    const mine = { maxResultRecords: 50, maxResultBytes: 2_000, scanLimitGBytes: 10 };
    await store.save('a', mine);
    expect(await new QuerySettingsStore(path).get('a')).toEqual(mine);
    expect(await store.get('b')).toEqual(DEFAULT_QUERY_SETTINGS);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('sets a corrupt file aside instead of failing', async () => {
    const path = join(dir, 'query-settings.json');
    await writeFile(path, '{"version":1,"environments":{"a":{"maxResultRecords":-3}}}');
    expect(await new QuerySettingsStore(path).get('a')).toEqual(DEFAULT_QUERY_SETTINGS);
    expect((await readdir(dir)).some((f) => f.startsWith('query-settings.json.corrupt-'))).toBe(true);
  });
});

describe('SavedQueryStore', () => {
  const now = () => new Date('2026-01-02T03:04:05Z');

  it("lists an environment's own and the global queries, by name", async () => {
    const store = new SavedQueryStore(join(dir, 'saved.json'), now);
    await store.save({ name: 'Orders', query: 'fetch bizevents', environmentId: 'prod' });
    await store.save({ name: 'All logs', query: 'fetch logs', environmentId: null });
    await store.save({ name: 'Dev only', query: 'fetch events', environmentId: 'dev' });
    const prod = await store.list('prod');
    expect(prod.queries.map((q) => q.name)).toEqual(['All logs', 'Orders']);
    expect(prod.queries[1]).toMatchObject({ environmentId: 'prod', savedAt: '2026-01-02T03:04:05.000Z' });
    expect((await store.list(null)).queries.map((q) => q.name)).toEqual(['All logs']);
  });

  it('replaces a query saved under the same name in the same place, and removes by id', async () => {
    const path = join(dir, 'saved.json');
    const store = new SavedQueryStore(path, now);
    await store.save({ name: ' Orders ', query: 'fetch bizevents', environmentId: 'prod' });
    const list = await store.save({
      name: 'Orders',
      query: 'fetch bizevents | limit 1',
      environmentId: 'prod',
    });
    expect(list.queries).toHaveLength(1);
    expect(list.queries[0]).toMatchObject({ name: 'Orders', query: 'fetch bizevents | limit 1' });
    // A global one of the same name is another query; answered for the viewer asked for.
    const both = await store.save({ name: 'Orders', query: 'fetch logs', environmentId: null }, 'prod');
    expect(both.queries).toHaveLength(2);
    const id = list.queries[0]!.id;
    expect((await store.remove(id, 'prod')).queries.map((q) => q.query)).toEqual(['fetch logs']);
    expect(JSON.parse(await readFile(path, 'utf8')).queries).toHaveLength(1);
  });

  it('does not lose saves made at the same time', async () => {
    const store = new SavedQueryStore(join(dir, 'saved.json'), now);
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        store.save({ name: `q${i}`, query: 'fetch logs', environmentId: null }),
      ),
    );
    expect((await store.list(null)).queries).toHaveLength(10);
  });
});
