/**
 * Reading a timeframe's totals (records and stored bytes: the scan statistics of every pushed-down
 * sort or aggregation) and unfiltered counts per time bin from the per-minute rollup
 * (store-rollup.ts, kept in each append's transaction), in one statement: the whole minutes from
 * the rollup, and for each partial edge minute either its rows inside the timeframe, or — when
 * most of the minute is inside — the rollup's minute less its rows outside. Both are exact; the
 * smaller side is read (the newest edge minute's outside part is usually the future: no rows).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ScanTotals } from '../../src-shared/dql/engine';
import { floorDiv } from '../../src-shared/grail/timestamp';
import { SqlParams, queryRows } from './store-filter-sql';

const MINUTE_NS = 60_000_000_000n;

type Range = readonly [bigint, bigint];

interface Parts {
  /** Rollup minutes added whole. */
  readonly minutes: Range[];
  /** Rows added (sign 1) or taken away (sign -1) one by one. */
  readonly rows: { readonly range: Range; readonly sign: 1 | -1 }[];
}

/** How [startNs, endNs) is counted (see the header). */
function parts(startNs: bigint, endNs: bigint): Parts {
  const out: Parts = { minutes: [], rows: [] };
  if (startNs >= endNs) return out;
  const first = -floorDiv(-startNs, MINUTE_NS); // the first whole minute
  const last = floorDiv(endNs, MINUTE_NS); // the whole minutes end here
  if (first < last) out.minutes.push([first, last]);
  const edge = (from: bigint, to: bigint): void => {
    const m = floorDiv(from, MINUTE_NS);
    const lo = m * MINUTE_NS;
    const hi = lo + MINUTE_NS;
    if (2n * (to - from) <= MINUTE_NS) {
      out.rows.push({ range: [from, to], sign: 1 });
      return;
    }
    out.minutes.push([m, m + 1n]);
    if (lo < from) out.rows.push({ range: [lo, from], sign: -1 });
    if (to < hi) out.rows.push({ range: [to, hi], sign: -1 });
  };
  // Within one minute, the timeframe is one edge.
  if (first > last) edge(startNs, endNs);
  else {
    if (startNs < first * MINUTE_NS) edge(startNs, first * MINUTE_NS);
    if (last * MINUTE_NS < endNs) edge(last * MINUTE_NS, endNs);
  }
  // Adjacent minute ranges (an edge minute taken whole) are read as one.
  out.minutes.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const minutes: Range[] = [];
  for (const r of out.minutes) {
    const prev = minutes[minutes.length - 1];
    if (prev && prev[1] === r[0]) minutes[minutes.length - 1] = [prev[0], r[1]];
    else minutes.push(r);
  }
  return { minutes, rows: out.rows };
}

/**
 * One SELECT over the timeframe as (g, n, b) rows to be summed: signed records and stored bytes,
 * and g = `group(time)`, `time` being the SQL of a minute's start or of a record's time key.
 */
function partsSql(
  params: SqlParams,
  startNs: bigint,
  endNs: bigint,
  group: (time: string) => string,
): string {
  const { minutes, rows } = parts(startNs, endNs);
  const selects = [
    ...minutes.map(
      ([from, to]) =>
        `SELECT ${group(`(minute * ${MINUTE_NS.toString()})`)} AS g, records AS n, bytes AS b
         FROM bizevents_minutes WHERE minute >= ${params.add(from)} AND minute < ${params.add(to)}`,
    ),
    ...rows.map(
      ({ range: [from, to], sign }) =>
        `SELECT ${group('ts_ns')} AS g, ${sign} AS n, ${sign < 0 ? '-' : ''}fields_length AS b
         FROM bizevents WHERE ts_ns >= ${params.add(from)} AND ts_ns < ${params.add(to)}`,
    ),
  ];
  return selects.length > 0 ? selects.join(' UNION ALL ') : 'SELECT NULL AS g, 0 AS n, 0 AS b WHERE FALSE';
}

/** A query with the one row (n, b): records and stored bytes with the time key in [startNs, endNs). */
export function totalsSql(params: SqlParams, startNs: bigint, endNs: bigint): string {
  return `SELECT coalesce(sum(n), 0) AS n, coalesce(sum(b), 0) AS b
          FROM (${partsSql(params, startNs, endNs, () => 'NULL')})`;
}

/** Records and stored bytes with the time key in [startNs, endNs). */
export async function timeframeTotals(
  conn: DuckDBConnection,
  startNs: bigint,
  endNs: bigint,
): Promise<ScanTotals> {
  const params = new SqlParams();
  const r = await queryRows(conn, totalsSql(params, startNs, endNs), params.bound);
  const [records, bytes] = r[0] ?? [0, 0];
  return { records: Number(records), bytes: Number(bytes) };
}

/** Time bins: bin = floor((time - startNs) / intervalNs). */
export interface TimeBins {
  readonly startNs: bigint;
  readonly intervalNs: bigint;
}

/** Whether each minute lies in one bin, so that the rollup can count the bins. */
export function binsOfWholeMinutes(bins: TimeBins): boolean {
  return bins.intervalNs > 0n && bins.intervalNs % MINUTE_NS === 0n && bins.startNs % MINUTE_NS === 0n;
}

/**
 * The records of [startNs, endNs) counted per time bin (bins of records before `bins.startNs` are
 * negative), with the timeframe's totals, from the rollup: only where binsOfWholeMinutes holds.
 */
export async function binnedTotals(
  conn: DuckDBConnection,
  startNs: bigint,
  endNs: bigint,
  bins: TimeBins,
): Promise<{ totals: ScanTotals; counts: { bin: bigint; count: bigint }[] }> {
  if (!binsOfWholeMinutes(bins)) throw new Error('The rollup counts bins of whole minutes only.');
  const params = new SqlParams();
  const start = params.add(bins.startNs);
  const interval = params.add(bins.intervalNs);
  const bin = (time: string) => floorDivSql(`(${time} - ${start})`, interval);
  const r = await queryRows(
    conn,
    `SELECT g, sum(n), sum(b) FROM (${partsSql(params, startNs, endNs, bin)}) GROUP BY g`,
    params.bound,
  );
  let records = 0;
  let bytes = 0;
  const counts: { bin: bigint; count: bigint }[] = [];
  for (const [g, n, b] of r) {
    const count = BigInt(String(n));
    records += Number(count);
    bytes += Number(b);
    if (count > 0n) counts.push({ bin: BigInt(String(g)), count });
  }
  return { totals: { records, bytes }, counts };
}

/** floor(x / d) in SQL, for integers and d > 0 (`//` truncates toward zero). */
export function floorDivSql(x: string, d: string): string {
  return `(${x} // ${d} - CASE WHEN ${x} % ${d} < 0 THEN 1 ELSE 0 END)`;
}
