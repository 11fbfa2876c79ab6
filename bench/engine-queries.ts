/**
 * The query benchmarks over seed-shaped events in the sandbox store: each DQL question is
 * timed with pushdown (as the sandbox runs it), through the pure evaluator, and asked of DuckDB
 * directly in SQL over a typed table holding the same data. Ratios are to direct SQL.
 * BENCH_EVENTS sets the event count (default 200,000; the figure is 1,000,000).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { openEventStore } from '../src-main/sandbox/store';
import { prepareQuery, runPrepared } from '../src-shared/dql/engine';
import { flattenIngestBody } from '../src-shared/grail/flatten';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 200_000);

interface Question {
  dql: string;
  sql: string;
}

const QUESTIONS: readonly Question[] = [
  { dql: 'fetch bizevents | summarize count()', sql: 'SELECT count(*) FROM t' },
  {
    dql: 'fetch bizevents | filter paymentType == "paypal" | summarize count()',
    sql: `SELECT count(*) FROM t WHERE paymentType = 'paypal'`,
  },
  {
    dql: 'fetch bizevents | summarize count(), by: {paymentType}',
    sql: 'SELECT paymentType, count(*) FROM t GROUP BY paymentType ORDER BY paymentType',
  },
  {
    dql: 'fetch bizevents | summarize sum(total), avg(total), by: {paymentType}',
    sql: 'SELECT paymentType, sum(total), avg(total) FROM t GROUP BY paymentType ORDER BY paymentType',
  },
  {
    dql: 'fetch bizevents | sort timestamp desc | limit 100',
    sql: 'SELECT * FROM t ORDER BY ts DESC LIMIT 100',
  },
  {
    dql: 'fetch bizevents | makeTimeseries count(), interval: 1m',
    sql: 'SELECT ts // 60000000000 AS bin, count(*) FROM t GROUP BY bin ORDER BY bin',
  },
];

function seed(i: number, nowMs: number) {
  return {
    id: String(i),
    timestamp: nowMs - 1000 - (i % 3_600_000),
    paymentType: i % 2 ? 'paypal' : 'card',
    'event.type': 'com.bizevent.single',
    'event.provider': `custom.provider.${i % 7}`,
    total: i % 1000,
    customer: { firstName: 'John', lastName: 'Doe', tier: i % 3 },
    orderItemsProductIDs: ['PR-102002002', 'QZ-123232'],
  };
}

async function timeIt(n: number, fn: () => Promise<unknown>): Promise<number> {
  await fn(); // warm-up
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await fn();
  return (performance.now() - t0) / n;
}

export async function engineQueries(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'bizlens-bench-engine-'));
  const store = await openEventStore(dir);
  const nowMs = Date.now();
  const nowNs = BigInt(nowMs) * 1_000_000n;
  const t0 = performance.now();
  const batch = 10_000;
  for (let i = 0; i < EVENTS; i += batch) {
    const body = JSON.stringify(
      Array.from({ length: Math.min(batch, EVENTS - i) }, (_, j) => seed(i + j, nowMs)),
    );
    const out = flattenIngestBody(body, 'application/json', { nowNs, newId: () => crypto.randomUUID() });
    if (!out.ok) throw new Error('seed events did not flatten');
    await store.append(out.events, nowNs);
  }
  const loadMs = performance.now() - t0;
  console.log(
    `\nEngine over ${EVENTS} seed events (store load ${((EVENTS / loadMs) * 1000).toFixed(0)} events/s, flatten + append)`,
  );

  // The same data as a typed table, for the "DuckDB directly" column.
  const duck = await DuckDBInstance.create(':memory:');
  const sql = await duck.connect();
  await sql.run('CREATE TABLE t (ts BIGINT, paymentType VARCHAR, total BIGINT)');
  const appender = await sql.createAppender('t');
  for (let i = 0; i < EVENTS; i++) {
    const e = seed(i, nowMs);
    appender.appendBigInt(BigInt(e.timestamp) * 1_000_000n);
    appender.appendVarchar(e.paymentType);
    appender.appendBigInt(BigInt(e.total));
    appender.endRow();
  }
  appender.closeSync();

  const run = (dql: string, pushdown: boolean) => async () => {
    const p = prepareQuery(dql, { nowNs, pushdown });
    if (!p.ok) throw new Error(p.error.message);
    const r = await runPrepared(p.prepared, { source: store, nowNs, maxResultRecords: 1000 });
    if (r.state !== 'SUCCEEDED') throw new Error('query did not succeed');
  };
  const n = Number(process.env.BENCH_RUNS ?? 3);
  console.log(
    `  ${'query'.padEnd(72)} ${'sandbox'.padStart(9)} ${'pure'.padStart(9)} ${'SQL'.padStart(8)}  sandbox/SQL`,
  );
  for (const q of QUESTIONS) {
    const pushed = await timeIt(n, run(q.dql, true));
    const pure = await timeIt(n, run(q.dql, false));
    const direct = await timeIt(n, () => sql.runAndReadAll(q.sql));
    console.log(
      `  ${q.dql.padEnd(72)} ${pushed.toFixed(0).padStart(7)}ms ${pure.toFixed(0).padStart(7)}ms ${direct.toFixed(1).padStart(6)}ms  ${(pushed / direct).toFixed(1)}×`,
    );
  }
  sql.closeSync();
  duck.closeSync();
  await store.close();
  await rm(dir, { recursive: true, force: true });
}
