/**
 * Bulk send end to end: the headless sender (outbox, generator, batcher, bounded concurrency) runs
 * as its own process, so its peak RSS is its own, and sends generated events to the sandbox. Beside
 * it: the same sender to a null sink (what the sender alone can do) and a naive one-request-per-event
 * run (fewer events; rates compared). BENCH_BULK_EVENTS overrides the 1,000,000 events,
 * BENCH_BULK_ROUNDS (default 1) repeats the sink and sandbox runs, interleaved, and takes medians;
 * BENCH_BULK_BATCH (5,000) and BENCH_BULK_CONCURRENCY (4) set the sender's batch size and requests in flight.
 * Peak RSS is the sender's own VmHWM (see headless.ts: getrusage's maxRSS would report this
 * process's size at the fork).
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEV_API_TOKEN } from '../src-main/sandbox/dev-credentials';
import { startSandboxWorker } from '../src-main/sandbox/worker-host';

interface SenderRun {
  events: number;
  ms: number;
  maxRssMB: number;
  sent: number;
}

/**
 * The sender bundled to plain JavaScript (esbuild, as tsx uses) so its peak RSS is the sender's,
 * not the TypeScript loader's (tsx adds ~50 MB). Kept under node_modules so packages resolve.
 */
async function bundleSender(): Promise<string> {
  const { build } = await import('esbuild');
  const dir = join('node_modules', '.cache', 'bizlens-bench');
  await mkdir(dir, { recursive: true });
  const outfile = join(dir, 'bulk-headless.mjs');
  await build({
    entryPoints: ['src-main/services/bulk/headless.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    outfile,
    logLevel: 'warning',
  });
  return outfile;
}

async function runSender(
  script: string,
  url: string,
  events: number,
  batchEvents: number,
  concurrency: number,
): Promise<SenderRun> {
  const dataDir = await mkdtemp(join(tmpdir(), 'bizlens-bench-bulk-'));
  try {
    const child = spawn(
      process.execPath,
      [
        script,
        ...['--url', url, '--data-dir', dataDir, '--generate', String(events)],
        ...['--batch-events', String(batchEvents), '--concurrency', String(concurrency)],
      ],
      {
        env: { ...process.env, BIZLENS_BULK_API_TOKEN: DEV_API_TOKEN },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let last = '';
    child.stdout.on('data', (d: Buffer) => {
      const lines = (last + d.toString()).split('\n');
      last = lines.pop() ?? '';
      for (const line of lines) if (line.startsWith('{"done"')) last = `${line}\n`;
    });
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    const done = JSON.parse(last.trim()) as {
      done: { sent: number; state: string };
      ms: number;
      maxRssMB: number;
    };
    if (code !== 0 || done.done.state !== 'done')
      throw new Error(`sender ended ${done.done.state} (exit ${code})`);
    return { events, ms: done.ms, maxRssMB: done.maxRssMB, sent: done.done.sent };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Answers every ingest with 202 after reading the body: the sender's own ceiling. */
async function nullSink(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(202).end());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}

function line(name: string, r: SenderRun): string {
  const rate = (r.events / r.ms) * 1000;
  return `  ${name.padEnd(52)} ${r.events.toLocaleString('en-US').padStart(9)} events ${r.ms.toFixed(0).padStart(7)} ms ${rate.toFixed(0).padStart(8)} events/s  peak RSS ${r.maxRssMB} MB`;
}

/** The median run by rate (rounds are interleaved, so load from other processes spreads evenly). */
function median(runs: SenderRun[]): SenderRun {
  const sorted = [...runs].sort((a, b) => a.events / a.ms - b.events / b.ms);
  return sorted[Math.floor(sorted.length / 2)] as SenderRun;
}

async function toSandbox<T>(run: (url: string) => Promise<T>): Promise<T> {
  const dataDir = await mkdtemp(join(tmpdir(), 'bizlens-bench-bulk-sandbox-'));
  // In its worker thread, as the app runs it.
  const sandbox = await startSandboxWorker({ port: 0, dataDir });
  try {
    return await run(sandbox.url);
  } finally {
    await sandbox.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

export async function bulkSend(): Promise<void> {
  const events = Number(process.env.BENCH_BULK_EVENTS ?? 1_000_000);
  const rounds = Math.max(1, Number(process.env.BENCH_BULK_ROUNDS ?? 1));
  const naiveEvents = Math.max(100, Math.min(2_000, Math.floor(events / 500)));
  const batch = Number(process.env.BENCH_BULK_BATCH ?? 5_000);
  const inFlight = Number(process.env.BENCH_BULK_CONCURRENCY ?? 4);
  const script = await bundleSender();
  const sinkRuns: SenderRun[] = [];
  const bulkRuns: SenderRun[] = [];
  for (let r = 0; r < rounds; r++) {
    const sink = await nullSink();
    try {
      sinkRuns.push(await runSender(script, sink.url, events, batch, inFlight));
    } finally {
      await sink.close();
    }
    // A fresh sandbox per round, so every round ingests into an empty store.
    bulkRuns.push(await toSandbox((url) => runSender(script, url, events, batch, inFlight)));
  }
  const naive = await toSandbox((url) => runSender(script, url, naiveEvents, 1, 1));
  const toSink = median(sinkRuns);
  const bulk = median(bulkRuns);
  console.log(
    `\nBulk send: generated events, sender in its own process, peak RSS = its VmHWM (goal ≥ 50,000 events/s, peak RSS < 300 MB); median of ${rounds} interleaved round(s)`,
  );
  console.log(line('sender → null sink (sender alone)', toSink));
  console.log(line(`sender → sandbox (${batch}/batch, ${inFlight} in flight)`, bulk));
  console.log(line('naive: one request per event → sandbox', naive));
  if (rounds > 1) {
    const all = (runs: SenderRun[]) =>
      runs.map((r) => `${((r.events / r.ms) * 1000).toFixed(0)} ev/s ${r.maxRssMB} MB`).join(' | ');
    console.log(`  rounds, null sink: ${all(sinkRuns)}`);
    console.log(`  rounds, sandbox:   ${all(bulkRuns)}`);
  }
  const rate = (r: SenderRun) => r.events / r.ms;
  console.log(`  ratio bulk / naive events/s: ${(rate(bulk) / rate(naive)).toFixed(1)}×`);
  console.log(
    `  ratio null sink / sandbox events/s: ${(rate(toSink) / rate(bulk)).toFixed(1)}× (what the sandbox costs)`,
  );
}

// Run alone: `npx tsx bench/bulk-send.ts`.
if (process.argv[1]?.endsWith('bulk-send.ts')) await bulkSend();
