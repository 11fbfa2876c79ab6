// The desktop file picker's handler with a faked dialog, and the job list's pause and discard.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../../../src-shared/errors';
import type { HttpSend } from '../../../../../src-main/platform/http';
import { BulkService } from '../../../../../src-main/services/bulk/bulk-service';
import { pickBulkFile } from '../../../../../src-main/services/bulk/bulk-file-pick';
import { Outbox } from '../../../../../src-main/services/bulk/outbox';
import { BulkPickFileRequest } from '../../../../../src-shared/ipc/domains/ingest';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bizlens-pick-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Records the events of each request; `hold` makes requests wait until released. */
function server() {
  const stored: string[] = [];
  const gate = { hold: false, release: [] as (() => void)[] };
  const http: HttpSend = async (req) => {
    if (gate.hold)
      await new Promise<void>((resolve, reject) => {
        gate.release.push(resolve);
        req.signal?.addEventListener('abort', () => reject(new AppError('CANCELLED', 'aborted')));
      });
    for (const e of JSON.parse(req.body ?? '[]') as { n: number }[]) stored.push(String(e.n));
    return { status: 202, headers: new Headers(), text: '' };
  };
  return { http, stored, gate };
}

function service(http: HttpSend, guard: (id: string, confirmed: boolean) => void = () => {}) {
  return new BulkService({
    outbox: new Outbox(join(dir, 'outbox')),
    connect: async () => ({
      environmentId: 'e',
      platformBaseUrl: 'https://env.example',
      ingestPath: '/api/v2/bizevents/ingest',
      authorization: async () => 'Api-Token x',
      onUnauthorized: () => {},
    }),
    http,
    emit: () => {},
    assertWriteAllowed: guard,
    retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 1 },
    sleep: async () => {},
  });
}

const request = (extra: Record<string, unknown> = {}) =>
  BulkPickFileRequest.parse({ environmentId: 'e', batchEvents: 3, concurrency: 1, ...extra });

async function ndjsonFile(name: string, events: number): Promise<string> {
  const path = join(dir, name);
  const lines = Array.from({ length: events }, (_, n) => JSON.stringify({ 'event.type': 'picked', n }));
  await writeFile(path, lines.join('\n'));
  return path;
}

describe('pickBulkFile (desktop open dialog)', () => {
  it('reads the chosen file in main, names only its file name, and sends every event', async () => {
    const path = await ndjsonFile('orders.data', 10);
    const s = server();
    const bulk = service(s.http);
    let asked = 0;
    const picked = await pickBulkFile(
      bulk,
      async () => {
        asked++;
        return path;
      },
      request(),
    );
    expect(asked).toBe(1);
    if (picked.kind !== 'job') throw new Error('expected a job');
    // Detected from the content ("{" first); the view carries the name, never the directory.
    expect(picked.job).toMatchObject({ label: 'orders.data', state: 'receiving' });
    expect(JSON.stringify(picked.job)).not.toContain(dir);
    // The outbox holds its own copy: the job survives the original file going away.
    await rm(path);
    await bulk.start(picked.job.jobId);
    expect(await bulk.settledJob(picked.job.jobId)).toMatchObject({ state: 'done', sent: 10, total: 10 });
    expect(s.stored).toEqual(Array.from({ length: 10 }, (_, n) => String(n)));
  });

  it('creates nothing when the dialog is cancelled', async () => {
    const bulk = service(server().http);
    expect(await pickBulkFile(bulk, async () => undefined, request())).toEqual({ kind: 'cancelled' });
    expect((await bulk.list()).jobs).toEqual([]);
  });

  it('is refused where there is no native dialog (the web edition uploads instead)', async () => {
    await expect(pickBulkFile(service(server().http), undefined, request())).rejects.toMatchObject({
      code: 'UNSUPPORTED',
    });
  });

  it('applies the safety level before reading, and hides the path when the file cannot be read', async () => {
    const path = await ndjsonFile('prod.ndjson', 2);
    const refused = service(server().http, (_id, confirmed) => {
      if (!confirmed) throw new Error('production needs a confirmation');
    });
    await expect(pickBulkFile(refused, async () => path, request())).rejects.toThrow(/confirmation/);
    const ok = await pickBulkFile(refused, async () => path, request({ confirmProduction: true }));
    expect(ok.kind).toBe('job');

    const missing = join(dir, 'secret-folder', 'gone.csv');
    const err = await pickBulkFile(service(server().http), async () => missing, request()).catch(
      (e: unknown) => e as Error,
    );
    expect(err).toMatchObject({ code: 'BULK_FILE', message: 'The file gone.csv could not be read.' });
  });

  it('rejects a renderer request that tries to name a path or a source', () => {
    expect(() => request({ path: '/etc/passwd' })).toThrow();
    expect(() => request({ source: { kind: 'file', name: 'x', format: 'csv', size: 1 } })).toThrow();
  });
});

describe('pause and discard', () => {
  it('pauses a sending job (kept, with its file) and resumes it to the exact count', async () => {
    const path = await ndjsonFile('big.ndjson', 30);
    const s = server();
    const bulk = service(s.http);
    const picked = await pickBulkFile(bulk, async () => path, request());
    if (picked.kind !== 'job') throw new Error('expected a job');
    const id = picked.job.jobId;
    s.gate.hold = true;
    await bulk.start(id);
    while (s.gate.release.length === 0) await new Promise((r) => setTimeout(r, 1));
    const pausing = bulk.pause(id);
    s.gate.release.shift()?.(); // the request in flight gets its answer
    const paused = await pausing;
    expect(paused.state).toBe('paused');
    expect(paused.sent).toBeLessThan(30);
    s.gate.hold = false;
    // A new service, as after a restart: the paused job waits for the user, it is not resumed.
    const again = service(s.http);
    expect(await again.resumePending()).toEqual([]);
    expect((await again.list()).jobs).toMatchObject([{ jobId: id, state: 'paused', label: 'big.ndjson' }]);
    await again.start(id);
    expect(await again.settledJob(id)).toMatchObject({ state: 'done', sent: 30 });
    expect(s.stored).toHaveLength(30);
    expect(new Set(s.stored).size).toBe(30);
  });

  it('discards an unfinished job: its journal and copy of the file are gone', async () => {
    const path = await ndjsonFile('drop.ndjson', 5);
    const bulk = service(server().http);
    const picked = await pickBulkFile(bulk, async () => path, request());
    if (picked.kind !== 'job') throw new Error('expected a job');
    const jobDir = join(dir, 'outbox', picked.job.jobId);
    expect(await readFile(join(jobDir, 'source.data'), 'utf8')).toContain('"n":4');
    expect(await bulk.discard(picked.job.jobId)).toEqual({ jobId: picked.job.jobId });
    expect(await readdir(join(dir, 'outbox'))).toEqual([]);
    expect((await bulk.list()).jobs).toEqual([]);
    await expect(bulk.start(picked.job.jobId)).rejects.toMatchObject({ code: 'BULK_NOT_FOUND' });
  });
});
