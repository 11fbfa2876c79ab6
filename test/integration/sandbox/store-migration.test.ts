/** Data dirs written by an older sandbox (schema 1: no fields_length) open, migrated, with nothing lost. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { openEventStore } from '../../../src-main/sandbox/store';
import { encodeRow } from '../../../src-main/sandbox/store-codec';
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

  it('refuses a data dir from a newer sandbox', async () => {
    const dir = await dataDirWith(SCHEMA_1.replace("'1'", "'99'"), []);
    await expect(openEventStore(dir)).rejects.toThrow(/newer sandbox/);
    // The refusal released the data dir.
    await rm(join(dir, 'bizevents.duckdb'));
    await (await openEventStore(dir)).close();
  });
});
