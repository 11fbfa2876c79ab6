/**
 * A pushed-down aggregation (engine AggregateRequest) as one DuckDB statement over the typed
 * columns (store-columns.ts),
 *   SELECT <keys>, <aggregates> FROM bizevents WHERE <timeframe> AND <filter> GROUP BY ALL
 * joined to the timeframe's totals for the scan stats, read from the per-minute rollup
 * (store-rollup.ts) in the same statement: one round trip. Unfiltered counts — `count()`, or per
 * time bin of whole minutes — are the rollup alone. It answers only where the result is exactly the
 * evaluator's: every field it reads is pure; sum/avg read fields holding longs only (longs sum
 * exactly as HUGEINT; a double sum depends on the order of addition; a string or boolean among
 * the values makes the result null, mixed types); min/max read fields whose values are all of one
 * numeric type. Otherwise it declines (undefined).
 */
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import type { AggregateRequest, AggregateResult, PushedAggregate } from '../../src-shared/dql/engine';
import type { Value } from '../../src-shared/grail/values';
import type { ColumnCatalog } from './store-columns';
import { SqlParams, predicateReadsText, predicateSql, queryRows } from './store-filter-sql';
import { binnedTotals, binsOfWholeMinutes, floorDivSql, timeframeTotals, totalsSql } from './store-timeframe';
import { fromColumn, typedKeySql } from './store-typed-values';
import type { TypedKey } from './store-typed-values';

interface Compiled {
  /** Select items (one or two). */
  readonly sql: readonly string[];
  read(values: readonly DuckDBValue[]): Value;
}

const num = (v: DuckDBValue | undefined): bigint => BigInt(String(v ?? 0));

function compileAggregate(a: PushedAggregate, catalog: ColumnCatalog): Compiled | undefined {
  if (a.fn === 'count') return { sql: ['count(*)'], read: ([n]) => num(n) };
  const f = catalog.field(a.field);
  if (!f.pure) return undefined;
  const { l, d } = f.columns;
  if (a.fn === 'sum' || a.fn === 'avg') {
    if (d !== undefined || f.columns.s !== undefined || f.columns.b !== undefined) return undefined;
    if (l === undefined) return { sql: ['NULL'], read: () => null };
    const average = a.fn === 'avg';
    return {
      sql: [`sum(${l})`, `count(${l})`],
      read([sum, n]) {
        const count = num(n);
        if (count === 0n) return null;
        const total = Number(num(sum)); // the evaluator: Number(exact long sum) + 0 (no doubles)
        return average ? total / Number(count) : total;
      },
    };
  }
  // One numeric type only: across types the evaluator's order (compare.ts) decides.
  if ((l !== undefined && d !== undefined) || f.columns.s !== undefined || f.columns.b !== undefined)
    return undefined;
  const column = l ?? d;
  if (column === undefined) return { sql: ['NULL'], read: () => null };
  return {
    sql: [`${a.fn}(${column})`],
    read: ([v]) => (v === null || v === undefined ? null : fromColumn(l !== undefined ? 'l' : 'd', v)),
  };
}

export async function aggregateEvents(
  conn: DuckDBConnection,
  request: AggregateRequest,
  catalog: ColumnCatalog,
): Promise<AggregateResult | undefined> {
  if (request.filter && predicateReadsText(request.filter.predicate, catalog)) return undefined;
  const { startNs, endNs } = request.timeframe;
  const g = request.groups;
  const countsOnly = request.aggregates.every((a) => a.fn === 'count');
  // Unfiltered counts, in all or in bins of whole minutes: the per-minute rollup holds them.
  if (!request.filter && countsOnly) {
    const counts = (n: bigint): bigint[] => request.aggregates.map(() => n);
    if (g.kind === 'all') {
      const totals = await timeframeTotals(conn, startNs, endNs);
      return { totals, groups: [{ key: [], values: counts(BigInt(totals.records)) }] };
    }
    if (g.kind === 'bins' && binsOfWholeMinutes(g)) {
      const binned = await binnedTotals(conn, startNs, endNs, g);
      return {
        totals: binned.totals,
        groups: binned.counts.map((c) => ({ key: [c.bin], values: counts(c.count) })),
      };
    }
  }
  const params = new SqlParams();
  const totals = totalsSql(params, startNs, endNs);
  const start = params.add(startNs);
  const end = params.add(endNs);
  const predicate = request.filter
    ? predicateSql(request.filter.predicate, params, catalog, true)
    : undefined;
  const aggregates: Compiled[] = [];
  for (const a of request.aggregates) {
    const c = compileAggregate(a, catalog);
    if (!c) return undefined;
    aggregates.push(c);
  }
  const keys: TypedKey[] = [];
  if (g.kind === 'fields') {
    for (const field of g.fields) {
      const f = catalog.field(field);
      if (!f.pure) return undefined;
      keys.push(typedKeySql(f));
    }
  } else if (g.kind === 'bins') {
    const bin = floorDivSql(`(ts_ns - ${params.add(g.startNs)})`, params.add(g.intervalNs));
    keys.push({ sql: bin, width: 1, decode: (row, at) => num(row[at]) });
  }
  const select = [...keys.map((k) => k.sql), ...aggregates.flatMap((a) => a.sql)];
  // One statement: the timeframe's totals (one row) beside the groups, `present` NULL when there
  // are none. HAVING: keys that are all constant (fields never stored) would make one group even
  // of no rows.
  const rows = await queryRows(
    conn,
    `SELECT t.n, t.b, g.* FROM (${totals}) t LEFT JOIN (
       SELECT 1 AS present, ${select.join(', ')} FROM bizevents
       WHERE ts_ns >= ${start} AND ts_ns < ${end}${predicate ? ` AND ${predicate}` : ''}
       ${keys.length > 0 ? 'GROUP BY ALL HAVING count(*) > 0' : ''}
     ) g ON TRUE`,
    params.bound,
  );
  const [n, b] = rows[0] ?? [0, 0];
  const groups: { key: Value[]; values: Value[] }[] = [];
  for (const row of rows) {
    if (row[2] === null) continue; // no group
    let at = 3;
    const key = keys.map((k) => {
      const v = k.decode(row, at);
      at += k.width;
      return v;
    });
    const values = aggregates.map((a) => {
      const v = a.read(row.slice(at, at + a.sql.length));
      at += a.sql.length;
      return v;
    });
    groups.push({ key, values });
  }
  return { totals: { records: Number(n), bytes: Number(b) }, groups };
}
