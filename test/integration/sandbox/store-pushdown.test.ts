/**
 * The DuckDB store against the engine's DataSource contract: a pushed-down plan (ORDER BY … LIMIT
 * in DuckDB) must give exactly what the pure evaluator gives over the same store, and the store's
 * own order must match the in-memory reference source.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { openEventStore } from '../../../src-main/sandbox/store';
import type { EventStore } from '../../../src-main/sandbox/store';
import { encodeRow } from '../../../src-main/sandbox/store-codec';
import { prepareQuery, runPrepared } from '../../../src-shared/dql/engine';
import type { DataSource, RunOutcome } from '../../../src-shared/dql/engine';
import { timestampValue } from '../../../src-shared/grail/values';
import type { Value } from '../../../src-shared/grail/values';
import type { FlattenedEvent } from '../../../src-shared/grail/flatten';
import { MemorySource } from '../../unit/src-shared/dql/engine/memory-source';
import { flattenEvents } from './helpers';

const NOW = 1_780_000_000_000_000_000n;
const NOW_MS = Number(NOW / 1_000_000n);
const MIN_MS = 60_000;

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function withStore<T>(fn: (store: EventStore) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'bizlens-store-'));
  dirs.push(dir);
  const store = await openEventStore(dir);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

const flatten = (payload: unknown[]): FlattenedEvent[] => flattenEvents(payload, NOW);

async function run(query: string, source: DataSource, maxResultRecords: number, pushdown: boolean) {
  const p = prepareQuery(query, { nowNs: NOW, pushdown });
  if (!p.ok) throw new Error(`${p.error.errorType}: ${p.error.message}`);
  const r = await runPrepared(p.prepared, { source, nowNs: NOW, maxResultRecords });
  if (r.state !== 'SUCCEEDED') throw new Error('not succeeded');
  return r;
}

const comparable = (r: Extract<RunOutcome, { state: 'SUCCEEDED' }>) => ({ ...r });

/**
 * Few distinct timestamps (ties are the interesting case), including both timeframe edges (start
 * inclusive, end exclusive) and the future; values of mixed types, and non-BMP text.
 */
const payloadArb = fc.record({
  timestamp: fc.constantFrom(
    NOW_MS - 150 * MIN_MS,
    NOW_MS - 120 * MIN_MS,
    NOW_MS - 61 * MIN_MS,
    NOW_MS - 30 * MIN_MS,
    NOW_MS - 1,
    NOW_MS,
    NOW_MS + 5 * MIN_MS,
  ),
  n: fc.oneof(
    fc.constant(null),
    fc.integer({ min: -3, max: 3 }),
    fc.constantFrom(1.5, -0.5),
    fc.constantFrom('a', '😀'),
  ),
  text: fc.string({ unit: 'binary', maxLength: 4 }),
  // A long-only field and a string key: what storage aggregates itself (typed columns).
  k: fc.oneof(fc.constant(null), fc.integer({ min: -5, max: 5 }), fc.constant(4_000_000_000_000)),
  g: fc.constantFrom(null, 'x', 'y', 'z'),
});
const batchesArb = fc.array(fc.array(payloadArb, { minLength: 1, maxLength: 8 }), { maxLength: 6 });
const op = fc.oneof(
  fc.integer({ min: 0, max: 40 }).map((k) => `limit ${k}`),
  fc.constantFrom(
    'sort timestamp',
    'sort timestamp asc',
    'sort timestamp desc',
    'sort timestamp, direction: "descending"',
    'sort timestamp desc, n',
    'sort n desc',
    'filter n > 1',
    'filter n == "a"',
    'filterOut n == 1.5',
    'filter isNotNull(n) and n <= 0',
    'filter n != 2',
    'filter timestamp >= now() - 45m',
    'filter text == "" or n < -0.5',
    'summarize count(), by: {n}',
    'summarize c = count()',
    'makeTimeseries count(), interval: 10m',
    'makeTimeseries c = count(default: 0), bins: 7',
    'makeTimeseries count(), interval: 1h, nonempty: true',
    'summarize s = sum(k), a = avg(k), lo = min(k), hi = max(k), by: {g}',
    'summarize count(), sum(k), by: {g, k}',
    'summarize avg(k), n = count()',
    'summarize sum(n), max(n), by: {g}',
    'summarize min(n), by: {text}',
    'filter g != "x" | summarize count(), avg(k), by: {g}',
    'filter k >= 0 | summarize max(k), by: {n}',
    'summarize count(), by: {g}',
  ),
);
const queryArb = fc
  .tuple(
    fc.constantFrom(
      'fetch bizevents',
      'fetch bizevents, from: -1h',
      'fetch bizevents, from: -3h, to: now() + 1h',
    ),
    fc.array(op, { maxLength: 3 }),
  )
  .map(([fetch, ops]) => [fetch, ...ops].join(' | '));

describe('event store with pushdown', () => {
  it("gives the pure evaluator's records, order and stats for random events and pipelines", async () => {
    await fc.assert(
      fc.asyncProperty(
        batchesArb,
        fc.array(fc.tuple(queryArb, fc.integer({ min: 0, max: 45 })), { minLength: 1, maxLength: 8 }),
        async (batches, queries) =>
          withStore(async (store) => {
            const stored: FlattenedEvent[] = [];
            for (const batch of batches) {
              const events = flatten(batch);
              await store.append(events, NOW);
              stored.push(...events);
            }
            const reference = new MemorySource(
              stored.map((e) => e.fields),
              (row) => encodeRow(row).length,
            );
            for (const [query, max] of queries) {
              const pushed = await run(query, store, max, true);
              const pure = await run(query, store, max, false);
              expect(comparable(pushed), query).toEqual(comparable(pure));
              expect(comparable(await run(query, reference, max, false)), query).toEqual(comparable(pure));
            }
          }),
      ),
      { numRuns: 40 },
    );
  });

  it('breaks timestamp ties newest-stored first in both orders, and cuts in DuckDB', async () => {
    await withStore(async (store) => {
      const at = NOW_MS - 10 * MIN_MS;
      await store.append(
        flatten([
          { i: 0, timestamp: at },
          { i: 1, timestamp: at - 1 },
        ]),
        NOW,
      );
      await store.append(
        flatten([
          { i: 2, timestamp: at },
          { i: 3, timestamp: at + 1 },
        ]),
        NOW,
      );
      const timeframe = { startNs: NOW - 3_600_000_000_000n, endNs: NOW };
      const order = async (o: 'asc' | 'desc', limit?: number) => {
        const out: unknown[] = [];
        for await (const r of store.scan({ table: 'bizevents', timeframe, order: o, limit }))
          out.push(r.row.get('i'));
        return out;
      };
      expect(await order('desc')).toEqual([3n, 2n, 0n, 1n]);
      expect(await order('asc')).toEqual([1n, 2n, 0n, 3n]);
      expect(await order('asc', 2)).toEqual([1n, 2n]);
      expect(await order('desc', 0)).toEqual([]);
      const bytes = (await collect(store, timeframe)).reduce((sum, text) => sum + text.length, 0);
      expect(await store.measure({ table: 'bizevents', timeframe })).toEqual({ records: 4, bytes });
    });
  });

  it('cuts a limited read in scan order even past the tie allowance (1,000 equal timestamps)', async () => {
    await withStore(async (store) => {
      const at = NOW_MS - 5 * MIN_MS;
      await store.append(flatten(Array.from({ length: 1_100 }, (_, i) => ({ i, timestamp: at }))), NOW);
      await store.append(flatten([{ i: 'older', timestamp: at - 1 }]), NOW);
      const timeframe = { startNs: NOW - 3_600_000_000_000n, endNs: NOW };
      const read = async (order: 'asc' | 'desc', limit: number) => {
        const out: unknown[] = [];
        for await (const r of store.scan({ table: 'bizevents', timeframe, order, limit }))
          out.push(r.row.get('i'));
        return out;
      };
      expect(await read('desc', 3)).toEqual([1099n, 1098n, 1097n]);
      expect(await read('asc', 3)).toEqual(['older', 1099n, 1098n]);
    });
  });

  it('measures any timeframe exactly from the per-minute totals and its partial edge minutes', async () => {
    await withStore(async (store) => {
      const MIN_NS = 60_000_000_000n;
      const base = 29_666_666n * MIN_NS; // a minute boundary
      const times = [
        -MIN_NS - 1n,
        -1n,
        0n,
        base - 1n,
        base,
        base + 1n,
        base + MIN_NS,
        base + 3n * MIN_NS + 7n,
      ];
      const events = times.map((ns, i) => ({
        index: i,
        timestampNs: ns,
        fields: new Map<string, Value>([
          ['timestamp', timestampValue(ns)],
          ['pad', 'x'.repeat(i)],
        ]),
      }));
      for (const e of events) await store.append([e], NOW); // one minute row updated several times
      const edges = [
        -2n * MIN_NS,
        -MIN_NS - 1n,
        0n,
        1n,
        base - 1n,
        base,
        base + 1n,
        base + 2n * MIN_NS,
        base + 4n * MIN_NS,
      ];
      for (const startNs of edges)
        for (const endNs of edges) {
          if (endNs <= startNs) continue;
          const inside = events.filter((e) => e.timestampNs >= startNs && e.timestampNs < endNs);
          expect(
            await store.measure({ table: 'bizevents', timeframe: { startNs, endNs } }),
            `${startNs}..${endNs}`,
          ).toEqual({
            records: inside.length,
            bytes: inside.reduce((sum, e) => sum + encodeRow(e.fields).length, 0),
          });
        }
    });
  });

  it('groups by a field no event has: nothing from an empty store, one null group otherwise', async () => {
    await withStore(async (store) => {
      const queries = [
        'fetch bizevents | summarize count(), by: {nope}',
        'fetch bizevents | summarize n = count(), s = sum(nope), by: {nope, other}',
      ];
      for (const q of queries) {
        const pushed = await run(q, store, 10, true);
        expect(pushed, q).toEqual(await run(q, store, 10, false));
        expect(pushed.records, q).toEqual([]);
      }
      await store.append(
        flatten([
          { a: 1, timestamp: NOW_MS - 1000 },
          { a: 2, timestamp: NOW_MS - 2000 },
        ]),
        NOW,
      );
      for (const q of queries) {
        const pushed = await run(q, store, 10, true);
        expect(pushed, q).toEqual(await run(q, store, 10, false));
        expect(pushed.records, q).toHaveLength(1);
      }
    });
  });

  it('reads an unlimited scan across pages, in order', async () => {
    await withStore(async (store) => {
      const events = Array.from({ length: 2500 }, (_, i) => ({ i, timestamp: NOW_MS - 1000 - (i % 7) }));
      await store.append(flatten(events), NOW);
      const r = await run('fetch bizevents | sort timestamp asc | sort i desc', store, 5000, true);
      expect(r.records.map((x) => x.get('i'))).toEqual(
        Array.from({ length: 2500 }, (_, i) => BigInt(2499 - i)),
      );
      expect(r.scannedRecords).toBe(2500);
      const asc = await run('fetch bizevents | sort timestamp asc', store, 5000, true);
      const pure = await run('fetch bizevents | sort timestamp asc', store, 5000, false);
      expect(comparable(asc)).toEqual(comparable(pure));
    });
  });

  it('stores a batch all or nothing', async () => {
    await withStore(async (store) => {
      const good = flatten([{ ok: 1 }]);
      const bad = { ...flatten([{ ok: 2 }])[0]!, timestampNs: 1n }; // fields' timestamp disagrees
      await expect(store.append([...good, bad], NOW)).rejects.toThrow(/timestamp/);
      expect(await store.count()).toBe(0);
      await store.append(good, NOW);
      expect(await store.count()).toBe(1);
    });
  });
});

async function collect(store: EventStore, timeframe: { startNs: bigint; endNs: bigint }): Promise<string[]> {
  const out: string[] = [];
  for await (const r of store.scan({ table: 'bizevents', timeframe })) out.push(encodeRow(r.row));
  return out;
}
