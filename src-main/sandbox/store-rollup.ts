/**
 * Per-minute totals of the event table (`bizevents_minutes`: records and stored bytes per minute of
 * the time key), kept in the append's own transaction. A timeframe's totals — the scan statistics
 * of every pushed-down sort or aggregation — then read the whole minutes it covers from this small
 * table and only the rows of its two partial edge minutes from the event table, instead of summing
 * the stored sizes of every record (most of a `count()`'s time otherwise).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ScanTotals } from '../../src-shared/dql/engine';
import { floorDiv } from '../../src-shared/grail/timestamp';
import { SqlParams } from './store-filter-sql';

const MINUTE_NS = 60_000_000_000n;

export const ROLLUP_TABLE = `
  CREATE TABLE IF NOT EXISTS bizevents_minutes (
    minute BIGINT PRIMARY KEY, records BIGINT NOT NULL, bytes BIGINT NOT NULL
  );`;

/** Adds a batch's rows (time key, stored size) to the minutes; the caller owns the transaction. */
export async function addToRollup(
  conn: DuckDBConnection,
  rows: readonly { readonly timestampNs: bigint; readonly bytes: number }[],
): Promise<void> {
  const minutes = new Map<bigint, { records: number; bytes: number }>();
  for (const r of rows) {
    const m = floorDiv(r.timestampNs, MINUTE_NS);
    const t = minutes.get(m) ?? { records: 0, bytes: 0 };
    t.records++;
    t.bytes += r.bytes;
    minutes.set(m, t);
  }
  if (minutes.size === 0) return;
  // Bigints and integers only: safe to write inline.
  const values = [...minutes].map(([m, t]) => `(${m.toString()}, ${t.records}, ${t.bytes})`).join(', ');
  await conn.run(
    `INSERT INTO bizevents_minutes VALUES ${values}
     ON CONFLICT (minute) DO UPDATE SET records = records + excluded.records, bytes = bytes + excluded.bytes`,
  );
}

/** floor(ts_ns / 1 min) in integers (`//` and `%` truncate toward zero). */
const MINUTE_SQL = `(ts_ns // 60000000000 - CASE WHEN ts_ns % 60000000000 < 0 THEN 1 ELSE 0 END)`;

/** Rebuilds the minutes from the event table (a data dir from before the rollup). */
export async function rebuildRollup(conn: DuckDBConnection): Promise<void> {
  await conn.run('DELETE FROM bizevents_minutes');
  await conn.run(
    `INSERT INTO bizevents_minutes
     SELECT ${MINUTE_SQL} AS minute, count(*), sum(fields_length) FROM bizevents GROUP BY minute`,
  );
}

/** Records and stored bytes with the time key in [startNs, endNs). */
export async function timeframeTotals(
  conn: DuckDBConnection,
  startNs: bigint,
  endNs: bigint,
): Promise<ScanTotals> {
  const first = -floorDiv(-startNs, MINUTE_NS); // the first whole minute
  const last = floorDiv(endNs, MINUTE_NS); // the whole minutes end here
  const params = new SqlParams();
  const rows = (from: bigint, to: bigint): string =>
    `SELECT fields_length FROM bizevents WHERE ts_ns >= ${params.add(from)} AND ts_ns < ${params.add(to)}`;
  let sql: string;
  if (first >= last) {
    sql = `SELECT count(*), coalesce(sum(fields_length), 0) FROM (${rows(startNs, endNs)})`;
  } else {
    // Whole minutes from the rollup; each partial edge from its rows (a range the zone maps prune).
    sql = `WITH
        whole AS (SELECT coalesce(sum(records), 0) AS n, coalesce(sum(bytes), 0) AS b FROM bizevents_minutes
                  WHERE minute >= ${params.add(first)} AND minute < ${params.add(last)}),
        edges AS (SELECT count(*) AS n, coalesce(sum(fields_length), 0) AS b
                  FROM (${rows(startNs, first * MINUTE_NS)} UNION ALL ${rows(last * MINUTE_NS, endNs)}))
      SELECT whole.n + edges.n, whole.b + edges.b FROM whole, edges`;
  }
  const r = await conn.runAndReadAll(sql, params.values);
  const [records, bytes] = r.getRows()[0] ?? [0, 0];
  return { records: Number(records), bytes: Number(bytes) };
}
