/**
 * Stored rows (store-rows.ts): the typed columns plus a text of the rest read back as the events
 * stored, also when a field that had typed values turns impure and is read from the text.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import { openEventStore } from '../../../src-main/sandbox/store';
import type { EventStore } from '../../../src-main/sandbox/store';
import type { FlattenedEvent } from '../../../src-shared/grail/flatten';
import { prepareQuery, runPrepared } from '../../../src-shared/dql/engine';
import type { Row } from '../../../src-shared/grail/values';
import { flattenEvents } from './helpers';

const NOW = 1_780_000_000_000_000_000n;

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

const flatten = (payload: unknown[]): FlattenedEvent[] => flattenEvents(payload, NOW);

async function query(store: EventStore, dql: string, pushdown: boolean): Promise<Row[]> {
  const p = prepareQuery(`fetch bizevents, from: 0, to: ${NOW + 1n} ${dql}`, { nowNs: NOW, pushdown });
  if (!p.ok) throw new Error(p.error.message);
  const r = await runPrepared(p.prepared, { source: store, nowNs: NOW, maxResultRecords: 1000 });
  if (r.state !== 'SUCCEEDED') throw new Error(JSON.stringify(r));
  return r.records;
}

describe('stored rows', () => {
  it('keeps finding the values a field had before it turned impure, with and without pushdown', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bizlens-rows-'));
    dirs.push(dir);
    let store = await openEventStore(dir);
    const typed = Array.from({ length: 10 }, (_, i) => ({ i, x: i % 4, s: 'a' }));
    await store.append(flatten(typed), NOW);
    // A NUL: DuckDB would not give it back as written, so `x` is read from the text from now on.
    await store.append(flatten([{ i: 10, x: 'a\u0000b', s: 'a' }]), NOW);
    const check = async () => {
      for (const pushdown of [true, false]) {
        const ones = await query(store, '| filter x == 1 | sort i asc | fields i', pushdown);
        expect(ones.map((r) => r.get('i'))).toEqual([1n, 5n, 9n]);
        const groups = await query(store, '| summarize n = count(), by: {x} | sort n desc', pushdown);
        expect(groups.map((r) => r.get('n'))).toEqual([3n, 3n, 2n, 2n, 1n]);
        const all = await query(store, '| sort i asc', pushdown);
        expect(all.map((r) => r.get('x'))).toEqual([0n, 1n, 2n, 3n, 0n, 1n, 2n, 3n, 0n, 1n, 'a\u0000b']);
        expect([...(all[0] as Row).keys()]).toEqual([...(flatten(typed)[0] as FlattenedEvent).fields.keys()]);
      }
    };
    await check();
    await store.close();
    store = await openEventStore(dir);
    try {
      await check();
    } finally {
      await store.close();
    }
  });

  // A string column that holds one value in all rows of a chunk is appended as one constant
  // vector (store-columns.ts ChunkWriter); the rows must read back as if appended one by one.
  it('reads back columns that are constant in some chunks (2,048 rows each) and not in others', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bizlens-rows-'));
    dirs.push(dir);
    const store = await openEventStore(dir);
    // The second chunk starts as the first one ends: with two rows of 'same'.
    const c = (i: number): string | undefined =>
      i < 2050 ? 'same' : i < 4096 ? (i === 3000 ? undefined : `v${i % 3}`) : 'last';
    const payload = Array.from({ length: 5000 }, (_, i) => ({
      i,
      ...(c(i) === undefined ? {} : { c: c(i) }),
    }));
    await store.append(flatten(payload), NOW);
    try {
      const expected = (from: number, to: number) => payload.slice(from, to).map((e) => e.c ?? null);
      for (const pushdown of [true, false]) {
        // Each chunk boundary, and the row without a value among varying ones.
        for (const [from, to] of [
          [2040, 2056],
          [2995, 3005],
          [4090, 4100],
        ] as const) {
          const rows = await query(store, `| filter i >= ${from} and i < ${to} | sort i asc`, pushdown);
          expect(rows.map((r) => r.get('c') ?? null)).toEqual(expected(from, to));
        }
        const groups = await query(store, '| summarize n = count(), by: {c, event.kind}', pushdown);
        const counts = Object.fromEntries(
          groups.map((r) => [`${String(r.get('c'))} ${String(r.get('event.kind'))}`, r.get('n')]),
        );
        const want: Record<string, bigint> = {};
        for (const e of payload) {
          const key = `${e.c ?? 'null'} BIZ_EVENT`;
          want[key] = (want[key] ?? 0n) + 1n;
        }
        expect(counts).toEqual(want);
        expect(counts['same BIZ_EVENT']).toBe(2050n);
      }
    } finally {
      await store.close();
    }
  });

  it('writes as text only what no typed column holds', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bizlens-rows-'));
    dirs.push(dir);
    const store = await openEventStore(dir);
    await store.append(flatten([{ a: 'x', n: 1, list: [1, 2] }]), NOW);
    await store.close();
    const instance = await DuckDBInstance.create(join(dir, 'bizevents.duckdb'));
    const conn = await instance.connect();
    try {
      const r = await conn.runAndReadAll('SELECT fields FROM bizevents');
      expect(r.getRows()).toEqual([['[["dt.openpipeline.pipelines",["bizevents:default"]]]']]);
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
  });
});
