/**
 * Reading the event table in a scan's order (engine ScanRequest): keyset-paginated top-N queries,
 * `WHERE <timeframe> [AND <pushed filter>] ORDER BY ts_ns …, seq DESC LIMIT n`, so DuckDB filters,
 * sorts and cuts and a consumer that stops early stops the reading too. A page is streamed chunk
 * by chunk, and a row is decoded only when it is yielded, so nothing is decoded that no stage
 * asked for. Counts (a folded `summarize count()`) are one GROUP BY.
 *
 * Why pages and not one streamed ORDER BY: a full sort must finish before the first row; a top-N
 * does not, and with late materialization (openEventStore) it sorts only (ts_ns, seq, rowid) and
 * fetches the stored text of the rows it returns. Pages grow, so a full read costs O(log n) queries.
 *
 * Rows DuckDB's JSON reader cannot parse (store-filter-sql.ts) make a filtered request fall back to
 * filtering in JS, with the evaluator's own code, over an unfiltered scan.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type {
  CountBy,
  GroupCount,
  ScanCursor,
  ScanOrder,
  ScanRequest,
  ScanTotals,
  ScannedRecord,
} from '../../src-shared/dql/engine';
import { valueKey } from '../../src-shared/dql/engine/group-key';
import { isTimestamp } from '../../src-shared/grail/values';
import type { Row, Value } from '../../src-shared/grail/values';
import { decodeRowText, decodeValue } from './store-codec';
import {
  SqlParams,
  UNREADABLE_JSON_SQL,
  compileJsFilter,
  fieldValueSql,
  predicateSql,
} from './store-filter-sql';

/** First page of an unlimited scan; a limit up to MAX_PAGE is read in one page. */
const FIRST_PAGE = 1000;
export const MAX_PAGE = 16_384;

/** Ties (equal timestamps) newest-stored first in both orders, as the engine's ScanOrder says. */
const ORDER_BY: Readonly<Record<ScanOrder, string>> = {
  desc: 'ts_ns DESC, seq DESC',
  asc: 'ts_ns ASC, seq DESC',
};

/** Records strictly after / up to and including a cursor, in scan order. */
function afterCursor(order: ScanOrder, c: ScanCursor, params: SqlParams, inclusive: boolean): string {
  const ts = params.add(c.tsNs);
  const seq = params.add(c.seq);
  const later = order === 'desc' ? '<' : '>';
  if (inclusive) return `(ts_ns ${later === '<' ? '>' : '<'} ${ts} OR (ts_ns = ${ts} AND seq >= ${seq}))`;
  return `(ts_ns ${later} ${ts} OR (ts_ns = ${ts} AND seq < ${seq}))`;
}

/** The request's timeframe, and its pushed filter unless `withFilter` is false. */
function where(request: ScanRequest, params: SqlParams, withFilter: boolean): string {
  const tf = `ts_ns >= ${params.add(request.timeframe.startNs)} AND ts_ns < ${params.add(request.timeframe.endNs)}`;
  return withFilter && request.filter ? `${tf} AND ${predicateSql(request.filter.predicate, params)}` : tf;
}

/**
 * Whether SQL would read stored JSON (a pushed filter, or `readsFields`) over rows DuckDB's JSON
 * reader rejects in the request's timeframe.
 */
async function needsJsFilter(
  conn: DuckDBConnection,
  request: ScanRequest,
  readsFields = false,
): Promise<boolean> {
  if (!request.filter && !readsFields) return false;
  const params = new SqlParams();
  const r = await conn.runAndReadAll(
    `SELECT 1 FROM bizevents WHERE ${where(request, params, false)} AND ${UNREADABLE_JSON_SQL} LIMIT 1`,
    params.values,
  );
  return r.getRows().length > 0;
}

export async function* scanEvents(
  conn: DuckDBConnection,
  request: ScanRequest,
  isClosed: () => boolean,
): AsyncGenerator<ScannedRecord> {
  if (request.filter && (await needsJsFilter(conn, request))) {
    const matches = compileJsFilter(request.filter);
    let remaining = request.limit ?? Infinity;
    if (remaining <= 0) return;
    for await (const r of pages(conn, { ...request, filter: undefined, limit: undefined }, isClosed, false)) {
      if (!matches(r.row)) continue;
      yield r;
      if (--remaining <= 0) return;
    }
    return;
  }
  yield* pages(conn, request, isClosed, true);
}

async function* pages(
  conn: DuckDBConnection,
  request: ScanRequest,
  isClosed: () => boolean,
  withFilter: boolean,
): AsyncGenerator<ScannedRecord> {
  const order = request.order ?? 'desc';
  let remaining = request.limit ?? Infinity;
  let pageSize = FIRST_PAGE;
  let cursor: ScanCursor | undefined;
  while (remaining > 0) {
    const size = remaining <= MAX_PAGE ? remaining : pageSize;
    const params = new SqlParams();
    const after = cursor ? ` AND ${afterCursor(order, cursor, params, false)}` : '';
    const result = await conn.stream(
      `SELECT ts_ns, seq, fields FROM bizevents WHERE ${where(request, params, withFilter)}${after}
       ORDER BY ${ORDER_BY[order]} LIMIT ${size}`,
      params.values,
    );
    let read = 0;
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      for (const [ts, seq, fields] of chunk.getRows()) {
        const text = String(fields);
        read++;
        cursor = { tsNs: BigInt(String(ts)), seq: BigInt(String(seq)) };
        yield { row: decodeRowText(text), bytes: text.length, cursor };
      }
      if (isClosed()) return;
    }
    remaining -= read;
    if (read < size) return;
    pageSize = Math.min(pageSize * 2, MAX_PAGE);
  }
}

/** Count and stored size of a timeframe (through a cursor), from the narrow columns only. */
export async function measureEvents(
  conn: DuckDBConnection,
  request: ScanRequest,
  through?: ScanCursor,
): Promise<ScanTotals> {
  const params = new SqlParams();
  const upTo = through ? ` AND ${afterCursor(request.order ?? 'desc', through, params, true)}` : '';
  const r = await conn.runAndReadAll(
    `SELECT count(*), coalesce(sum(fields_length), 0) FROM bizevents WHERE ${where(request, params, false)}${upTo}`,
    params.values,
  );
  const [records, bytes] = r.getRows()[0] ?? [0, 0];
  return { records: Number(records), bytes: Number(bytes) };
}

/** A folded `summarize count() [by: field]`: one GROUP BY over the field's stored value. */
export async function countEvents(
  conn: DuckDBConnection,
  request: ScanRequest,
  by: CountBy,
): Promise<GroupCount[]> {
  if (await needsJsFilter(conn, request, by.kind === 'field')) return countInJs(conn, request, by);
  const params = new SqlParams();
  const filter = where(request, params, true);
  if (by.kind === 'all') {
    const r = await conn.runAndReadAll(`SELECT count(*) FROM bizevents WHERE ${filter}`, params.values);
    return [{ key: null, count: BigInt(String(r.getRows()[0]?.[0] ?? 0)) }];
  }
  if (by.kind === 'bins') {
    // Every timeframe record is at or after startNs (the range is aligned down): `//` is exact.
    const r = await conn.runAndReadAll(
      `SELECT (ts_ns - ${params.add(by.startNs)}) // ${params.add(by.intervalNs)} AS bin, count(*)
       FROM bizevents WHERE ${filter} GROUP BY bin`,
      params.values,
    );
    return r.getRows().map(([bin, n]) => ({ key: BigInt(String(bin)), count: BigInt(String(n)) }));
  }
  const value = fieldValueSql(by.field, params);
  const r = await conn.runAndReadAll(
    `SELECT v, count(*) FROM (SELECT ${value} AS v FROM bizevents WHERE ${filter}) GROUP BY v`,
    params.values,
  );
  return r.getRows().map(([v, n]) => ({
    key: v === null ? null : decodeValue(JSON.parse(String(v))),
    count: BigInt(String(n)),
  }));
}

function groupOf(row: Row, by: CountBy): Value {
  if (by.kind === 'field') return row.get(by.field) ?? null;
  if (by.kind === 'bins') {
    const ts = row.get('timestamp') ?? null;
    return isTimestamp(ts) ? (ts.ns - by.startNs) / by.intervalNs : null;
  }
  return null;
}

async function countInJs(conn: DuckDBConnection, request: ScanRequest, by: CountBy): Promise<GroupCount[]> {
  const groups = new Map<string, { key: Value; count: bigint }>();
  for await (const { row } of scanEvents(conn, { ...request, limit: undefined }, () => false)) {
    const key = groupOf(row, by);
    const k = valueKey(key);
    const g = groups.get(k) ?? { key, count: 0n };
    g.count++;
    groups.set(k, g);
  }
  return [...groups.values()];
}
