/**
 * Per-minute totals of the event table (`bizevents_minutes`: records and stored bytes per minute of
 * the time key), kept in the append's own transaction. A timeframe's totals — the scan statistics
 * of every pushed-down sort or aggregation — then read the whole minutes it covers from this small
 * table and only the rows of its two partial edge minutes from the event table, instead of summing
 * the stored sizes of every record (most of a `count()`'s time otherwise); store-timeframe.ts reads
 * them.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { floorDiv } from '../../src-shared/grail/timestamp';

const MINUTE_NS = 60_000_000_000n;

/**
 * Rows are only ever inserted, one per minute and append (readers sum them): two appends in
 * flight at once (store.ts) would conflict updating one row. `compactRollup` folds them.
 */
export const ROLLUP_TABLE = `
  CREATE TABLE IF NOT EXISTS bizevents_minutes (
    minute BIGINT NOT NULL, records BIGINT NOT NULL, bytes BIGINT NOT NULL
  );`;

/** Records and stored bytes per minute of the time key, gathered per ingest batch. */
export class MinuteTotals {
  readonly byMinute = new Map<bigint, { records: number; bytes: number }>();
  // The last row's minute: ingest batches mostly share one, and this skips a bigint division.
  private start = 1n;
  private end = 0n;
  private last: { records: number; bytes: number } | undefined;

  add(timestampNs: bigint, bytes: number): void {
    if (this.last === undefined || timestampNs < this.start || timestampNs >= this.end) {
      const m = floorDiv(timestampNs, MINUTE_NS);
      this.start = m * MINUTE_NS;
      this.end = this.start + MINUTE_NS;
      this.last = this.byMinute.get(m);
      if (this.last === undefined) this.byMinute.set(m, (this.last = { records: 0, bytes: 0 }));
    }
    this.last.records++;
    this.last.bytes += bytes;
  }
}

/**
 * The statement adding a batch's minutes to the rollup (empty when there are none): the caller
 * runs it in the append's own transaction, in the same round trip as its COMMIT.
 */
export function addToRollup(minutes: MinuteTotals): string {
  if (minutes.byMinute.size === 0) return '';
  // Bigints and integers only: safe to write inline.
  const values = [...minutes.byMinute]
    .map(([m, t]) => `(${m.toString()}, ${t.records}, ${t.bytes})`)
    .join(', ');
  return `INSERT INTO bizevents_minutes VALUES ${values};`;
}

/** One row per minute again (the caller owns the transaction); nothing to do when there is one. */
export async function compactRollup(conn: DuckDBConnection): Promise<void> {
  const r = await conn.runAndReadAll('SELECT count(*) > count(DISTINCT minute) FROM bizevents_minutes');
  if (r.getRows()[0]?.[0] !== true) return;
  await conn.run(`CREATE TEMP TABLE folded AS
    SELECT minute, sum(records)::BIGINT AS records, sum(bytes)::BIGINT AS bytes
    FROM bizevents_minutes GROUP BY minute`);
  await conn.run('DELETE FROM bizevents_minutes');
  await conn.run('INSERT INTO bizevents_minutes SELECT minute, records, bytes FROM folded');
  await conn.run('DROP TABLE folded');
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
