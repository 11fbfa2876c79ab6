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
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
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
import { floorDiv } from '../../src-shared/grail/timestamp';
import { isTimestamp } from '../../src-shared/grail/values';
import type { Row, Value } from '../../src-shared/grail/values';
import { decodeValue } from './store-codec';
import { readStoredRow, storedLayout } from './store-rows';
import type { StoredLayout } from './store-rows';
import type { ColumnCatalog } from './store-columns';
import {
  SqlParams,
  UNREADABLE_JSON_SQL,
  compileJsFilter,
  fieldValueSql,
  predicateReadsText,
  predicateSql,
  queryRows,
  queryTable,
} from './store-filter-sql';
import { floorDivSql, timeframeTotals } from './store-timeframe';
import { typedKeySql } from './store-typed-values';

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
export function where(
  request: ScanRequest,
  params: SqlParams,
  withFilter: boolean,
  catalog?: ColumnCatalog,
): string {
  const tf = `ts_ns >= ${params.add(request.timeframe.startNs)} AND ts_ns < ${params.add(request.timeframe.endNs)}`;
  return withFilter && request.filter
    ? `${tf} AND ${predicateSql(request.filter.predicate, params, catalog, true)}`
    : tf;
}

/**
 * Whether SQL would read stored JSON (a pushed filter, or `readsFields`) over rows DuckDB's JSON
 * reader rejects in the request's timeframe.
 */
async function needsJsFilter(
  conn: DuckDBConnection,
  request: ScanRequest,
  catalog: ColumnCatalog,
  readsFields = false,
): Promise<boolean> {
  const readsText = request.filter ? predicateReadsText(request.filter.predicate, catalog) : false;
  if (!readsText && !readsFields) return false;
  const params = new SqlParams();
  const r = await queryRows(
    conn,
    `SELECT 1 FROM bizevents WHERE ${where(request, params, false)} AND ${UNREADABLE_JSON_SQL} LIMIT 1`,
    params.bound,
  );
  return r.length > 0;
}

export async function* scanEvents(
  conn: DuckDBConnection,
  request: ScanRequest,
  catalog: ColumnCatalog,
  isClosed: () => boolean,
): AsyncGenerator<ScannedRecord> {
  if (request.filter && (await needsJsFilter(conn, request, catalog))) {
    const matches = compileJsFilter(request.filter);
    let remaining = request.limit ?? Infinity;
    if (remaining <= 0) return;
    const unfiltered = { ...request, filter: undefined, limit: undefined };
    for await (const r of pages(conn, unfiltered, catalog, isClosed, false)) {
      if (!matches(r.row)) continue;
      yield r;
      if (--remaining <= 0) return;
    }
    return;
  }
  yield* pages(conn, request, catalog, isClosed, true);
}

async function* pages(
  conn: DuckDBConnection,
  request: ScanRequest,
  catalog: ColumnCatalog,
  isClosed: () => boolean,
  withFilter: boolean,
): AsyncGenerator<ScannedRecord> {
  const order = request.order ?? 'desc';
  let remaining = request.limit ?? Infinity;
  let pageSize = FIRST_PAGE;
  let cursor: ScanCursor | undefined;
  if (remaining > 0 && remaining <= MAX_PAGE) {
    const top = await topByTime(conn, request, catalog, withFilter, remaining);
    if (top) {
      for (const r of top.rows) {
        if (isClosed()) return;
        yield stored(top.layout, r);
      }
      return;
    }
  }
  while (remaining > 0) {
    const size = remaining <= MAX_PAGE ? remaining : pageSize;
    const params = new SqlParams();
    const after = cursor ? ` AND ${afterCursor(order, cursor, params, false)}` : '';
    const result = await conn.stream(
      `SELECT * FROM bizevents WHERE ${where(request, params, withFilter, catalog)}${after}
       ORDER BY ${ORDER_BY[order]} LIMIT ${size}`,
      params.bound,
    );
    const layout = storedLayout(result.columnNames(), catalog);
    let read = 0;
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      for (const values of chunk.getRows()) {
        read++;
        const record = stored(layout, values);
        cursor = record.cursor;
        yield record;
      }
      if (isClosed()) return;
    }
    remaining -= read;
    if (read < size) return;
    pageSize = Math.min(pageSize * 2, MAX_PAGE);
  }
}

/** Rows sharing the cut-off timestamp a limited read takes beyond its size before it pages instead. */
const TIE_ALLOWANCE = 1000;

/**
 * A limited read in two cheap queries instead of one top-N that carries the stored text (DuckDB's
 * late materialization re-scans the table for it, and a second sort key slows the top-N): first
 * the cut-off timestamp of the `size`-th record, from the time key alone; then the records at or
 * beyond it, the filter on the narrow column first, so only those few texts are read. Ties are
 * put in scan order here. Undefined when the second read does not hold the answer for sure (more
 * ties than allowed, or records removed in between): the caller pages with the full order.
 */
async function topByTime(
  conn: DuckDBConnection,
  request: ScanRequest,
  catalog: ColumnCatalog,
  withFilter: boolean,
  size: number,
): Promise<{ layout: StoredLayout; rows: DuckDBValue[][] } | undefined> {
  const order = request.order ?? 'desc';
  const params = new SqlParams();
  const cond = where(request, params, withFilter, catalog);
  const times = await queryRows(
    conn,
    `SELECT ts_ns FROM bizevents WHERE ${cond} ORDER BY ts_ns ${order === 'desc' ? 'DESC' : 'ASC'} LIMIT ${size}`,
    params.bound,
  );
  const beyond =
    times.length < size
      ? ''
      : ` AND ts_ns ${order === 'desc' ? '>=' : '<='} ${params.add(BigInt(String(times[size - 1]?.[0])))}`;
  const cap = size + TIE_ALLOWANCE;
  const { names, rows } = await queryTable(
    conn,
    `SELECT * FROM bizevents WHERE ${cond}${beyond} LIMIT ${cap}`,
    params.bound,
  );
  const layout = storedLayout(names, catalog);
  if (rows.length >= cap || rows.length < times.length) return undefined;
  const sign = order === 'desc' ? -1 : 1;
  const key = (r: DuckDBValue[]): [bigint, bigint] => [r[layout.tsNs] as bigint, r[layout.seq] as bigint];
  rows.sort((a, b) => {
    const [ta, sa] = key(a);
    const [tb, sb] = key(b);
    return ta !== tb ? (ta < tb ? -sign : sign) : sa < sb ? 1 : sa > sb ? -1 : 0;
  });
  return { layout, rows: rows.slice(0, size) };
}

/** A stored row, whole again (store-rows.ts), as a scan yields it. */
function stored(layout: StoredLayout, values: readonly DuckDBValue[]): ScannedRecord {
  return {
    row: readStoredRow(layout, values),
    bytes: Number(values[layout.length]),
    cursor: { tsNs: values[layout.tsNs] as bigint, seq: values[layout.seq] as bigint },
  };
}

/** Count and stored size of a timeframe (per-minute rollup), or up to a cursor (narrow columns only). */
export async function measureEvents(
  conn: DuckDBConnection,
  request: ScanRequest,
  through?: ScanCursor,
): Promise<ScanTotals> {
  if (!through) return timeframeTotals(conn, request.timeframe.startNs, request.timeframe.endNs);
  const params = new SqlParams();
  const upTo = ` AND ${afterCursor(request.order ?? 'desc', through, params, true)}`;
  const r = await queryRows(
    conn,
    `SELECT count(*), coalesce(sum(fields_length), 0) FROM bizevents WHERE ${where(request, params, false)}${upTo}`,
    params.bound,
  );
  const [records, bytes] = r[0] ?? [0, 0];
  return { records: Number(records), bytes: Number(bytes) };
}

/** A folded `summarize count() [by: field]`: one GROUP BY over the field's stored value. */
export async function countEvents(
  conn: DuckDBConnection,
  request: ScanRequest,
  catalog: ColumnCatalog,
  by: CountBy,
): Promise<GroupCount[]> {
  const typedKey = by.kind === 'field' && catalog.field(by.field).pure;
  const readsText = by.kind === 'field' && !typedKey;
  if (await needsJsFilter(conn, request, catalog, readsText)) return countInJs(conn, request, catalog, by);
  const params = new SqlParams();
  const filter = where(request, params, true, catalog);
  if (by.kind === 'all') {
    const r = await queryRows(conn, `SELECT count(*) FROM bizevents WHERE ${filter}`, params.bound);
    return [{ key: null, count: BigInt(String(r[0]?.[0] ?? 0)) }];
  }
  if (by.kind === 'bins') {
    // Floor division: records before startNs (a makeTimeseries `from:` after the fetch's) get
    // negative bins, which the caller drops.
    const bin = floorDivSql(`(ts_ns - ${params.add(by.startNs)})`, params.add(by.intervalNs));
    const r = await queryRows(
      conn,
      `SELECT ${bin} AS bin, count(*) FROM bizevents WHERE ${filter} GROUP BY bin`,
      params.bound,
    );
    return r.map(([bin, n]) => ({ key: BigInt(String(bin)), count: BigInt(String(n)) }));
  }
  if (typedKey) {
    const { sql, decode } = typedKeySql(catalog.field(by.field));
    const r = await queryRows(
      conn,
      `SELECT ${sql}, count(*) FROM bizevents WHERE ${filter} GROUP BY ALL HAVING count(*) > 0`,
      params.bound,
    );
    return r.map((row) => ({ key: decode(row, 0), count: BigInt(String(row.at(-1))) }));
  }
  const value = fieldValueSql(by.field, params);
  const r = await queryRows(
    conn,
    `SELECT v, count(*) FROM (SELECT ${value} AS v FROM bizevents WHERE ${filter}) GROUP BY v`,
    params.bound,
  );
  return r.map(([v, n]) => ({
    key: v === null ? null : decodeValue(JSON.parse(String(v))),
    count: BigInt(String(n)),
  }));
}

function groupOf(row: Row, by: CountBy): Value {
  if (by.kind === 'field') return row.get(by.field) ?? null;
  if (by.kind === 'bins') {
    const ts = row.get('timestamp') ?? null;
    return isTimestamp(ts) ? floorDiv(ts.ns - by.startNs, by.intervalNs) : null;
  }
  return null;
}

async function countInJs(
  conn: DuckDBConnection,
  request: ScanRequest,
  catalog: ColumnCatalog,
  by: CountBy,
): Promise<GroupCount[]> {
  const groups = new Map<string, { key: Value; count: bigint }>();
  for await (const { row } of scanEvents(conn, { ...request, limit: undefined }, catalog, () => false)) {
    const key = groupOf(row, by);
    const k = valueKey(key);
    const g = groups.get(k) ?? { key, count: 0n };
    g.count++;
    groups.set(k, g);
  }
  return [...groups.values()];
}
