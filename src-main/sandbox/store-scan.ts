/**
 * Reading the event table in a scan's order (engine ScanRequest): keyset-paginated top-N queries,
 * `ORDER BY ts_ns …, seq DESC LIMIT n`, so DuckDB sorts and cuts and a consumer that stops early
 * stops the reading too. A page is streamed chunk by chunk, and a row is decoded only when it is
 * yielded, so nothing is decoded that no stage asked for.
 *
 * Why pages and not one streamed ORDER BY: a full sort must finish before the first row; a top-N
 * does not, and with late materialization (openEventStore) it sorts only (ts_ns, seq, rowid) and
 * fetches the stored text of the rows it returns. Pages grow, so a full read costs O(log n) queries.
 */
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import type { ScanOrder, ScanRequest, ScanTotals, ScannedRecord } from '../../src-shared/dql/engine';
import { decodeRowText } from './store-codec';

/** First page of an unlimited scan; a limit up to MAX_PAGE is read in one page. */
const FIRST_PAGE = 1000;
export const MAX_PAGE = 16_384;

/** Ties (equal timestamps) newest-stored first in both orders, as the engine's ScanOrder says. */
const ORDERS: Readonly<Record<ScanOrder, { orderBy: string; after: string }>> = {
  desc: { orderBy: 'ts_ns DESC, seq DESC', after: '(ts_ns < $3 OR (ts_ns = $3 AND seq < $4))' },
  asc: { orderBy: 'ts_ns ASC, seq DESC', after: '(ts_ns > $3 OR (ts_ns = $3 AND seq < $4))' },
};

export async function* scanEvents(
  conn: DuckDBConnection,
  request: ScanRequest,
  isClosed: () => boolean,
): AsyncGenerator<ScannedRecord> {
  const order = ORDERS[request.order ?? 'desc'];
  const { startNs, endNs } = request.timeframe;
  let remaining = request.limit ?? Infinity;
  let pageSize = FIRST_PAGE;
  let cursor: [DuckDBValue, DuckDBValue] | undefined;
  while (remaining > 0) {
    const size = remaining <= MAX_PAGE ? remaining : pageSize;
    const result = await conn.stream(
      `SELECT ts_ns, seq, fields FROM bizevents
       WHERE ts_ns >= $1 AND ts_ns < $2${cursor ? ` AND ${order.after}` : ''}
       ORDER BY ${order.orderBy} LIMIT ${size}`,
      cursor ? [startNs, endNs, ...cursor] : [startNs, endNs],
    );
    let read = 0;
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      for (const [ts, seq, fields] of chunk.getRows()) {
        const text = String(fields);
        read++;
        cursor = [ts ?? null, seq ?? null];
        yield { row: decodeRowText(text), bytes: text.length };
      }
      if (isClosed()) return;
    }
    remaining -= read;
    if (read < size) return;
    pageSize = Math.min(pageSize * 2, MAX_PAGE);
  }
}

/** Count and stored size of a timeframe, from the narrow columns only. */
export async function measureEvents(conn: DuckDBConnection, request: ScanRequest): Promise<ScanTotals> {
  const r = await conn.runAndReadAll(
    'SELECT count(*), coalesce(sum(fields_length), 0) FROM bizevents WHERE ts_ns >= $1 AND ts_ns < $2',
    [request.timeframe.startNs, request.timeframe.endNs],
  );
  const [records, bytes] = r.getRows()[0] ?? [0, 0];
  return { records: Number(records), bytes: Number(bytes) };
}
