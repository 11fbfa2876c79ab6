/**
 * Group commit in the event store: appends that arrive while a transaction runs share the next
 * one, yet each stays all or nothing, each resolves only once stored, and the stored order, the
 * sequence and the per-minute rollup are those of one append after the other.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openEventStore } from '../../../src-main/sandbox/store';
import type { EventStore } from '../../../src-main/sandbox/store';
import { loadCatalog } from '../../../src-main/sandbox/store-columns';
import { readStoredRow, storedLayout } from '../../../src-main/sandbox/store-rows';
import { DuckDBInstance } from '@duckdb/node-api';
import type { FlattenedEvent } from '../../../src-shared/grail/flatten';
import { timestampValue } from '../../../src-shared/grail/values';
import { prepareQuery, runPrepared } from '../../../src-shared/dql/engine';
import { flattenEvents } from './helpers';

const NOW = 1_780_000_000_000_000_000n;
const MINUTE_NS = 60_000_000_000n;

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function newDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'bizlens-group-'));
  dirs.push(dir);
  return dir;
}

const flatten = (payload: unknown[]): FlattenedEvent[] => flattenEvents(payload, NOW);

/** `n` events of batch `b`, a few minutes apart so the rollup has several rows. */
const batch = (b: number, n: number): FlattenedEvent[] =>
  flatten(
    Array.from({ length: n }, (_, i) => ({
      b,
      i,
      ...(i % 2 ? { n: i } : { s: `v${i}` }),
      timestamp: Number((NOW - BigInt(i % 3) * MINUTE_NS) / 1_000_000n),
    })),
  );

/** [batch, index in batch, seq] of every stored row, by seq (read after the store closed). */
async function storedRows(dir: string): Promise<[bigint, bigint, bigint][]> {
  const instance = await DuckDBInstance.create(join(dir, 'bizevents.duckdb'));
  const conn = await instance.connect();
  try {
    const layout = storedLayout(
      (await conn.run('SELECT * FROM bizevents LIMIT 0')).columnNames(),
      await loadCatalog(conn),
    );
    const r = await conn.runAndReadAll('SELECT * FROM bizevents ORDER BY seq');
    return r.getRows().map((values) => {
      const row = readStoredRow(layout, values);
      return [row.get('b') as bigint, row.get('i') as bigint, values[layout.seq] as bigint];
    });
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

describe('group commit', () => {
  it('stores appends made at once in their order, numbered one after the other', async () => {
    const dir = await newDir();
    const store = await openEventStore(dir);
    const sizes = [3, 1, 7, 2, 5, 4, 6, 1];
    // Not awaited one by one: all but the first arrive while the first one commits.
    await Promise.all(sizes.map((n, b) => store.append(batch(b, n), NOW)));
    expect(await store.count()).toBe(sizes.reduce((a, b) => a + b, 0));
    await store.close();
    const rows = await storedRows(dir);
    const expected = sizes.flatMap((n, b) => Array.from({ length: n }, (_, i) => [BigInt(b), BigInt(i)]));
    expect(rows.map(([b, i]) => [b, i])).toEqual(expected);
    expect(rows.map(([, , seq]) => seq)).toEqual(rows.map((_, k) => BigInt(k + 1)));
  });

  it('keeps the per-minute rollup equal to the rows, whichever way appends were grouped', async () => {
    const grouped = await openEventStore(await newDir());
    const oneByOne = await openEventStore(await newDir());
    const batches = Array.from({ length: 6 }, (_, b) => batch(b, 10 + b));
    await Promise.all(batches.map((events) => grouped.append(events, NOW)));
    for (const events of batches) await oneByOne.append(events, NOW);
    const totals = async (store: EventStore) => {
      const out = [];
      for (const m of [3n, 2n, 1n])
        out.push(
          await store.measure({
            table: 'bizevents',
            timeframe: { startNs: NOW - m * MINUTE_NS, endNs: NOW + MINUTE_NS },
          }),
        );
      return out;
    };
    const a = await totals(grouped);
    expect(a.at(0)?.records).toBe(batches.reduce((n, b) => n + b.length, 0));
    expect(a).toEqual(await totals(oneByOne));
    await grouped.close();
    await oneByOne.close();
  });

  it('rejects a bad append alone: the others made at the same time are stored whole', async () => {
    const dir = await newDir();
    const store = await openEventStore(dir);
    const bad = batch(1, 3);
    const first = bad[1] as FlattenedEvent;
    bad[1] = { ...first, fields: new Map(first.fields).set('timestamp', timestampValue(1n)) };
    const outcomes = await Promise.allSettled([
      store.append(batch(0, 2), NOW),
      store.append(bad, NOW),
      store.append(batch(2, 4), NOW),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await store.count()).toBe(6);
    // Later appends still go in after the failure.
    await store.append(batch(3, 1), NOW);
    await store.close();
    expect((await storedRows(dir)).map(([b]) => Number(b))).toEqual([0, 0, 2, 2, 2, 2, 3]);
  });

  it('adds the columns a group needs before storing it, for fields first seen in any append', async () => {
    const dir = await newDir();
    const store = await openEventStore(dir);
    await Promise.all([
      store.append(flatten([{ a: 'x' }]), NOW),
      store.append(flatten([{ b: 1 }, { a: 2 }]), NOW),
      store.append(flatten([{ c: true }]), NOW),
    ]);
    expect(await store.count()).toBe(4);
    await store.close();
    const instance = await DuckDBInstance.create(join(dir, 'bizevents.duckdb'));
    const conn = await instance.connect();
    const cols = await conn.runAndReadAll('SELECT field, vtype FROM sandbox_columns ORDER BY ord');
    conn.closeSync();
    instance.closeSync();
    expect(cols.getRows().filter(([f]) => ['a', 'b', 'c'].includes(String(f)))).toEqual([
      ['a', 's'],
      ['b', 'l'],
      ['a', 'l'],
      ['c', 'b'],
    ]);
  });

  it('adds a column first needed in a later chunk of a big append; the chunks before are stored once', async () => {
    const dir = await newDir();
    const store = await openEventStore(dir);
    const events = batch(0, 5000);
    const late = (i: number, value: unknown) => {
      const e = events[i] as FlattenedEvent;
      events[i] = { ...e, fields: new Map(e.fields).set('late', value as string) };
    };
    late(3000, 'x'); // a string column, chunk 2
    late(4500, 7n); // then a long one, chunk 3
    await store.append(events, NOW);
    expect(await store.count()).toBe(5000);
    const dql = `fetch bizevents, from: 0, to: ${NOW + MINUTE_NS} | filter isNotNull(late) | fields late`;
    const run = async (pushdown: boolean) => {
      const p = prepareQuery(dql, { nowNs: NOW, pushdown });
      if (!p.ok) throw new Error(p.error.message);
      const r = await runPrepared(p.prepared, { source: store, nowNs: NOW, maxResultRecords: 100 });
      return r.state === 'SUCCEEDED' ? r.records.map((row) => row.get('late')) : r;
    };
    const lateRows = await run(true);
    expect(lateRows).toEqual(await run(false));
    expect(lateRows).toEqual([7n, 'x']);
    await store.close();
    const rows = await storedRows(dir);
    expect(rows.map(([, i]) => Number(i))).toEqual(Array.from({ length: 5000 }, (_, i) => i));
    expect(rows.map(([, , seq]) => seq)).toEqual(rows.map((_, k) => BigInt(k + 1)));
  });

  it('stays exact when appends keep arriving while groups commit, some needing new columns', async () => {
    const dir = await newDir();
    const store = await openEventStore(dir);
    const pending: Promise<void>[] = [];
    const sizes = Array.from({ length: 24 }, (_, b) => 500 + ((b * 373) % 1500));
    for (const [b, n] of sizes.entries()) {
      const events = batch(b, n);
      if (b % 5 === 3) {
        // A field (and so a column) first seen in this append, while others are in flight.
        const e = events[n - 1] as FlattenedEvent;
        events[n - 1] = { ...e, fields: new Map(e.fields).set(`new${b}`, BigInt(b)) };
      }
      pending.push(store.append(events, NOW));
      // Let the store start on what it has: the next appends arrive while it appends and commits.
      await new Promise((r) => setImmediate(r));
    }
    await Promise.all(pending);
    const total = sizes.reduce((a, n) => a + n, 0);
    expect(await store.count()).toBe(total);
    const dql = `fetch bizevents, from: 0, to: ${NOW + MINUTE_NS} | summarize c = count(), s = sum(new8) + sum(new13) + sum(new18) + sum(new23)`;
    const p = prepareQuery(dql, { nowNs: NOW, pushdown: true });
    if (!p.ok) throw new Error(p.error.message);
    const r = await runPrepared(p.prepared, { source: store, nowNs: NOW, maxResultRecords: 10 });
    expect(r.state === 'SUCCEEDED' && r.records).toEqual([
      new Map<string, unknown>([
        ['c', BigInt(total)],
        ['s', 62],
      ]),
    ]);
    await store.close();
    const rows = await storedRows(dir);
    const expected = sizes.flatMap((n, b) => Array.from({ length: n }, (_, i) => [BigInt(b), BigInt(i)]));
    expect(rows.map(([b, i]) => [b, i])).toEqual(expected);
    expect(rows.map(([, , seq]) => seq)).toEqual(rows.map((_, k) => BigInt(k + 1)));
  });

  it('keeps the rollup table equal to the minutes recomputed from the rows', async () => {
    const dir = await newDir();
    const store = await openEventStore(dir);
    await Promise.all([0, 1, 2].map((b) => store.append(batch(b, 9), NOW)));
    await store.append(batch(3, 5), NOW); // adds to minutes already in the rollup
    await store.close();
    const instance = await DuckDBInstance.create(join(dir, 'bizevents.duckdb'));
    const conn = await instance.connect();
    const rollup = await conn.runAndReadAll(
      'SELECT minute, records, bytes FROM bizevents_minutes ORDER BY minute',
    );
    const fromRows = await conn.runAndReadAll(
      `SELECT ts_ns // 60000000000 AS minute, count(*), sum(fields_length) FROM bizevents
       GROUP BY minute ORDER BY minute`,
    );
    conn.closeSync();
    instance.closeSync();
    expect(rollup.getRows().length).toBe(3);
    expect(rollup.getRows().reduce((n, r) => n + Number(r[1]), 0)).toBe(32);
    expect(rollup.getRows().map((r) => r.map(String))).toEqual(fromRows.getRows().map((r) => r.map(String)));
  });
});
