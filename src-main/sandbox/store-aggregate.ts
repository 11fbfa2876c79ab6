/**
 * A pushed-down aggregation (engine AggregateRequest) as one DuckDB statement over the typed
 * columns (store-columns.ts),
 *   SELECT <keys>, <aggregates> FROM bizevents WHERE <timeframe> AND <filter> GROUP BY ALL
 * with the timeframe's totals for the scan stats from the per-minute rollup (store-rollup.ts); an
 * unfiltered `count()` is those totals alone. It answers only where the result is exactly the
 * evaluator's: every field it reads is pure; sum/avg read fields holding no doubles (longs sum
 * exactly as HUGEINT; a double sum depends on the order of addition; strings and booleans do not
 * count); min/max read fields whose values are all of one numeric type. Otherwise it declines
 * (undefined).
 */
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import type { AggregateRequest, AggregateResult, PushedAggregate } from '../../src-shared/dql/engine';
import type { Value } from '../../src-shared/grail/values';
import type { ColumnCatalog } from './store-columns';
import { SqlParams, predicateReadsText, predicateSql } from './store-filter-sql';
import { timeframeTotals } from './store-rollup';
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
    if (d !== undefined) return undefined;
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
  const params = new SqlParams();
  const start = params.add(request.timeframe.startNs);
  const end = params.add(request.timeframe.endNs);
  const predicate = request.filter ? predicateSql(request.filter.predicate, params, catalog) : undefined;
  const aggregates: Compiled[] = [];
  for (const a of request.aggregates) {
    const c = compileAggregate(a, catalog);
    if (!c) return undefined;
    aggregates.push(c);
  }
  const keys: TypedKey[] = [];
  const g = request.groups;
  if (g.kind === 'fields') {
    for (const field of g.fields) {
      const f = catalog.field(field);
      if (!f.pure) return undefined;
      keys.push(typedKeySql(f));
    }
  } else if (g.kind === 'bins') {
    // Every timeframe record is at or after startNs (the range is aligned down): `//` is exact.
    const bin = `(ts_ns - ${params.add(g.startNs)}) // ${params.add(g.intervalNs)}`;
    keys.push({ sql: bin, width: 1, decode: (row, at) => num(row[at]) });
  }
  const totals = await timeframeTotals(conn, request.timeframe.startNs, request.timeframe.endNs);
  const countsOnly = request.aggregates.every((a) => a.fn === 'count');
  if (g.kind === 'all' && !predicate && countsOnly)
    return { totals, groups: [{ key: [], values: request.aggregates.map(() => BigInt(totals.records)) }] };
  const keyWidth = keys.reduce((w, k) => w + k.width, 0);
  const select = [...keys.map((k) => k.sql), ...aggregates.flatMap((a) => a.sql)];
  // HAVING: keys that are all constant (fields never stored) would make one group even of no rows.
  const r = await conn.runAndReadAll(
    `SELECT ${select.join(', ')} FROM bizevents
     WHERE ts_ns >= ${start} AND ts_ns < ${end}${predicate ? ` AND ${predicate}` : ''}
     ${keys.length > 0 ? 'GROUP BY ALL HAVING count(*) > 0' : ''}`,
    params.values,
  );
  const groups: { key: Value[]; values: Value[] }[] = [];
  for (const row of r.getRows()) {
    let at = 0;
    const key = keys.map((k) => {
      const v = k.decode(row, at);
      at += k.width;
      return v;
    });
    at = keyWidth;
    const values = aggregates.map((a) => {
      const v = a.read(row.slice(at, at + a.sql.length));
      at += a.sql.length;
      return v;
    });
    groups.push({ key, values });
  }
  return { totals, groups };
}
