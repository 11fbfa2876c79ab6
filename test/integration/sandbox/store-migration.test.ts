/**
 * Data dirs written by an older sandbox (schema 1: no fields_length; schema 2: no typed columns;
 * schema 3: an event_id column) open, migrated, with nothing lost.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { openEventStore } from '../../../src-main/sandbox/store';
import type { EventStore } from '../../../src-main/sandbox/store';
import { prepareQuery, runPrepared } from '../../../src-shared/dql/engine';
import { encodeRow } from '../../../src-main/sandbox/store-codec';
import { SCHEMA_VERSION } from '../../../src-main/sandbox/store-schema';
import { timestampValue } from '../../../src-shared/grail/values';
import type { Value } from '../../../src-shared/grail/values';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

const SCHEMA_1 = `
  CREATE TABLE bizevents (
    seq BIGINT PRIMARY KEY, ts_ns BIGINT NOT NULL, ingest_ns BIGINT NOT NULL, event_id VARCHAR,
    fields VARCHAR NOT NULL
  );
  CREATE TABLE sandbox_meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL);
  INSERT INTO sandbox_meta VALUES ('schemaVersion', '1');
`;

async function dataDirWith(setup: string, texts: readonly string[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'bizlens-migrate-'));
  dirs.push(dir);
  const instance = await DuckDBInstance.create(join(dir, 'bizevents.duckdb'));
  const conn = await instance.connect();
  await conn.run(setup);
  for (const [i, text] of texts.entries())
    await conn.run('INSERT INTO bizevents VALUES ($1, $2, $2, NULL, $3)', [
      BigInt(i + 1),
      1000n + BigInt(i),
      text,
    ]);
  conn.closeSync();
  instance.closeSync();
  return dir;
}

const SCHEMA_2 = `
  CREATE TABLE bizevents (
    seq BIGINT PRIMARY KEY, ts_ns BIGINT NOT NULL, ingest_ns BIGINT NOT NULL, event_id VARCHAR,
    fields VARCHAR NOT NULL, fields_length INTEGER NOT NULL
  );
  CREATE TABLE sandbox_meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL);
  INSERT INTO sandbox_meta VALUES ('schemaVersion', '2');
`;

async function schema2DataDir(rows: readonly Map<string, Value>[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'bizlens-migrate-'));
  dirs.push(dir);
  const instance = await DuckDBInstance.create(join(dir, 'bizevents.duckdb'));
  const conn = await instance.connect();
  await conn.run(SCHEMA_2);
  for (const [i, row] of rows.entries()) {
    const text = encodeRow(row);
    await conn.run('INSERT INTO bizevents VALUES ($1, $2, $2, NULL, $3, $4)', [
      BigInt(i + 1),
      1000n + BigInt(i),
      text,
      text.length,
    ]);
  }
  conn.closeSync();
  instance.closeSync();
  return dir;
}

async function query(store: EventStore, dql: string, pushdown: boolean) {
  const p = prepareQuery(dql, { nowNs: 1n << 62n, pushdown });
  if (!p.ok) throw new Error(p.error.message);
  return runPrepared(p.prepared, { source: store, nowNs: 1n << 62n, maxResultRecords: 100 });
}

/** Covers the schema-1 rows (timestamps from 1000 ns), not the event appended after migrating. */
const timeframe = { startNs: 1000n, endNs: 1n << 62n };

describe('store schema migration', () => {
  it('adds fields_length (UTF-16 length, as scans count bytes) to a schema-1 data dir', async () => {
    const texts = fc.sample(fc.string({ unit: 'binary', maxLength: 12 }), 60).map((s, i) =>
      encodeRow(
        new Map<string, Value>([
          ['timestamp', timestampValue(1000n + BigInt(i))],
          ['s', s],
        ]),
      ),
    );
    const dir = await dataDirWith(SCHEMA_1, texts);
    for (let opening = 0; opening < 2; opening++) {
      const store = await openEventStore(dir); // the second opening finds nothing to do
      try {
        const scanned: number[] = [];
        for await (const r of store.scan({ table: 'bizevents', timeframe, order: 'asc' }))
          scanned.push(r.bytes);
        expect(scanned).toEqual(texts.map((t) => t.length));
        expect(await store.measure({ table: 'bizevents', timeframe })).toEqual({
          records: texts.length,
          bytes: texts.reduce((sum, t) => sum + t.length, 0),
        });
        if (opening === 0)
          await store.append(
            [{ index: 0, timestampNs: 5n, fields: new Map([['timestamp', timestampValue(5n)]]) }],
            5n,
          );
        expect(await store.count()).toBe(texts.length + 1);
      } finally {
        await store.close();
      }
    }
  });

  it('fills the typed columns from a schema-2 data dir, so storage aggregates the old events too', async () => {
    const rows = Array.from(
      { length: 40 },
      (_, i) =>
        new Map<string, Value>([
          ['timestamp', timestampValue(1000n + BigInt(i))],
          ['kind', i % 3 === 0 ? 'a' : 'b'],
          ['amount', BigInt(i)],
          ...(i % 5 === 0 ? ([['odd', [1n]]] as [string, Value][]) : []),
        ]),
    );
    const dir = await schema2DataDir(rows);
    const dql = `fetch bizevents, from: ${1000}, to: ${1n << 61n}
      | summarize n = count(), s = sum(amount), hi = max(amount), by: {kind}`;
    for (let opening = 0; opening < 2; opening++) {
      const store = await openEventStore(dir);
      try {
        const pushed = await query(store, dql, true);
        expect(pushed).toEqual(await query(store, dql, false));
        if (pushed.state !== 'SUCCEEDED') throw new Error('not succeeded');
        expect(pushed.records).toEqual([
          new Map<string, Value>([
            ['kind', 'a'],
            ['n', 14n],
            ['s', 273],
            ['hi', 39n],
          ]),
          new Map<string, Value>([
            ['kind', 'b'],
            ['n', 26n],
            ['s', 507],
            ['hi', 38n],
          ]),
        ]);
        // The impure field (an array) is filtered from the stored text.
        const odd = await query(
          store,
          'fetch bizevents, from: 1000, to: 2000 | filter isNotNull(odd) | summarize count()',
          true,
        );
        expect(odd.state === 'SUCCEEDED' && odd.records).toEqual([new Map([['count()', 8n]])]);
        expect(await store.count()).toBe(40);
      } finally {
        await store.close();
      }
    }
  });

  it('drops the unread event_id column of a schema-3 data dir; appends then fill the right columns', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bizlens-migrate-'));
    dirs.push(dir);
    const old = (i: number) =>
      new Map<string, Value>([
        ['timestamp', timestampValue(1000n + BigInt(i))],
        ['event.id', `id-${i}`],
      ]);
    {
      const instance = await DuckDBInstance.create(join(dir, 'bizevents.duckdb'));
      const conn = await instance.connect();
      await conn.run(`
        CREATE TABLE bizevents (seq BIGINT NOT NULL, ts_ns BIGINT NOT NULL, ingest_ns BIGINT NOT NULL,
          event_id VARCHAR, fields VARCHAR NOT NULL, fields_length INTEGER NOT NULL, c0 VARCHAR);
        CREATE TABLE sandbox_columns (ord INTEGER PRIMARY KEY, field VARCHAR NOT NULL, vtype VARCHAR NOT NULL);
        INSERT INTO sandbox_columns VALUES (0, 'event.id', 's');
        CREATE TABLE sandbox_impure_fields (field VARCHAR PRIMARY KEY);
        CREATE TABLE sandbox_meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL);
        INSERT INTO sandbox_meta VALUES ('schemaVersion', '3');`);
      for (let i = 0; i < 3; i++) {
        const text = encodeRow(old(i));
        await conn.run('INSERT INTO bizevents VALUES ($1, $2, $2, $3, $4, $5, $3)', [
          BigInt(i + 1),
          1000n + BigInt(i),
          `id-${i}`,
          text,
          text.length,
        ]);
      }
      conn.closeSync();
      instance.closeSync();
    }
    const added = new Map<string, Value>([
      ['timestamp', timestampValue(2000n)],
      ['event.id', 'id-new'],
      ['n', 7n],
    ]);
    for (let opening = 0; opening < 2; opening++) {
      const store = await openEventStore(dir);
      try {
        if (opening === 0) await store.append([{ index: 0, timestampNs: 2000n, fields: added }], 2000n);
        const rows = [];
        for await (const r of store.scan({ table: 'bizevents', timeframe, order: 'asc' })) rows.push(r.row);
        expect(rows).toEqual([old(0), old(1), old(2), added]);
        const dql = `fetch bizevents, from: 1000, to: 3000 | filter n == 7 or event.id == "id-1" | fields event.id`;
        const pushed = await query(store, dql, true);
        expect(pushed).toEqual(await query(store, dql, false));
        expect(pushed.state === 'SUCCEEDED' && pushed.records.map((r) => r.get('event.id'))).toEqual([
          'id-new',
          'id-1',
        ]);
      } finally {
        await store.close();
      }
    }
    const instance = await DuckDBInstance.create(join(dir, 'bizevents.duckdb'));
    const conn = await instance.connect();
    const columns = await conn.runAndReadAll(
      `SELECT column_name FROM duckdb_columns() WHERE table_name = 'bizevents' AND column_name = 'event_id'`,
    );
    const version = await conn.runAndReadAll(`SELECT value FROM sandbox_meta WHERE key = 'schemaVersion'`);
    conn.closeSync();
    instance.closeSync();
    expect(columns.getRows()).toEqual([]);
    expect(version.getRows()).toEqual([[String(SCHEMA_VERSION)]]);
  });

  it('refuses a data dir from a newer sandbox', async () => {
    const dir = await dataDirWith(SCHEMA_1.replace("'1'", "'99'"), []);
    await expect(openEventStore(dir)).rejects.toThrow(/newer sandbox/);
    // The refusal released the data dir.
    await rm(join(dir, 'bizevents.duckdb'));
    await (await openEventStore(dir)).close();
  });
});
