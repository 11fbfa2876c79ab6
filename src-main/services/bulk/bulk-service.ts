/**
 * Bulk sending: jobs are created and journaled in the outbox, files are received in chunks (the
 * renderer streams the File; main writes, checks and sends it), the whole source is validated
 * before anything is sent, then batches go out with bounded concurrency and retries; each
 * acknowledged batch is recorded, so a job resumes after a crash, restart or network loss.
 */
import { AppError } from '../../../src-shared/errors';
import { BulkInputError } from '../../../src-shared/ingest/bulk-input-error';
import { Batcher } from '../../../src-shared/ingest/batcher';
import { compileGenerator } from '../../../src-shared/ingest/generator';
import type { BulkFileFormat } from '../../../src-shared/ingest/record-readers';
import type { Batch } from '../../../src-shared/ingest/batcher';
import type { BulkArrival, BulkJobSpec, BulkJobView } from '../../../src-shared/ipc/domains/ingest';
import type { HttpSend } from '../../platform/http';
import type { QueryRunner } from '../arrival-service';
import type { Connection } from '../connection';
import { abortableSleep, DEFAULT_RETRY, postBatch } from './batch-post';
import { countJobArrivals, countStoredBatch } from './bulk-arrival';
import { spoolPickedFile } from './bulk-file-pick';
import type { RetryPolicy } from './batch-post';
import { jobEvents } from './bulk-source';
import type { BatchAck, BulkJobRecord, Outbox } from './outbox';

export interface BulkServiceDeps {
  outbox: Outbox;
  connect: (environmentId: string) => Promise<Connection>;
  http: HttpSend;
  /** Pushes progress to every window (throttled here). */
  emit: (view: BulkJobView) => void;
  assertWriteAllowed: (environmentId: string, confirmedProduction: boolean) => void;
  /** Counts stored events for verify(); absent in the headless runner. */
  queries?: QueryRunner;
  retry?: RetryPolicy;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

interface Progress {
  sent: number;
  failed: number;
  /** sent + failed when this run started (the rate counts this run only). */
  doneAtStart: number;
  startedMs: number;
  retrying?: string;
  errorLine?: number;
  errorColumn?: number;
}

interface Running {
  abort: AbortController;
  done: Promise<void>;
  progress: Progress;
  lastEmit: number;
}

const EMIT_EVERY_MS = 250;
/** Answered batches whose acknowledgement may wait for the disk before the next batch goes out. */
const MAX_UNFLUSHED_ACKS = 64;
/** Request bodies in flight at once, whatever the concurrency (each is also copied to a Buffer). */
const MAX_IN_FLIGHT_BYTES = 24 * 1024 * 1024;

export class BulkService {
  private readonly running = new Map<string, Running>();
  private readonly settled = new Map<string, Progress>();
  private disposed = false;

  constructor(private readonly d: BulkServiceDeps) {}

  async create(spec: BulkJobSpec, confirmedProduction: boolean): Promise<BulkJobView> {
    this.d.assertWriteAllowed(spec.environmentId, confirmedProduction);
    const job = await this.d.outbox.create(spec);
    return this.view(job);
  }

  async upload(jobId: string, offset: number, base64: string): Promise<BulkJobView> {
    const job = await this.job(jobId);
    if (job.state !== 'receiving' || job.spec.source.kind !== 'file')
      throw new AppError('BULK_STATE', 'This job is not receiving a file.');
    const bytes = Buffer.from(base64, 'base64');
    // A chunk sent again (the renderer retried) is accepted and ignored; gaps are refused.
    if (offset + bytes.length <= job.received) return this.view(job);
    if (offset !== job.received)
      throw new AppError('BULK_UPLOAD_GAP', `Expected the chunk at byte ${job.received}, got ${offset}.`);
    if (offset + bytes.length > job.spec.source.size)
      throw new AppError('BULK_UPLOAD_SIZE', 'The upload is larger than the file size announced.');
    await this.d.outbox.appendSource(jobId, offset, bytes);
    job.received = offset + bytes.length;
    await this.d.outbox.save(job);
    return this.view(job);
  }

  /** Validates (once) and sends in the background; also resumes a paused or failed job. */
  async start(jobId: string): Promise<BulkJobView> {
    const job = await this.job(jobId);
    if (this.running.has(jobId)) return this.view(job);
    if (job.state === 'done' || job.state === 'cancelled')
      throw new AppError('BULK_STATE', `The job is ${job.state}.`);
    if (job.state === 'receiving') {
      const size = job.spec.source.kind === 'file' ? job.spec.source.size : 0;
      if (job.received !== size)
        throw new AppError('BULK_UPLOAD_INCOMPLETE', `Received ${job.received} of ${size} bytes.`);
    }
    this.launch(job);
    return this.view(job);
  }

  async cancel(jobId: string): Promise<BulkJobView> {
    const run = this.running.get(jobId);
    if (run) {
      run.abort.abort();
      await run.done;
    }
    const latest = await this.job(jobId);
    if (latest.state !== 'done' && latest.state !== 'failed') {
      latest.state = 'cancelled';
      await this.d.outbox.save(latest);
    }
    await this.d.outbox.dropSource(jobId);
    return this.view(latest);
  }

  /**
   * A file job from a file main opened itself (the desktop's open dialog): the file is copied
   * into the outbox at once, so the job is complete and ready to start.
   */
  async createFromFile(
    base: Omit<BulkJobSpec, 'source'>,
    format: BulkFileFormat | 'auto',
    path: string,
    confirmedProduction: boolean,
  ): Promise<BulkJobView> {
    this.d.assertWriteAllowed(base.environmentId, confirmedProduction);
    return this.view(await spoolPickedFile(this.d.outbox, base, format, path));
  }

  /** Stops sending, keeping the job and its source: it is listed as paused, to resume later. */
  async pause(jobId: string): Promise<BulkJobView> {
    const run = this.running.get(jobId);
    if (run) {
      run.abort.abort();
      await run.done;
    }
    const latest = await this.job(jobId);
    if (['validating', 'ready', 'sending'].includes(latest.state)) {
      latest.state = 'paused';
      await this.d.outbox.save(latest);
    }
    return this.view(latest);
  }

  /** Forgets an unfinished job (stopping it first): its record, ack log and source are deleted. */
  async discard(jobId: string): Promise<{ jobId: string }> {
    const job = await this.job(jobId);
    const run = this.running.get(jobId);
    if (run) {
      run.abort.abort();
      await run.done;
    }
    await this.d.outbox.remove(job.id);
    this.settled.delete(job.id);
    return { jobId: job.id };
  }

  async list(): Promise<{ jobs: BulkJobView[] }> {
    const jobs = await this.d.outbox.list();
    return { jobs: await Promise.all(jobs.map((j) => this.view(j))) };
  }

  /**
   * How many of the job's events are stored, by their Bizlens-assigned ids (one query: the ids
   * share the job's prefix). Events that brought their own ids are reported, not counted.
   */
  async verify(jobId: string, signal: AbortSignal): Promise<BulkArrival> {
    const job = await this.job(jobId);
    if (!this.d.queries) throw new AppError('BULK_VERIFY', 'Counting needs a query connection.');
    if (job.total === undefined) throw new AppError('BULK_STATE', 'The job has not been validated yet.');
    return countJobArrivals(this.d.queries, job, signal);
  }

  /** After a crash or restart: jobs that were validating or sending carry on. */
  async resumePending(): Promise<string[]> {
    const jobs = await this.d.outbox.list();
    const pending = jobs.filter((j) => j.state === 'sending' || j.state === 'validating');
    for (const job of pending) this.launch(job);
    return pending.map((j) => j.id);
  }

  /** Resolves when the job's current run ends (tests and the headless runner wait on it). */
  async settledJob(jobId: string): Promise<BulkJobView> {
    await this.running.get(jobId)?.done;
    return this.view(await this.job(jobId));
  }

  /** Stops runs without changing their state, so they resume on the next start. */
  async dispose(): Promise<void> {
    this.disposed = true;
    const runs = [...this.running.values()];
    for (const r of runs) r.abort.abort();
    await Promise.all(runs.map((r) => r.done));
  }

  private launch(job: BulkJobRecord): void {
    const abort = new AbortController();
    const progress: Progress = { sent: 0, failed: 0, doneAtStart: 0, startedMs: performance.now() };
    const run: Running = { abort, progress, lastEmit: 0, done: Promise.resolve() };
    this.running.set(job.id, run);
    run.done = this.execute(job, run)
      .catch(async (err: unknown) => {
        // Stopped on purpose: cancel() records the cancellation; dispose() leaves the job to resume.
        if (abort.signal.aborted) return;
        job.state = err instanceof AppError && err.retryable ? 'paused' : 'failed';
        job.error = err instanceof Error ? err.message : 'The job stopped unexpectedly.';
        if (err instanceof BulkInputError && err.position) {
          progress.errorLine = err.position.line;
          if (err.position.column !== undefined) progress.errorColumn = err.position.column;
        }
        await this.d.outbox.save(job);
      })
      .finally(() => {
        this.running.delete(job.id);
        this.settled.set(job.id, progress);
        void this.view(job).then((v) => this.d.emit(v));
      });
  }

  private async execute(job: BulkJobRecord, run: Running): Promise<void> {
    const { signal } = run.abort;
    delete job.error;
    if (job.total === undefined) {
      job.state = 'validating';
      await this.d.outbox.save(job);
      job.total = await this.validate(job, run);
    }
    job.state = 'sending';
    await this.d.outbox.save(job);
    const { acks, unacknowledged } = await this.d.outbox.journal(job.id);
    const p = run.progress;
    for (const a of acks.values()) {
      p.sent += a.count - a.failed;
      p.failed += a.failed;
    }
    p.doneAtStart = p.sent + p.failed;
    p.startedMs = performance.now();
    this.tick(job, run, true);

    const conn = await this.d.connect(job.spec.environmentId);
    const source = jobEvents(job.id, job.spec, this.d.outbox.sourcePath(job.id));
    const log = await this.d.outbox.openAckLog(job.id);
    const inFlight = new Set<Promise<void>>();
    const acking = new Set<Promise<void>>();
    let failure: unknown;
    const contentType = () =>
      source.kind() === 'cloudevent' ? 'application/cloudevents-batch+json' : 'application/json';
    // Takes the body as a parameter, and its callbacks use only the numbers: a request's body
    // (up to 5 MiB) is garbage once the server answered, however long its ack takes to flush.
    let inFlightBytes = 0;
    const post = (body: string, number: number, count: number, bytes: number): void => {
      inFlightBytes += bytes;
      const sending: Promise<void> = postBatch(body, count, {
        conn,
        http: this.d.http,
        contentType: contentType(),
        signal,
        retry: this.d.retry ?? DEFAULT_RETRY,
        sleep: this.d.sleep ?? abortableSleep,
        onRetry: (reason, delayMs) => {
          p.retrying = `${reason}; retrying in ${Math.ceil(delayMs / 1000)} s`;
          this.tick(job, run, true);
        },
      })
        .then((outcome) => {
          const ack: BatchAck = { batch: number, count, failed: outcome.failed };
          // The slot is free as soon as the server answered; the flush of the ack follows behind
          // (until it lands, a crash leaves the batch announced, and resuming looks it up).
          const flushed: Promise<void> = log
            .append(ack)
            .catch((err: unknown) => {
              failure ??= err;
            })
            .finally(() => acking.delete(flushed));
          acking.add(flushed);
          delete p.retrying;
          p.sent += ack.count - ack.failed;
          p.failed += ack.failed;
          this.tick(job, run, false);
        })
        .catch((err: unknown) => {
          failure ??= err;
        })
        .finally(() => {
          inFlightBytes -= bytes;
          inFlight.delete(sending);
        });
      inFlight.add(sending);
    };
    const submit = async (batch: Batch): Promise<void> => {
      if (acks.has(batch.number)) return;
      // Backpressure: a free request slot, and acknowledgements not far behind the answers (the
      // log flushes in groups, so this only waits when the disk is slower than the network).
      // The byte budget bounds the bodies held at once with big batches at high concurrency.
      while (
        inFlight.size >= job.spec.concurrency ||
        (inFlight.size > 0 && inFlightBytes + batch.bytes > MAX_IN_FLIGHT_BYTES)
      )
        await Promise.race(inFlight);
      while (acking.size > MAX_UNFLUSHED_ACKS) await Promise.race(acking);
      if (failure !== undefined || signal.aborted) return;
      if (unacknowledged.has(batch.number)) {
        // Sent before a crash, never acknowledged: if its events are stored, do not send them again.
        const found = this.d.queries ? await countStoredBatch(this.d.queries, job, batch, signal) : 0;
        if (found > 0) {
          const ack: BatchAck = { batch: batch.number, count: batch.count, failed: batch.count - found };
          await log.append(ack);
          p.sent += found;
          p.failed += ack.failed;
          this.tick(job, run, false);
          return;
        }
      }
      await log.sending(batch.number);
      post(batch.body, batch.number, batch.count, batch.bytes);
    };
    try {
      const batcher = new Batcher(job.spec.batchEvents);
      read: for await (const texts of source.events()) {
        for (const text of texts) {
          if (signal.aborted || failure !== undefined) break read;
          const closed = batcher.add(text);
          if (closed) await submit(closed);
        }
      }
      const last = batcher.flush();
      if (last && !signal.aborted && failure === undefined) await submit(last);
      await Promise.all(inFlight);
      await Promise.all(acking);
    } finally {
      await log.close();
    }
    if (failure !== undefined) throw failure;
    if (signal.aborted) throw new AppError('CANCELLED', 'The job was stopped.');
    job.state = 'done';
    await this.d.outbox.save(job);
    await this.d.outbox.dropSource(job.id);
  }

  /** One pass over the whole source: any bad event stops the job before anything is sent. */
  private async validate(job: BulkJobRecord, run: Running): Promise<number> {
    // A generator's events are valid by construction once its template compiles.
    if (job.spec.source.kind === 'generator') {
      compileGenerator(job.spec.source);
      return job.spec.source.count;
    }
    const source = jobEvents(job.id, job.spec, this.d.outbox.sourcePath(job.id));
    let total = 0;
    for await (const texts of source.events()) {
      total += texts.length;
      if (run.abort.signal.aborted) throw new AppError('CANCELLED', 'The job was stopped.');
      this.tick(job, run, false);
    }
    if (total === 0) throw new BulkInputError('The source holds no events.');
    job.ownIds = source.ownIds();
    return total;
  }

  private tick(job: BulkJobRecord, run: Running, force: boolean): void {
    const now = performance.now();
    if (!force && now - run.lastEmit < EMIT_EVERY_MS) return;
    run.lastEmit = now;
    void this.view(job).then((v) => this.d.emit(v));
  }

  private async job(jobId: string): Promise<BulkJobRecord> {
    const job = await this.d.outbox.load(jobId);
    if (!job) throw new AppError('BULK_NOT_FOUND', 'No such bulk job.');
    return job;
  }

  private async view(job: BulkJobRecord): Promise<BulkJobView> {
    const run = this.running.get(job.id);
    let p = run?.progress ?? this.settled.get(job.id);
    if (!p) {
      // A job from an earlier session: its progress is what its ack log says.
      const acks = await this.d.outbox.acks(job.id);
      p = { sent: 0, failed: 0, doneAtStart: 0, startedMs: 0 };
      for (const a of acks.values()) {
        p.sent += a.count - a.failed;
        p.failed += a.failed;
      }
    }
    const elapsedS = run ? (performance.now() - p.startedMs) / 1000 : 0;
    const rate = run && elapsedS > 0 ? (p.sent + p.failed - p.doneAtStart) / elapsedS : 0;
    const left = job.total === undefined ? undefined : job.total - p.sent - p.failed;
    const source = job.spec.source;
    return {
      jobId: job.id,
      environmentId: job.spec.environmentId,
      label:
        source.kind === 'file' ? source.name : `${source.count.toLocaleString('en-US')} generated events`,
      state: job.state,
      ...(job.total === undefined ? {} : { total: job.total }),
      sent: p.sent,
      failed: p.failed,
      eventsPerSecond: Math.round(rate),
      ...(left !== undefined && rate > 0 && job.state === 'sending'
        ? { etaSeconds: Math.ceil(left / rate) }
        : {}),
      ...(p.retrying && run ? { retrying: p.retrying } : {}),
      ...(job.error ? { error: job.error } : {}),
      ...(p.errorLine !== undefined ? { errorLine: p.errorLine } : {}),
      ...(p.errorColumn !== undefined ? { errorColumn: p.errorColumn } : {}),
    };
  }
}
