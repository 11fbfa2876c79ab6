// The outbox's promise, tested the hard way: the sender runs as its own process (the headless
// bulk runner), is killed with SIGKILL in the middle of a job, and a new process resumes the job
// from the journal. Afterwards the sandbox holds every event of the job exactly once.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_API_TOKEN, DEV_CLIENT_ID, DEV_CLIENT_SECRET } from '../../../src-main/sandbox/dev-credentials';
import { query, READ_SCOPES, requestToken, startTestSandbox } from '../sandbox/helpers';
import type { TestSandbox } from '../sandbox/helpers';

const EVENTS = 12_000;
const BATCH = 400;
const CONCURRENCY = 2;

let sb: TestSandbox;
let senderDir: string;

beforeAll(async () => {
  sb = await startTestSandbox();
  senderDir = await mkdtemp(join(tmpdir(), 'bizlens-bulk-sender-'));
});

afterAll(async () => {
  await sb.dispose();
  await rm(senderDir, { recursive: true, force: true });
});

function sender(args: string[]): ChildProcess {
  return spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src-main/services/bulk/headless.ts',
      '--url',
      sb.url,
      '--data-dir',
      senderDir,
      ...args,
    ],
    {
      cwd: process.cwd(),
      env: {
        ...process.env,
        BIZLENS_BULK_API_TOKEN: DEV_API_TOKEN,
        // Query access lets the resumed job check which unacknowledged batches are stored.
        BIZLENS_BULK_CLIENT_ID: DEV_CLIENT_ID,
        BIZLENS_BULK_CLIENT_SECRET: DEV_CLIENT_SECRET,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
}

function exited(
  child: ChildProcess,
): Promise<{ code: number | null; signal: string | null; stdout: string }> {
  let stdout = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stdout })));
}

async function ackLines(jobDir: string): Promise<number> {
  try {
    return (await readFile(join(jobDir, 'acks.log'), 'utf8')).split('\n').filter((l) => /^\d+ /.test(l))
      .length;
  } catch {
    return 0;
  }
}

describe('bulk outbox: resume after the sender is killed', () => {
  it('kills the sender mid-job, resumes in a new process, and every event is stored exactly once', async () => {
    const first = sender([
      '--generate',
      String(EVENTS),
      '--batch-events',
      String(BATCH),
      '--concurrency',
      String(CONCURRENCY),
    ]);
    const firstExit = exited(first);
    // Wait until some batches are acknowledged, then kill without warning.
    let jobDir = '';
    for (let acked = 0; acked < 4;) {
      await new Promise((r) => setTimeout(r, 25));
      const jobs = await readdir(join(senderDir, 'outbox')).catch(() => [] as string[]);
      if (jobs[0]) {
        jobDir = join(senderDir, 'outbox', jobs[0]);
        acked = await ackLines(jobDir);
      }
    }
    first.kill('SIGKILL');
    expect((await firstExit).signal).toBe('SIGKILL');
    const ackedAtKill = await ackLines(jobDir);
    // Batches announced ("s N") but not acknowledged: in flight when the process died.
    const log = (await readFile(join(jobDir, 'acks.log'), 'utf8')).split('\n');
    const acked = new Set(log.filter((l) => /^\d+ /.test(l)).map((l) => l.split(' ')[0]));
    const inFlight = log.filter((l) => l.startsWith('s ') && !acked.has(l.slice(2)));
    expect(inFlight.length).toBeGreaterThan(0);
    expect(ackedAtKill).toBeLessThan(EVENTS / BATCH);
    const journal = JSON.parse(await readFile(join(jobDir, 'job.json'), 'utf8')) as {
      id: string;
      state: string;
    };
    expect(journal.state).toBe('sending');

    const second = await exited(sender(['--resume']));
    expect(second.code).toBe(0);
    const done = JSON.parse(second.stdout.trim().split('\n').pop() as string) as {
      done: { jobId: string; state: string; sent: number; failed: number };
    };
    expect(done.done).toMatchObject({ jobId: journal.id, state: 'done', sent: EVENTS, failed: 0 });

    const token = await requestToken(sb.url, READ_SCOPES);
    const prefix = journal.id.slice(0, 23);
    const counted = await query(
      sb.url,
      token,
      `fetch bizevents | filter startsWith(event.id, "${prefix}") | summarize n = count(), ids = countDistinct(event.id)`,
    );
    const row = counted.result.records[0] as { n: string | number; ids: string | number };
    // Every event with its stable identity, exactly once: batches sent but not acknowledged when
    // the process died were checked against the store instead of being sent again.
    expect(Number(row.ids)).toBe(EVENTS);
    expect(Number(row.n)).toBe(EVENTS);
  });
});
