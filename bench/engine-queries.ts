/**
 * The query benchmarks over seed-shaped events, all measured in one run: each DQL question
 * as the sandbox runs it (parse, plan, pushdown, DuckDB store), the same question asked of DuckDB
 * directly in SQL over a typed table of the same data, and of Arquero over in-memory columns —
 * every side restricted to the query's default timeframe (last 2 hours). Ratios are sandbox/SQL
 * (goal ≤ 2) and sandbox/Arquero (goal < 1). Loading the data prints its serial rates; the ingest
 * goal (≥ 100,000 events/s) is measured over HTTP by sandbox-ingest.ts.
 * The sandbox also answers what the wire needs besides the records — scannedRecords and
 * scannedBytes of the timeframe — which the plain SQL does not compute: the `SQL+stats` column asks
 * DuckDB the same question together with those totals in one statement (ratio sandbox/SQL+stats).
 * Sides are timed in interleaved rounds (a busy moment on a shared machine hits every side alike),
 * the median of BENCH_RUNS rounds each, after a warm-up; the load average is printed alongside.
 * `npm run bench` sets NODE_OPTIONS=--expose-gc: garbage is collected between timed runs (timeSides).
 * BENCH_EVENTS sets the event count (default 1,000,000, the figure);
 * BENCH_PURE=1 adds the pure evaluator (no pushdown) column, slow on large counts.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import * as aq from 'arquero';
import { openEventStore } from '../src-main/sandbox/store';
import { prepareQuery, runPrepared } from '../src-shared/dql/engine';
import { flattenToBatch } from '../src-main/sandbox/event-batch';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const PURE = process.env.BENCH_PURE === '1';
const HOUR_MS = 3_600_000;

type Table = ReturnType<typeof aq.table>;

interface Question {
  readonly dql: string;
  /** Over table t(ts BIGINT ns, …, bytes = stored size); $1/$2 = timeframe start/end in ns. */
  readonly sql: string;
  /** Over the Arquero table with `ts` in ms; $.s/$.e = timeframe start/end in ms. */
  readonly arquero: (t: Table) => unknown;
}

const IN_TF = 'ts >= $1::BIGINT AND ts < $2::BIGINT';

const QUESTIONS: readonly Question[] = [
  {
    dql: 'fetch bizevents | summarize count()',
    sql: `SELECT count(*) FROM t WHERE ${IN_TF}`,
    arquero: (t) => t.filter((d: Row, $: Tf) => d.ts >= $.s && d.ts < $.e).numRows(),
  },
  {
    dql: 'fetch bizevents | filter paymentType == "paypal" | summarize count()',
    sql: `SELECT count(*) FROM t WHERE ${IN_TF} AND paymentType = 'paypal'`,
    arquero: (t) =>
      t.filter((d: Row, $: Tf) => d.ts >= $.s && d.ts < $.e && d.paymentType === 'paypal').numRows(),
  },
  {
    dql: 'fetch bizevents | summarize sum(total), avg(total), by: {paymentType}',
    sql: `SELECT paymentType, sum(total), avg(total) FROM t WHERE ${IN_TF} GROUP BY paymentType ORDER BY paymentType`,
    arquero: (t) =>
      t
        .filter((d: Row, $: Tf) => d.ts >= $.s && d.ts < $.e)
        .groupby('paymentType')
        .rollup({ s: aq.op.sum('total'), a: aq.op.mean('total') })
        .orderby('paymentType')
        .objects(),
  },
  {
    dql: 'fetch bizevents | sort timestamp desc | limit 100',
    sql: `SELECT * FROM t WHERE ${IN_TF} ORDER BY ts DESC LIMIT 100`,
    arquero: (t) =>
      t
        .filter((d: Row, $: Tf) => d.ts >= $.s && d.ts < $.e)
        .orderby(aq.desc('ts'))
        .slice(0, 100)
        .objects(),
  },
  {
    dql: 'fetch bizevents | makeTimeseries count(), interval: 1m',
    sql: `SELECT ts // 60000000000 AS bin, count(*) FROM t WHERE ${IN_TF} GROUP BY bin ORDER BY bin`,
    arquero: (t) =>
      t
        .filter((d: Row, $: Tf) => d.ts >= $.s && d.ts < $.e)
        .derive({ bin: (d: Row) => aq.op.floor(d.ts / 60_000) })
        .groupby('bin')
        .count()
        .orderby('bin')
        .objects(),
  },
];

interface Row {
  ts: number;
  paymentType: string;
}
interface Tf {
  s: number;
  e: number;
}

function seed(i: number, nowMs: number) {
  return {
    id: String(i),
    timestamp: nowMs - 1000 - (i % HOUR_MS),
    paymentType: i % 2 ? 'paypal' : 'card',
    'event.type': 'com.bizevent.single',
    'event.provider': `custom.provider.${i % 7}`,
    total: i % 1000,
    customer: { firstName: 'John', lastName: 'Doe', tier: i % 3 },
    orderItemsProductIDs: ['PR-102002002', 'QZ-123232'],
  };
}

/** The question with the scan stats the wire answer carries (records and bytes of the timeframe). */
const withStats = (sql: string): string =>
  `SELECT * FROM (${sql}) q, (SELECT count(*) AS scanned, sum(bytes) AS scanned_bytes FROM t WHERE ${IN_TF}) s`;

type Side = () => Promise<unknown> | unknown;

/** Node's collector when run with --expose-gc (e.g. NODE_OPTIONS=--expose-gc), else undefined. */
const gc = (globalThis as { gc?: () => void }).gc;

/**
 * Median time of each side over RUNS interleaved rounds after one warm-up round, in a shuffled
 * order each round (seeded): no side always runs right after another's garbage or cache misses.
 * With --expose-gc the heap is collected before every timed run (untimed), so each run pays for
 * its own allocations only — Arquero's, over a million rows, are large.
 */
async function timeSides(sides: readonly Side[]): Promise<number[]> {
  for (const fn of sides) await fn(); // warm-up
  const times = sides.map(() => [] as number[]);
  let state = 12345;
  const random = () => (state = (state * 48271) % 2147483647) / 2147483647; // Park–Miller
  for (let round = 0; round < RUNS; round++) {
    const order = sides.map((_, i) => i);
    for (let k = order.length - 1; k > 0; k--) {
      const j = Math.floor(random() * (k + 1));
      [order[k], order[j]] = [order[j] as number, order[k] as number];
    }
    for (const i of order) {
      gc?.();
      const t0 = performance.now();
      await (sides[i] as Side)();
      times[i]?.push(performance.now() - t0);
    }
  }
  return times.map((t) => {
    t.sort((a, b) => a - b);
    return t[Math.floor(t.length / 2)] ?? NaN;
  });
}

const load = (): string =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

const rate = (n: number, ms: number): string =>
  `${Math.round((n / ms) * 1000).toLocaleString('en-US')} events/s`;

export async function engineQueries(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'bizlens-bench-engine-'));
  const store = await openEventStore(dir);
  const nowMs = Date.now();
  const nowNs = BigInt(nowMs) * 1_000_000n;
  const batch = 10_000;
  let flattenMs = 0;
  let appendMs = 0;
  for (let i = 0; i < EVENTS; i += batch) {
    const body = JSON.stringify(
      Array.from({ length: Math.min(batch, EVENTS - i) }, (_, j) => seed(i + j, nowMs)),
    );
    const t0 = performance.now();
    const out = flattenToBatch(body, 'application/json', nowNs);
    const t1 = performance.now();
    if (!out.ok) throw new Error('seed events did not flatten');
    await store.appendBatch(out.batch);
    flattenMs += t1 - t0;
    appendMs += performance.now() - t1;
  }
  // Loading is serial, one batch at a time in this thread; ingest overlaps flattening (in a worker)
  // with appends and is measured over HTTP by sandbox-ingest.ts.
  console.log(
    `\nLoading ${EVENTS.toLocaleString('en-US')} seed events in batches of ${batch}, one after the other in this thread (pipelined ingest over HTTP: the sandbox ingest table):`,
  );
  console.log(`  flatten into a batch (flattenToBatch)              ${rate(EVENTS, flattenMs)}`);
  console.log(`  store.appendBatch (typed columns + text, commit)   ${rate(EVENTS, appendMs)}`);
  console.log(`  both, serially                                     ${rate(EVENTS, flattenMs + appendMs)}`);

  // The same data as a typed DuckDB table, and as Arquero columns.
  const duck = await DuckDBInstance.create(':memory:');
  const sql = await duck.connect();
  await sql.run(
    `CREATE TABLE t (ts BIGINT, id VARCHAR, paymentType VARCHAR, event_type VARCHAR,
       event_provider VARCHAR, total BIGINT, customer VARCHAR, orderItemsProductIDs VARCHAR,
       bytes INTEGER)`,
  );
  const appender = await sql.createAppender('t');
  const cols = {
    ts: new Float64Array(EVENTS),
    paymentType: new Array<string>(EVENTS),
    total: new Float64Array(EVENTS),
  };
  for (let i = 0; i < EVENTS; i++) {
    const e = seed(i, nowMs);
    appender.appendBigInt(BigInt(e.timestamp) * 1_000_000n);
    appender.appendVarchar(e.id);
    appender.appendVarchar(e.paymentType);
    appender.appendVarchar(e['event.type']);
    appender.appendVarchar(e['event.provider']);
    appender.appendBigInt(BigInt(e.total));
    appender.appendVarchar(JSON.stringify(e.customer));
    appender.appendVarchar(JSON.stringify(e.orderItemsProductIDs));
    appender.appendInteger(JSON.stringify(e).length);
    appender.endRow();
    cols.ts[i] = e.timestamp;
    cols.paymentType[i] = e.paymentType;
    cols.total[i] = e.total;
  }
  appender.closeSync();
  const tf = { s: nowMs - 2 * HOUR_MS, e: nowMs };
  const arq = aq.table(cols).params(tf) as Table;
  const tfNs = [BigInt(tf.s) * 1_000_000n, BigInt(tf.e) * 1_000_000n];

  const dql = (query: string, pushdown: boolean) => async () => {
    const p = prepareQuery(query, { nowNs, pushdown });
    if (!p.ok) throw new Error(p.error.message);
    const r = await runPrepared(p.prepared, { source: store, nowNs, maxResultRecords: 1000 });
    if (r.state !== 'SUCCEEDED') throw new Error('query did not succeed');
  };
  console.log(
    `\nQueries over ${EVENTS.toLocaleString('en-US')} events, median of ${RUNS} interleaved rounds after a warm-up (ms${gc ? ', heap collected before each run' : ''}); load average ${load()}:`,
  );
  const ratio = (a: number, b: number, width: number) => `${(a / b).toFixed(2)}×`.padStart(width);
  console.log(
    `  ${'DQL'.padEnd(72)} ${'sandbox'.padStart(8)} ${'SQL'.padStart(8)} ${'SQL+stats'.padStart(9)} ${'Arquero'.padStart(8)}${PURE ? ' ' + 'pure'.padStart(8) : ''}  sandbox/SQL  sandbox/SQL+stats  sandbox/Arquero`,
  );
  for (const q of QUESTIONS) {
    const sides: Side[] = [
      dql(q.dql, true),
      () => sql.runAndReadAll(q.sql, tfNs),
      () => sql.runAndReadAll(withStats(q.sql), tfNs),
      () => q.arquero(arq),
      ...(PURE ? [dql(q.dql, false)] : []),
    ];
    const [sandbox = NaN, direct = NaN, stats = NaN, arquero = NaN, pure] = await timeSides(sides);
    const ms = (x: number, w = 8) => x.toFixed(1).padStart(w);
    console.log(
      `  ${q.dql.padEnd(72)} ${ms(sandbox)} ${ms(direct)} ${ms(stats, 9)} ${ms(arquero)}${pure === undefined ? '' : ' ' + ms(pure)}  ${ratio(sandbox, direct, 11)}  ${ratio(sandbox, stats, 17)}  ${ratio(sandbox, arquero, 15)}`,
    );
  }
  console.log(`  load average after: ${load()}`);
  sql.closeSync();
  duck.closeSync();
  await store.close();
  await rm(dir, { recursive: true, force: true });
}

// Run on its own: `npx tsx bench/engine-queries.ts` (bench/run.ts imports it).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await engineQueries();
