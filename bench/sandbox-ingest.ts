/**
 * Sandbox ingest throughput (issue 3: ≥ 100,000 events/s). Three figures, each the median of
 * interleaved rounds on fresh data dirs:
 *   - flattening into batches alone (the shared Grail rules, src-shared/grail, and event-batch.ts),
 *   - the storage floor: DuckDB's appender and COMMIT alone, on values encoded beforehand,
 *   - store.append alone (pre-flattened batches, 1 and 4 appends in flight),
 *   - end to end over HTTP (bodies serialized and encoded beforehand, batches like the bulk
 *     sender's, 1 and 4 requests in flight, Api-Token on /api/v2/bizevents/ingest; every answer
 *     must be 202), to a sandbox in this thread and to one in its own worker thread, as the app
 *     runs it (worker-host.ts); each sandbox warmed up first with two batches (see httpRun).
 * BENCH_INGEST_EVENTS (default 200,000), BENCH_INGEST_BATCH (5,000), BENCH_INGEST_ROUNDS (3),
 * BENCH_INGEST_ONLY (a part of the run names to keep).
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBType } from '@duckdb/node-api';
import { loadavg, tmpdir } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import { flattenIngestBody } from '../src-shared/grail/flatten';
import type { FlattenedEvent } from '../src-shared/grail/flatten';
import { DEV_API_TOKEN } from '../src-main/sandbox/dev-credentials';
import { startSandbox } from '../src-main/sandbox/server';
import { openEventStore } from '../src-main/sandbox/store';
import { appendColumns, persistChanges } from '../src-main/sandbox/store-columns';
import { flattenToBatch, toBatch } from '../src-main/sandbox/event-batch';
import { chunkColumns } from '../src-main/sandbox/store-rows';
import { ensureSchema } from '../src-main/sandbox/store-schema';
import { startSandboxWorker } from '../src-main/sandbox/worker-host';
import { seedEvent } from './seed-events';

/** JSON bodies of `batch` seed events each, `total` events in all. */
export function seedBodies(total: number, batch: number, from = 0): string[] {
  const bodies: string[] = [];
  for (let i = 0; i < total; i += batch)
    bodies.push(
      JSON.stringify(Array.from({ length: Math.min(batch, total - i) }, (_, j) => seedEvent(from + i + j))),
    );
  return bodies;
}

/** Runs `work` over `items` with at most `inFlight` of them pending at once. */
async function pool<T>(
  items: readonly T[],
  inFlight: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, items.length) }, lane));
}

/**
 * Posts the bodies to a sandbox's ingest, `inFlight` requests at a time over keep-alive
 * connections, and resolves with the elapsed ms. Any answer but 202 throws.
 */
export async function postBodies(
  url: string,
  bodies: readonly (string | Buffer)[],
  inFlight: number,
): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: inFlight });
  const target = new URL('/api/v2/bizevents/ingest', url);
  const post = (body: string | Buffer) =>
    new Promise<void>((resolve, reject) => {
      const req = request(
        target,
        {
          method: 'POST',
          agent,
          headers: {
            authorization: `Api-Token ${DEV_API_TOKEN}`,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          },
        },
        (res) => {
          res.resume();
          res.on('end', () =>
            res.statusCode === 202 ? resolve() : reject(new Error(`ingest answered ${res.statusCode}`)),
          );
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const t0 = performance.now();
  try {
    await pool(bodies, inFlight, post);
    return performance.now() - t0;
  } finally {
    agent.destroy();
  }
}

async function inTempDir<T>(f: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'bizlens-bench-ingest-'));
  try {
    return await f(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const NOW_NS = BigInt(Date.now()) * 1_000_000n;

/**
 * A timed section: wall ms, and the CPU ms of every thread of this process (sandbox, flatten
 * worker, DuckDB, the client; user + system). The CPU time is printed per event beside the rate:
 * on a shared machine the same work takes more CPU time when it runs slower, which tells the
 * machine's noise from the code's.
 */
interface Timed {
  ms: number;
  cpuMs: number;
}
const startClock = () => ({ t0: performance.now(), cpu: process.cpuUsage() });
function stopClock(clock: ReturnType<typeof startClock>): Timed {
  const used = process.cpuUsage(clock.cpu);
  return { ms: performance.now() - clock.t0, cpuMs: (used.user + used.system) / 1000 };
}

function flattenAll(bodies: readonly string[]): FlattenedEvent[][] {
  return bodies.map((body) => {
    const out = flattenIngestBody(body, 'application/json', { nowNs: NOW_NS, newId: randomUUID });
    if (!out.ok || out.rejected.length > 0) throw new Error('seed events must flatten cleanly');
    return out.events;
  });
}

/** ms to append the pre-flattened batches to a fresh store, `inFlight` appends pending at once. */
async function appendRun(batches: readonly FlattenedEvent[][], inFlight: number): Promise<Timed> {
  return inTempDir(async (dir) => {
    const store = await openEventStore(dir);
    try {
      const clock = startClock();
      await pool(batches, inFlight, (events) => store.append(events, NOW_NS));
      const timed = stopClock(clock);
      const stored = await store.count();
      if (stored !== batches.reduce((n, b) => n + b.length, 0)) throw new Error(`stored ${stored}`);
      return timed;
    } finally {
      await store.close();
    }
  });
}

/**
 * The storage floor: the same table, settings and columns as store.append, every value encoded and
 * shredded before the clock starts; timed are only DuckDB's appender and the COMMIT, one batch per
 * transaction. No sandbox can store faster than this through DuckDB's Node API.
 */
async function appenderFloorRun(batches: readonly FlattenedEvent[][]): Promise<Timed> {
  return inTempDir(async (dir) => {
    const instance = await DuckDBInstance.create(join(dir, 'bizevents.duckdb'), {
      checkpoint_threshold: '256MB',
    });
    const conn = await instance.connect();
    try {
      const catalog = await ensureSchema(conn, dir);
      const all = batches.map((events) => toBatch(events, NOW_NS));
      const changes = catalog.changesForBatches(all);
      await persistChanges(conn, changes);
      catalog.apply(changes);
      let seq = 1n;
      const prepared = all.map((batch) => {
        const chunk = chunkColumns(catalog, [{ batch, from: 0, to: batch.count }], seq);
        if (!chunk) throw new Error('the catalogue lacks columns');
        seq += BigInt(batch.count);
        return { types: chunk.types, columns: chunk.values };
      });
      const clock = startClock();
      for (const { types, columns } of prepared) {
        await conn.run('BEGIN TRANSACTION');
        const appender = await conn.createAppender('bizevents');
        appendColumns(appender, types as DuckDBType[], columns);
        appender.closeSync();
        await conn.run('COMMIT');
      }
      return stopClock(clock);
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
  });
}

/** The longest the main thread was stalled (event-loop delay, ms) in each HTTP run, by sandbox placement. */
const stalls: Record<'thread' | 'worker', number[]> = { thread: [], worker: [] };

/**
 * Over HTTP to a sandbox in this thread, or in its own worker thread as the app runs it. Each
 * sandbox first takes two batches untimed, as one that has been running would have: its flatten
 * worker (flatten-pool.ts) starts with the first large body, and a new thread compiles anew.
 */
async function httpRun(bodies: readonly Buffer[], inFlight: number, thread = false): Promise<Timed> {
  return inTempDir(async (dataDir) => {
    const sandbox = thread
      ? await startSandboxWorker({ port: 0, dataDir })
      : await startSandbox({ port: 0, dataDir });
    await postBodies(sandbox.url, bodies.slice(0, 2), 1);
    // What the app's main thread (IPC, bulk sender, result pages) would wait at worst meanwhile.
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    try {
      const clock = startClock();
      await postBodies(sandbox.url, bodies, inFlight);
      return stopClock(clock);
    } finally {
      delay.disable();
      if (inFlight === 4) stalls[thread ? 'worker' : 'thread'].push(delay.max / 1e6);
      await sandbox.close();
    }
  });
}

/** CPU µs per event of each round. */
const perEvent = (cpuMs: number[], events: number): string =>
  cpuMs.map((ms) => ((ms * 1000) / events).toFixed(1)).join('/');

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

export async function sandboxIngest(): Promise<void> {
  const total = Number(process.env.BENCH_INGEST_EVENTS ?? 200_000);
  const batch = Number(process.env.BENCH_INGEST_BATCH ?? 5_000);
  const rounds = Number(process.env.BENCH_INGEST_ROUNDS ?? 3);
  const bodies = seedBodies(total, batch);
  // Sent as bytes encoded beforehand, as a load generator does: encoding them is not the sandbox's work.
  const bytes = bodies.map((body) => Buffer.from(body));
  const only = process.env.BENCH_INGEST_ONLY ?? ''; // e.g. "append": the runs whose name has it
  const all: [string, () => Promise<Timed>][] = [
    [
      'flatten into batches alone (flattenToBatch, as ingest does)',
      async () => {
        const clock = startClock();
        for (const body of bodies)
          if (!flattenToBatch(body, 'application/json', NOW_NS).ok) throw new Error('seed events flatten');
        return stopClock(clock);
      },
    ],
    [
      'storage floor: DuckDB appender + COMMIT alone (values pre-built)',
      () => appenderFloorRun(flattenAll(bodies)),
    ],
    ['store.append alone, 1 in flight', () => appendRun(flattenAll(bodies), 1)],
    ['store.append alone, 4 in flight', () => appendRun(flattenAll(bodies), 4)],
    ['HTTP ingest end to end, 1 request in flight', () => httpRun(bytes, 1)],
    ['HTTP ingest end to end, 4 requests in flight', () => httpRun(bytes, 4)],
    ['HTTP, sandbox in its worker thread (the app), 4 in flight', () => httpRun(bytes, 4, true)],
  ];
  const runs = all.filter(([name]) => name.includes(only));
  const times = runs.map((): number[] => []);
  const cpu = runs.map((): number[] => []);
  await httpRun(bytes.slice(0, 2), 1); // warm-up: JIT, DuckDB's first open
  for (let r = 0; r < rounds; r++)
    for (const [i, [, run]] of runs.entries()) {
      const { ms, cpuMs } = await run();
      times[i]?.push(ms);
      cpu[i]?.push(cpuMs);
    }
  const load = loadavg().map((l) => l.toFixed(1)); // other work on the machine skews the figures
  console.log(
    `\nSandbox ingest: ${total.toLocaleString('en-US')} seed-shaped events, ${batch}/batch, median of ${rounds} interleaved rounds (goal ≥ 100,000 events/s over HTTP; load average ${load.join(' ')})`,
  );
  for (const [i, [name]] of runs.entries()) {
    const ms = median(times[i] as number[]);
    const all = (times[i] as number[]).map((t) => t.toFixed(0)).join('/');
    console.log(
      `  ${name.padEnd(66)} ${ms.toFixed(0).padStart(7)} ms ${((total / ms) * 1000).toFixed(0).padStart(8)} events/s  (rounds ${all} ms; CPU ${perEvent(cpu[i] as number[], total)} µs/event)`,
    );
  }
  if (stalls.thread.length && stalls.worker.length)
    console.log(
      `  longest main-thread stall during the 4-in-flight HTTP runs (median of rounds): sandbox in this thread ${median(stalls.thread).toFixed(0)} ms, in its worker thread ${median(stalls.worker).toFixed(0)} ms`,
    );
}

// Run alone: `npx tsx bench/sandbox-ingest.ts`.
if (process.argv[1]?.endsWith('sandbox-ingest.ts')) await sandboxIngest();
