import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEV_API_TOKEN, DEV_CLIENT_SECRET } from '../../../src-main/sandbox/dev-credentials';
import { makeDataDir, requestToken } from './helpers';

const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');
const CLI = join(process.cwd(), 'src-main', 'sandbox', 'cli.ts');
const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

function run(args: string[]): ChildProcessWithoutNullStreams {
  return spawn(TSX, [CLI, ...args], { stdio: 'pipe' });
}

/** Resolves with the first stdout line (the readiness signal). */
function firstLine(child: ChildProcessWithoutNullStreams): Promise<string> {
  return new Promise((resolve, reject) => {
    let buf = '';
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString('utf8');
      const nl = buf.indexOf('\n');
      if (nl >= 0) resolve(buf.slice(0, nl));
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code} before printing`)));
  });
}

function collect(child: ChildProcessWithoutNullStreams): {
  stdout: () => string;
  stderr: () => string;
  exit: Promise<number | null>;
} {
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
  return {
    stdout: () => out,
    stderr: () => err,
    exit: new Promise((r) => child.once('exit', (code) => r(code))),
  };
}

describe('npm run sandbox (cli.ts)', () => {
  it('prints one JSON line when ready, serves requests, and exits cleanly on SIGTERM', async () => {
    const dataDir = await makeDataDir();
    dirs.push(dataDir);
    const child = run(['--port', '0', '--data-dir', dataDir]);
    const io = collect(child);
    const line = await firstLine(child);
    const info = JSON.parse(line) as { url: string; tokenUrl: string; clientId: string; apiTokenId: string };
    expect(info).toMatchObject({
      url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      clientId: 'dt0s02.SANDBOX1',
      apiTokenId: 'dt0c01.SANDBOXDEVAPITOKEN000000',
    });
    expect(info.tokenUrl).toBe(`${info.url}/sso/oauth2/token`);
    expect(line).not.toContain(DEV_CLIENT_SECRET.split('.')[2]);
    expect(line).not.toContain(DEV_API_TOKEN.split('.')[2]);
    expect(await requestToken(info.url)).toMatch(/^ey/);

    child.kill('SIGTERM');
    expect(await io.exit).toBe(0);
    expect(io.stdout().trim().split('\n')).toHaveLength(1);
    expect(io.stderr()).not.toContain(DEV_CLIENT_SECRET);
  });

  // Out of process, the client is still writing when the 413 is ready: unless the sandbox reads
  // the body first, the client sees the connection reset (EPIPE), not the answer.
  it('answers a body over 5 MiB with a 413 the client receives', async () => {
    const dataDir = await makeDataDir();
    dirs.push(dataDir);
    const child = run(['--port', '0', '--data-dir', dataDir]);
    const io = collect(child);
    const { url } = JSON.parse(await firstLine(child)) as { url: string };
    const body = JSON.stringify({ filler: 'x'.repeat(6 * 1024 * 1024) });
    try {
      for (let attempt = 0; attempt < 5; attempt++) {
        const res = await fetch(`${url}/api/v2/bizevents/ingest`, {
          method: 'POST',
          headers: { authorization: `Api-Token ${DEV_API_TOKEN}`, 'content-type': 'application/json' },
          body,
        });
        expect(res.status).toBe(413);
        expect(await res.text()).toContain('Content too large');
      }
    } finally {
      child.kill('SIGTERM');
      await io.exit;
    }
  });

  it('fails with one clear line and exit code 2 on bad flags', async () => {
    const cases = [
      ['--port', 'abc', '--data-dir', '/tmp/x'],
      ['--port', '0'],
      ['--bogus'],
      ['--data-dir', '/tmp/x', '--client-id', 'a'],
      ['--data-dir', '/tmp/x', '--api-token', 'short'],
    ];
    const results = await Promise.all(
      cases.map(async (args) => {
        const io = collect(run(args));
        return { code: await io.exit, stdout: io.stdout(), stderr: io.stderr() };
      }),
    );
    for (const r of results) {
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^sandbox: /);
    }
  });
});
