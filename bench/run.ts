/**
 * `npm run bench`: measurements printed side by side, with ratios from the same run. Nothing here
 * asserts a time; it reports. Run on an idle machine for stable numbers.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { flattenIngestBody } from '../src-shared/grail/flatten';
import { detectContentType } from '../src-shared/grail/detect-content-type';
import { toWireRecord } from '../src-shared/grail/serialize';
import { dispatch } from '../src-main/ipc/dispatch';
import type { Handlers } from '../src-main/ipc/handler-types';
import { EventBus } from '../src-main/services/event-bus';
import { startSandbox } from '../src-main/sandbox/server';
import { DEV_CLIENT } from '../src-main/sandbox/dev-credentials';
import { startWebHost } from '../src-main/web/host';
import { bulkSend } from './bulk-send';
import { flattenVsStringify } from './flatten';
import { dqlLanguageService } from './dql-language';
import { dqlBundle } from './dql-bundle';
import { dqlEditorLatency } from './dql-editor-latency';
import { engineQueries } from './engine-queries';
import { resultsRendering } from './results-render';
import { postBodies, sandboxIngest, seedBodies } from './sandbox-ingest';
import { seedEvent } from './seed-events';

interface Row {
  name: string;
  ms: number;
  per: string;
}

async function time(
  name: string,
  n: number,
  fn: () => Promise<unknown> | unknown,
  unit = 'op',
): Promise<Row> {
  await fn(); // warm-up
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await fn();
  const ms = performance.now() - t0;
  return { name, ms, per: `${((ms * 1000) / n).toFixed(1)} µs/${unit}` };
}

function print(title: string, a: Row, b: Row): void {
  console.log(`\n${title}`);
  for (const r of [a, b]) console.log(`  ${r.name.padEnd(52)} ${r.ms.toFixed(1).padStart(9)} ms   ${r.per}`);
  console.log(`  ratio ${b.name} / ${a.name}: ${(b.ms / a.ms).toFixed(2)}×`);
}

async function ipcTransports(): Promise<void> {
  const handlers = {
    'app:getInfo': async () => ({
      name: 'Bizlens',
      version: 'bench',
      edition: 'web',
      secretBackend: { kind: 'keychain', detail: '' },
    }),
  } as unknown as Handlers;
  const ctx = { signal: new AbortController().signal, emit: () => {} };
  const dir = await mkdtemp(join(tmpdir(), 'bizlens-bench-'));
  await writeFile(join(dir, 'index.html'), '');
  const host = await startWebHost({
    port: 0,
    staticDir: dir,
    handlers,
    bus: new EventBus(),
    log: { warn() {}, error() {} },
  });
  const secret = new URL(host.url).hash.slice('#token='.length);
  const res = await fetch(`${host.origin}/session`, {
    method: 'POST',
    headers: { authorization: `Bearer ${secret}`, origin: host.origin },
  });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const ws = new WebSocket(`${host.origin.replace('http', 'ws')}/ipc`, {
    headers: { origin: host.origin, cookie },
  });
  await new Promise((r) => ws.once('open', r));
  let id = 0;
  const roundTrip = () =>
    new Promise<void>((resolve) => {
      const my = ++id;
      const onMessage = (data: Buffer) => {
        if ((JSON.parse(data.toString()) as { id: number }).id === my) {
          ws.off('message', onMessage);
          resolve();
        }
      };
      ws.on('message', onMessage);
      ws.send(JSON.stringify({ t: 'invoke', id: my, channel: 'app:getInfo', args: [{}] }));
    });
  const n = 2000;
  const direct = await time(
    'direct dispatch (tests transport)',
    n,
    () => dispatch(handlers, 'app:getInfo', {}, ctx),
    'call',
  );
  const socket = await time('web edition WebSocket round trip', n, roundTrip, 'call');
  print(`IPC: ${n} × app:getInfo`, direct, socket);
  ws.close();
  await host.close();
  await rm(dir, { recursive: true, force: true });
}

/**
 * Times a synchronous function without `await` between calls: awaiting each call (as `time` does)
 * changes V8's allocation and GC behaviour and doubles the time of allocation-heavy code.
 */
function timeSync(name: string, n: number, fn: () => unknown, unit = 'op'): Row {
  for (let i = 0; i < 20; i++) fn(); // warm-up: let the JIT optimize
  const t0 = performance.now();
  for (let i = 0; i < n; i++) fn();
  const ms = performance.now() - t0;
  return { name, ms, per: `${((ms * 1000) / n).toFixed(1)} µs/${unit}` };
}

async function flattening(): Promise<void> {
  const events = Array.from({ length: 1000 }, (_, i) => seedEvent(i));
  const body = JSON.stringify(events);
  const ctx = { nowNs: 1_700_000_000_000_000_000n, newId: () => randomUUID() };
  const n = 200;
  const title = `Flattening: 1000-event batch (${(body.length / 1024).toFixed(0)} KiB) × ${n}`;
  const flatten = timeSync(
    'flattenIngestBody (Grail rules + warnings)',
    n,
    () => flattenIngestBody(body, 'application/json', ctx),
    'batch',
  );
  print(
    title,
    timeSync('JSON.parse (baseline)', n, () => JSON.parse(body), 'batch'),
    flatten,
  );
  print(
    title,
    timeSync('JSON.stringify (baseline)', n, () => JSON.stringify(events), 'batch'),
    flatten,
  );
}

/**
 * The composer's preview work for a ~100 KB pretty-printed payload, as it runs on every pause in
 * typing: detect the content type, flatten with warnings, render the first event's stored record.
 */
async function composerPreview(): Promise<void> {
  const text = JSON.stringify(
    Array.from({ length: 330 }, (_, i) => seedEvent(i)),
    null,
    2,
  );
  const n = 200;
  const preview = () => {
    const contentType = detectContentType(text);
    const out = flattenIngestBody(text, contentType, {
      nowNs: BigInt(Date.now()) * 1_000_000n,
      newId: () => randomUUID(),
    });
    if (!out.ok) throw new Error('preview failed');
    return JSON.stringify(toWireRecord(out.events[0]!, 'UTC').record, null, 2);
  };
  const parse = timeSync('JSON.parse (baseline)', n, () => JSON.parse(text), 'preview');
  const full = timeSync('composer preview (goal < 16 ms per preview)', n, preview, 'preview');
  print(`Composer preview: ${(text.length / 1024).toFixed(0)} KiB payload × ${n}`, parse, full);
}

async function sandboxQueries(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'bizlens-bench-sandbox-'));
  const sandbox = await startSandbox({ port: 0, dataDir });
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: DEV_CLIENT.clientId,
    client_secret: DEV_CLIENT.clientSecret,
    scope: 'storage:bizevents:read storage:buckets:read storage:events:write',
  });
  const token = (
    (await (await fetch(`${sandbox.url}/sso/oauth2/token`, { method: 'POST', body: form })).json()) as {
      access_token: string;
    }
  ).access_token;
  const auth = { authorization: `Bearer ${token}` };
  await sandboxIngest(); // its own sandboxes and data dirs (bench/sandbox-ingest.ts)
  const total = 20_000;
  await postBodies(sandbox.url, seedBodies(total, 5_000), 1); // what the queries below read
  const run = (query: string) => async () => {
    const r = await fetch(`${sandbox.url}/platform/storage/query/v1/query:execute`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ query, requestTimeoutMilliseconds: 60_000, maxResultRecords: 1000 }),
    });
    const body = (await r.json()) as { state: string };
    if (body.state !== 'SUCCEEDED') throw new Error(`query ${body.state}`);
  };
  const n = 10;
  const limit = await time('fetch bizevents | limit 1000', n, run('fetch bizevents | limit 1000'), 'query');
  const sorted = await time(
    'fetch bizevents | sort timestamp desc | limit 1000',
    n,
    run('fetch bizevents | sort timestamp desc | limit 1000'),
    'query',
  );
  print(`Sandbox queries over ${total} events × ${n}`, limit, sorted);
  await sandbox.close();
  await rm(dataDir, { recursive: true, force: true });
}

await ipcTransports();
await flattening();
await flattenVsStringify();
await composerPreview();
await sandboxQueries();
await dqlLanguageService();
await dqlBundle();
await dqlEditorLatency();
await engineQueries();
await bulkSend();
await resultsRendering();
