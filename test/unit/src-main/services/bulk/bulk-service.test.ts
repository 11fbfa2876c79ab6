import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../../../src-shared/errors';
import type { BulkJobView } from '../../../../../src-shared/ipc/domains/ingest';
import type { HttpSend } from '../../../../../src-main/platform/http';
import { BulkService } from '../../../../../src-main/services/bulk/bulk-service';
import type { BulkServiceDeps } from '../../../../../src-main/services/bulk/bulk-service';
import { Outbox } from '../../../../../src-main/services/bulk/outbox';
import { stableEventId } from '../../../../../src-shared/ingest/stable-id';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bizlens-outbox-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A server that stores batches (by first event id) and can be switched off like a lost network. */
function server(dropAfter = 3) {
  const stored: string[][] = [];
  const state = { online: true };
  const http: HttpSend = async (req) => {
    if (!state.online)
      throw new AppError('NETWORK', 'Could not reach env.example: network is down', {}, true);
    const events = JSON.parse(req.body ?? '[]') as { 'event.id': string }[];
    stored.push(events.map((e) => e['event.id']));
    // Lose the connection after the third batch, as a laptop leaving the Wi-Fi would.
    if (stored.length === dropAfter) state.online = false;
    return { status: 202, headers: new Headers(), text: '' };
  };
  return { http, stored, state };
}

function service(http: HttpSend, views: BulkJobView[]) {
  return new BulkService(deps(http, views));
}

function deps(http: HttpSend, views: BulkJobView[]): BulkServiceDeps {
  return {
    outbox: new Outbox(join(dir, 'outbox')),
    connect: async () => ({
      environmentId: 'e',
      platformBaseUrl: 'https://env.example',
      ingestPath: '/api/v2/bizevents/ingest',
      authorization: async () => 'Api-Token x',
      onUnauthorized: () => {},
    }),
    http,
    emit: (v) => void views.push(v),
    assertWriteAllowed: () => {},
    retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 1 },
    sleep: async () => {},
  };
}

const spec = {
  environmentId: 'e',
  source: { kind: 'generator' as const, template: '{"event.type":"t"}', count: 100, seed: 1, fields: [] },
  batchEvents: 10,
  concurrency: 1,
};

describe('BulkService with the outbox', () => {
  it('pauses on network loss and resumes, in a new service, with exactly the unacknowledged batches', async () => {
    const s = server();
    const views: BulkJobView[] = [];
    const first = service(s.http, views);
    const job = await first.create(spec, false);
    await first.start(job.jobId);
    const paused = await first.settledJob(job.jobId);
    expect(paused).toMatchObject({ state: 'paused', sent: 30, total: 100 });
    expect(paused.error).toContain('network is down');
    expect(views.some((v) => v.retrying?.includes('network is down'))).toBe(true);

    // As after a restart: a new service over the same outbox directory.
    s.state.online = true;
    const second = service(s.http, []);
    expect((await second.list()).jobs[0]).toMatchObject({ jobId: job.jobId, state: 'paused', sent: 30 });
    await second.start(job.jobId);
    expect(await second.settledJob(job.jobId)).toMatchObject({ state: 'done', sent: 100, failed: 0 });
    const ids = s.stored.flat();
    expect(ids).toHaveLength(100);
    expect(new Set(ids).size).toBe(100);
  });

  it('picks up a job that was sending when the process stopped', async () => {
    const s = server(Infinity);
    const first = service(s.http, []);
    const job = await first.create({ ...spec, concurrency: 2 }, false);
    await first.start(job.jobId);
    await first.dispose(); // stops the run but leaves the job "sending", as a crash would
    const second = service(
      async (req) => s.http(req).then(() => ({ status: 202, headers: new Headers(), text: '' })),
      [],
    );
    s.state.online = true;
    const resumed = await second.resumePending();
    expect(resumed).toEqual([job.jobId]);
    const view = await second.settledJob(job.jobId);
    expect(view).toMatchObject({ state: 'done', sent: 100 });
    expect(new Set(s.stored.flat()).size).toBe(100);
  });

  it('never touches the disk for a job id that is not one of its own', async () => {
    const bulk = service(server().http, []);
    for (const id of ['..', '../outbox', 'a/b'])
      await expect(bulk.upload(id, 0, 'e30=')).rejects.toMatchObject({ code: 'BULK_NOT_FOUND' });
  });

  it('does not resend a batch that was stored but not acknowledged before a crash', async () => {
    const s = server(Infinity);
    const outbox = new Outbox(join(dir, 'outbox'));
    const first = service(s.http, []);
    const job = await first.create(spec, false);
    const record = (await outbox.load(job.jobId))!;
    // As if the process died after batch 0 reached the server and before its acknowledgement:
    // the job says "sending", the log says batch 0 was sent, the server holds 9 of its 10 events.
    await outbox.save({ ...record, state: 'sending', total: 100 });
    const log = await outbox.openAckLog(job.jobId);
    await log.sending(0);
    await log.close();
    const storedIds = Array.from({ length: 9 }, (_, i) => stableEventId(job.jobId, i));
    const queries = {
      execute: async () => ({
        state: 'SUCCEEDED' as const,
        durationMs: 1,
        result: { records: storedIds.map((id) => ({ 'event.id': id })), types: [], metadata: {} },
      }),
    };
    const second = new BulkService({ ...deps(s.http, []), queries });
    await second.resumePending();
    const view = await second.settledJob(job.jobId);
    expect(view).toMatchObject({ state: 'done', sent: 99, failed: 1 });
    expect(s.stored.flat()).toHaveLength(90);
    expect(s.stored.flat()).not.toContain(stableEventId(job.jobId, 0));
  });
});
