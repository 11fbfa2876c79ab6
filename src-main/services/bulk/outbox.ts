/**
 * The bulk outbox: every job is journaled on disk before its first batch is sent, and every
 * acknowledged batch is appended (and flushed) to the job's ack log. After a crash, restart or
 * network loss the job is read back and resumes with the batches not yet acknowledged.
 *
 * Layout: <dataDir>/outbox/<jobId>/job.json (the job: source, target, limits, state; replaced
 * atomically), source.data (an uploaded file, as received) and acks.log (one line per batch).
 */
import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, open, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../../src-shared/errors';
import { BulkJobSpec } from '../../../src-shared/ipc/domains/ingest';

const JOB_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const BulkJobState = z.enum([
  'receiving',
  'validating',
  'ready',
  'sending',
  'paused',
  'done',
  'cancelled',
  'failed',
]);
export type BulkJobState = z.infer<typeof BulkJobState>;

export const BulkJobRecord = z.object({
  id: z.string(),
  createdAt: z.string(),
  spec: BulkJobSpec,
  state: BulkJobState,
  /** Events in the job, known once the source has been validated. */
  total: z.number().int().nonnegative().optional(),
  /** Events that carried their own id (the rest got stable ids derived from the job id). */
  ownIds: z.number().int().nonnegative().default(0),
  /** Bytes received so far (uploaded files). */
  received: z.number().int().nonnegative().default(0),
  error: z.string().optional(),
});
export type BulkJobRecord = z.infer<typeof BulkJobRecord>;

export interface BatchAck {
  batch: number;
  /** Events in the batch. */
  count: number;
  /** Events the server rejected (400 with per-event errors); they were not stored. */
  failed: number;
}

export class Outbox {
  constructor(private readonly dir: string) {}

  /** Job ids are UUIDs made here; anything else (e.g. `..` from a request) never reaches the disk. */
  jobDir(id: string): string {
    if (!JOB_ID.test(id)) throw new AppError('BULK_NOT_FOUND', 'No such bulk job.');
    return join(this.dir, id);
  }

  sourcePath(id: string): string {
    return join(this.jobDir(id), 'source.data');
  }

  async create(spec: BulkJobSpec): Promise<BulkJobRecord> {
    const job: BulkJobRecord = {
      id: randomUUID(),
      createdAt: new Date().toISOString(),
      spec,
      state: spec.source.kind === 'file' ? 'receiving' : 'ready',
      received: 0,
      ownIds: 0,
    };
    await mkdir(this.jobDir(job.id), { recursive: true, mode: 0o700 });
    if (spec.source.kind === 'file') await writeFile(this.sourcePath(job.id), '', { mode: 0o600 });
    await this.save(job);
    return job;
  }

  /** Atomic replace (write, flush, rename) so a crash leaves the old or the new record, never half. */
  async save(job: BulkJobRecord): Promise<void> {
    const file = join(this.jobDir(job.id), 'job.json');
    const tmp = `${file}.${process.pid}.tmp`;
    const handle = await open(tmp, 'w', 0o600);
    try {
      await handle.writeFile(JSON.stringify(job));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
  }

  async load(id: string): Promise<BulkJobRecord | undefined> {
    try {
      return BulkJobRecord.parse(JSON.parse(await readFile(join(this.jobDir(id), 'job.json'), 'utf8')));
    } catch {
      return undefined;
    }
  }

  async list(): Promise<BulkJobRecord[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return [];
    }
    const jobs = await Promise.all(names.filter((n) => JOB_ID.test(n)).map((n) => this.load(n)));
    return jobs
      .filter((j): j is BulkJobRecord => j !== undefined)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  async appendSource(id: string, offset: number, bytes: Uint8Array): Promise<void> {
    const handle = await open(this.sourcePath(id), 'r+');
    try {
      await handle.write(bytes, 0, bytes.length, offset);
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  /**
   * Copies a file main opened itself (desktop dialog) as the job's source, so the job resumes
   * even if the original moves; returns the bytes copied.
   */
  async copySource(id: string, from: string): Promise<number> {
    const target = this.sourcePath(id);
    await copyFile(from, target);
    const handle = await open(target, 'r+');
    try {
      await handle.chmod(0o600);
      await handle.sync();
      return (await handle.stat()).size;
    } finally {
      await handle.close();
    }
  }

  /** Acknowledged batches; a torn last line (crash mid-append) is ignored, so that batch is resent. */
  async acks(id: string): Promise<Map<number, BatchAck>> {
    return (await this.journal(id)).acks;
  }

  /**
   * The ack log read back: acknowledged batches, and batches that were sent (`s N` is written
   * before the request) without an acknowledgement — they may or may not be stored.
   */
  async journal(id: string): Promise<{ acks: Map<number, BatchAck>; unacknowledged: Set<number> }> {
    const acks = new Map<number, BatchAck>();
    const sent = new Set<number>();
    let text = '';
    try {
      text = await readFile(join(this.jobDir(id), 'acks.log'), 'utf8');
    } catch {
      // no log yet: nothing sent
    }
    for (const line of text.split('\n')) {
      const m = /^(\d+) (\d+) (\d+)$/.exec(line);
      if (m) acks.set(Number(m[1]), { batch: Number(m[1]), count: Number(m[2]), failed: Number(m[3]) });
      const s = /^s (\d+)$/.exec(line);
      if (s) sent.add(Number(s[1]));
    }
    for (const n of acks.keys()) sent.delete(n);
    return { acks, unacknowledged: sent };
  }

  async openAckLog(id: string): Promise<AckLog> {
    return new AckLog(await open(join(this.jobDir(id), 'acks.log'), 'a', 0o600));
  }

  /** A finished or cancelled job keeps its record and ack log, but not the copy of the file. */
  async dropSource(id: string): Promise<void> {
    await rm(this.sourcePath(id), { force: true });
  }

  async remove(id: string): Promise<void> {
    await rm(this.jobDir(id), { recursive: true, force: true });
  }
}

/**
 * Appends acknowledgements, flushed to the disk in groups: the lines that arrive while one flush
 * runs go out together with the next write and datasync (group commit), so the log keeps up with
 * any request rate and each append still resolves only once its line is on the disk. The file is
 * opened for appending, so concurrent writes never interleave within a line.
 */
export class AckLog {
  private chain: Promise<void> = Promise.resolve();
  /** The group still taking lines (its flush waits for the one before it). */
  private open: { lines: string[]; flushed: Promise<void> } | undefined;

  constructor(private readonly handle: FileHandle) {}

  append(ack: BatchAck): Promise<void> {
    if (!this.open) {
      const group = { lines: [] as string[], flushed: Promise.resolve() };
      group.flushed = this.chain.then(async () => {
        // From here on, new lines start the next group.
        if (this.open === group) this.open = undefined;
        await this.handle.write(group.lines.join(''));
        await this.handle.datasync();
      });
      // A failed flush fails its own appends (the job stops); later groups still try.
      this.chain = group.flushed.catch(() => {});
      this.open = group;
    }
    this.open.lines.push(`${ack.batch} ${ack.count} ${ack.failed}\n`);
    return this.open.flushed;
  }

  /**
   * Written before a batch's request: after a crash, says the batch may be stored. In the kernel
   * before the request leaves (a killed process loses nothing), flushed to the disk with the next
   * acknowledgement: a flush per request would put the disk's latency on every request.
   */
  async sending(batch: number): Promise<void> {
    await this.handle.write(`s ${batch}\n`);
  }

  async close(): Promise<void> {
    await this.chain;
    await this.handle.close();
  }
}
