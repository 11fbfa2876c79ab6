import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import type { ExportColumn } from '../../../../src-shared/ipc/contract';
import { exportChunks } from '../../../../src-shared/results/export';
import { parquetColumnSpec, ResultParquetWriter } from '../../../../src-main/services/result-parquet';

/** A result as Grail sends it: longs and durations as digit strings, nanosecond timestamps. */
const RECORDS = [
  {
    timestamp: '2024-01-01T12:00:00.123456789Z',
    total: '9223372036854775807',
    price: 12.5,
    ok: true,
    'event.type': 'comma, "quote"\nnewline',
    took: '2500000000',
    items: ['a', 'b'],
    customer: { firstName: 'John' },
    hidden: 'not exported',
  },
  { timestamp: null, total: '-5', price: null, 'event.type': '', items: [] },
  null,
];
const COLUMNS: ExportColumn[] = [
  { name: 'timestamp', type: 'timestamp' },
  { name: 'total', type: 'long' },
  { name: 'price', type: 'double' },
  { name: 'ok', type: 'boolean' },
  { name: 'event.type', type: 'string' },
  { name: 'took', type: 'duration' },
  { name: 'items', type: 'array' },
  { name: 'customer', type: 'record' },
];

const writer = new ResultParquetWriter();
afterAll(() => writer.dispose());

async function readBack(file: string) {
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  try {
    const rows = await conn.runAndReadAll(`SELECT * FROM read_parquet('${file.replace(/'/g, "''")}')`);
    return {
      names: rows.columnNames(),
      types: rows.columnTypes().map(String),
      rows: rows.getRowObjectsJson(),
    };
  } finally {
    conn.closeSync();
    db.closeSync();
  }
}

describe('Parquet export', () => {
  it('round-trips a streamed result with typed columns (exact longs, ns timestamps, JSON for nested)', async () => {
    const id = await writer.begin();
    for (const part of exportChunks('ndjson', RECORDS, [], undefined, { chunk: 2 })) {
      await writer.append(id, part.text);
    }
    let dir = '';
    const back = await writer.finish(id, COLUMNS, async (file) => {
      dir = dirname(file);
      return readBack(file);
    });
    expect(back.names).toEqual(COLUMNS.map((c) => c.name));
    expect(back.types).toEqual([
      'TIMESTAMP_NS',
      'BIGINT',
      'DOUBLE',
      'BOOLEAN',
      'VARCHAR',
      'BIGINT',
      'VARCHAR',
      'VARCHAR',
    ]);
    expect(back.rows[0]).toEqual({
      timestamp: '2024-01-01 12:00:00.123456789',
      total: '9223372036854775807',
      price: 12.5,
      ok: true,
      'event.type': 'comma, "quote"\nnewline',
      took: '2500000000',
      items: '["a","b"]',
      customer: '{"firstName":"John"}',
    });
    expect(back.rows[1]).toMatchObject({
      timestamp: null,
      total: '-5',
      price: null,
      'event.type': '',
      items: '[]',
    });
    expect(back.rows).toHaveLength(3);
    expect(existsSync(dir)).toBe(false);
  });

  it('says clearly when a value does not fit its column type, and cleans up', async () => {
    const id = await writer.begin();
    await writer.append(id, `${JSON.stringify({ total: 'twelve' })}\n`);
    await expect(writer.finish(id, [{ name: 'total', type: 'long' }], async () => 'unused')).rejects.toThrow(
      /could not be written as Parquet/,
    );
    await expect(writer.append(id, '{}\n')).rejects.toThrow(/no longer in progress/);
  });

  it('quotes column names and types as literals', () => {
    expect(parquetColumnSpec([{ name: "it's", type: 'mixed' }, { name: 'n' }])).toBe(
      "{'it''s': 'VARCHAR', 'n': 'VARCHAR'}",
    );
  });
});
