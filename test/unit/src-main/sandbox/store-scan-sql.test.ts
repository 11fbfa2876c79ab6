/**
 * Statement values of the store's SQL (SqlParams): int64 bigints and printable-ASCII strings are
 * written inline, everything else is bound, and what is inlined reads back exactly in DuckDB.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { SqlParams } from '../../../../src-main/sandbox/store-filter-sql';

describe('SqlParams', () => {
  it('inlines int64 bigints and printable ASCII, binds the rest, and binds nothing when all inline', () => {
    const p = new SqlParams();
    expect(p.add(5n)).toBe('((5)::BIGINT)');
    expect(p.add(-(2n ** 63n))).toBe('((-9223372036854775808)::BIGINT)');
    expect(p.add("it's")).toBe("'it''s'");
    expect(p.bound).toBeUndefined();
    expect(p.add(2n ** 63n)).toBe('$1');
    expect(p.add('ünï')).toBe('$2');
    expect(p.add('tab\there')).toBe('$3');
    expect(p.add('nul\0')).toBe('$4');
    expect(p.add('lone \ud800')).toBe('$5');
    expect(p.bound).toEqual([2n ** 63n, 'ünï', 'tab\there', 'nul\0', 'lone \ud800']);
  });

  it('reads every inlined value back exactly', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    try {
      const values = [
        0n,
        -1n,
        2n ** 63n - 1n,
        -(2n ** 63n),
        '',
        "it's",
        "''",
        'a\\b',
        '%_*?',
        '$1',
        ' ~!@#"{}',
      ] as const;
      const p = new SqlParams();
      const sql = `SELECT ${values.map((v) => p.add(v)).join(', ')}`;
      expect(p.bound).toBeUndefined();
      const r = await conn.runAndReadAll(sql);
      expect(r.getRows()[0]).toEqual([...values]);
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
  });
});
