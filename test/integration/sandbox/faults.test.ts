/** Fault injection over real HTTP: seeded 429/503 sequences, Retry-After, latency, early token expiry, admin hook. */
import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FaultInjector } from '../../../src-main/sandbox/faults';
import { NO_FAULTS, parseFaultSpec } from '../../../src-main/sandbox/faults-spec';
import {
  createGate,
  execute,
  ingest,
  makeDataDir,
  manualClock,
  poll,
  query,
  requestToken,
  startTestSandbox,
} from './helpers';
import type { TestSandbox } from './helpers';

let sb: TestSandbox | undefined;
afterEach(async () => {
  await sb?.dispose();
  sb = undefined;
});

const event = (i: number) => JSON.stringify({ 'event.type': 'fault.test', 'event.provider': 'faults', i });

describe('sandbox fault injection', () => {
  it('answers ingest and query requests with the seeded 429/503 sequence; SSO stays reliable', async () => {
    const spec = parseFaultSpec('429=0.3,503=0.2,retryAfter=7,seed=42');
    sb = await startTestSandbox({ faults: spec });
    const token = await requestToken(sb.url);
    const expected = new FaultInjector(spec);
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) {
      const res =
        i % 2 === 0
          ? await ingest(sb.url, event(i))
          : await execute(sb.url, token, {
              query: 'fetch bizevents | limit 1',
              requestTimeoutMilliseconds: 5000,
            });
      const want = expected.next().status;
      statuses.push(res.status);
      if (want === 429) {
        expect(res.headers.get('retry-after')).toBe('7');
        expect(((await res.json()) as { error: { code: number } }).error.code).toBe(429);
      } else if (want === 503) {
        expect(((await res.json()) as { error: { code: number } }).error.code).toBe(503);
      } else {
        expect(res.status).toBe(i % 2 === 0 ? 202 : 200);
        await res.arrayBuffer();
      }
      if (want) expect(res.status).toBe(want);
    }
    expect(statuses).toContain(429);
    expect(statuses).toContain(503);
    // Token requests are never faulted.
    for (let i = 0; i < 5; i++) await requestToken(sb.url);
    // Exactly the acknowledged ingests are stored.
    const acknowledged = statuses.filter((s, i) => i % 2 === 0 && s === 202).length;
    expect((await sb.sandbox.admin.stats()).eventCount).toBe(acknowledged);
  });

  it('waits the seeded latency before handling a request', async () => {
    const spec = parseFaultSpec('latency=20-60,seed=3');
    const waits: number[] = [];
    sb = await startTestSandbox({
      faults: spec,
      faultSleep: (ms) => {
        waits.push(ms);
        return new Promise((r) => setTimeout(r, ms));
      },
    });
    for (let i = 0; i < 5; i++) expect((await ingest(sb.url, event(i))).status).toBe(202);
    const expected = new FaultInjector(spec);
    expect(waits).toEqual(Array.from({ length: 5 }, () => expected.next().latencyMs));
    expect((await sb.sandbox.admin.stats()).eventCount).toBe(5);
  });

  it('expires access tokens after tokenTtl seconds, though they claim 300', async () => {
    const clock = manualClock();
    sb = await startTestSandbox({ now: clock.now, faults: parseFaultSpec('tokenTtl=30') });
    const token = await requestToken(sb.url);
    const ok = await execute(sb.url, token, { query: 'fetch bizevents', requestTimeoutMilliseconds: 5000 });
    expect(ok.status).toBe(200);
    clock.advanceSeconds(30);
    const expired = await execute(sb.url, token, {
      query: 'fetch bizevents',
      requestTimeoutMilliseconds: 5000,
    });
    expect(expired.status).toBe(401);
    expect(((await expired.json()) as { error: { message: string } }).error.message).toBe(
      'The access token has expired.',
    );
    const bearerIngest = await ingest(sb.url, event(2), { auth: `Bearer ${token}` });
    expect(bearerIngest.status).toBe(401);
    // Switching the faults off at run time restores the normal 300 s lifetime.
    sb.sandbox.setFaults(NO_FAULTS);
    expect((await ingest(sb.url, event(3), { auth: `Bearer ${token}` })).status).toBe(202);
  });

  it('clears stored events through the admin hook and keeps serving', async () => {
    sb = await startTestSandbox();
    for (let i = 0; i < 3; i++) expect((await ingest(sb.url, event(i))).status).toBe(202);
    const before = await sb.sandbox.admin.stats();
    expect(before.eventCount).toBe(3);
    expect(before.sizeBytes).toBeGreaterThan(0);
    await sb.sandbox.admin.clear();
    expect((await sb.sandbox.admin.stats()).eventCount).toBe(0);
    expect((await ingest(sb.url, event(9))).status).toBe(202);
    const token = await requestToken(sb.url);
    const r = await query(sb.url, token, 'fetch bizevents, from: -1d | summarize n = count()');
    expect(r.result.records).toEqual([{ n: '1' }]);
  });
});

describe('sandbox admin clear with a query running', () => {
  it('cancels the running job (its token is gone afterwards) and leaves an empty, working store', async () => {
    const gate = createGate();
    sb = await startTestSandbox({ executionGate: gate.gate });
    expect((await ingest(sb.url, event(1))).status).toBe(202);
    const token = await requestToken(sb.url);
    const started = await execute(sb.url, token, { query: 'fetch bizevents, from: -1d' });
    expect(started.status).toBe(202);
    const { requestToken: held } = (await started.json()) as { requestToken: string };
    await gate.entered;
    const clearing = sb.sandbox.admin.clear();
    gate.open();
    await clearing;
    expect((await poll(sb.url, token, held)).status).toBe(410);
    expect((await sb.sandbox.admin.stats()).eventCount).toBe(0);
    expect((await ingest(sb.url, event(2))).status).toBe(202);
    expect((await sb.sandbox.admin.stats()).eventCount).toBe(1);
  });
});

describe('npm run sandbox -- --faults', () => {
  const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');
  const CLI = join(process.cwd(), 'src-main', 'sandbox', 'cli.ts');

  /** Runs the CLI until it prints its ready line (then stops it) or exits. */
  function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      const child = spawn(TSX, [CLI, ...args], { stdio: 'pipe' });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString('utf8');
        if (stdout.includes('\n')) child.kill('SIGTERM');
      });
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
      child.once('exit', (code) => resolve({ code, stdout, stderr }));
    });
  }

  it('refuses a bad spec with exit code 2 and the column of the error', async () => {
    const dir = await makeDataDir();
    try {
      const out = await runCli(['--data-dir', dir, '--faults', '429=0.1,503=x']);
      expect(out.code).toBe(2);
      expect(out.stdout).toBe('');
      expect(out.stderr).toContain(
        "--faults: Fault spec, column 13: '503' expects a share from 0 to 1, got 'x'",
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('starts with a good spec and says which faults it injects', async () => {
    const dir = await makeDataDir();
    try {
      const out = await runCli([
        '--data-dir',
        dir,
        '--faults',
        'seed=42,503=0.05,latency=50-200,tokenTtl=30',
      ]);
      expect(out.code).toBe(0);
      expect(JSON.parse(out.stdout.split('\n')[0]!)).toHaveProperty('url');
      expect(out.stderr).toContain('sandbox: injecting faults 503=0.05,latency=50-200,tokenTtl=30,seed=42');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
