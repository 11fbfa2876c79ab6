/**
 * Durable event storage on DuckDB (`<dataDir>/bizevents.duckdb`). Events are stored flattened, as
 * typed columns and a text of the rest (store-rows.ts), with an int64 nanosecond timestamp column,
 * an insertion sequence and the whole row's encoded length (store-schema.ts). An append resolves only after its transaction committed
 * (DuckDB's WAL), so nothing acknowledged with 202 is lost, even if the process dies right after.
 * Writes are serialized and go through DuckDB's appender; appends that arrive while one commits
 * share the next transaction (group commit: one WAL flush for many requests). Inside it, rows are
 * shredded (typed columns, the text of the rest) and appended a chunk at a time, so a batch's encoding dies
 * young instead of being copied by the scavenger while it waits. Each scan
 * reads through its own connection (store-scan.ts), in the order and up to the limit the engine
 * pushed down.
 */
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { FlattenedEvent } from '../../src-shared/grail/flatten';
import type {
  AggregateRequest,
  AggregateResult,
  CountBy,
  DataSource,
  GroupCount,
  ScanCursor,
  ScanRequest,
  ScanTotals,
  ScannedRecord,
} from '../../src-shared/dql/engine';
import { toBatch } from './event-batch';
import type { EventBatch } from './event-batch';
import { chunkColumns, copyIntoText } from './store-rows';
import type { BatchPart } from './store-rows';
import { MAX_PAGE, countEvents, measureEvents, scanEvents } from './store-scan';
import { aggregateEvents } from './store-aggregate';
import { CHUNK_ROWS, ChunkWriter, hasChanges, persistChanges } from './store-columns';
import type { ColumnCatalog } from './store-columns';
import { MinuteTotals, addToRollup, compactRollup } from './store-rollup';
import { ensureSchema } from './store-schema';

export interface EventStore extends DataSource {
  /** Stores events atomically (all or none); resolves once committed. */
  append(events: readonly FlattenedEvent[], ingestNs: bigint): Promise<void>;
  /** `append` of events already made a batch (event-batch.ts), e.g. by the flatten worker. */
  appendBatch(batch: EventBatch): Promise<void>;
  count(): Promise<number>;
  close(): Promise<void>;
}

/**
 * Database files open in this process. DuckDB's file lock stops a second *process*; within one
 * process a second instance would open the same file and corrupt the sequence, so we refuse it.
 */
const openFiles = new Set<string>();

/**
 * WAL size that triggers a checkpoint. DuckDB's 16 MB default checkpoints every couple of ingest
 * batches, each rewriting the table's open row group: appends slowed down several-fold.
 */
const CHECKPOINT_THRESHOLD = '256MB';

const MAX_IDLE_READERS = 4;

export async function openEventStore(dataDir: string): Promise<EventStore> {
  const file = resolve(dataDir, 'bizevents.duckdb');
  if (openFiles.has(file))
    throw new Error(
      `The data dir ${dataDir} is locked: it is already in use by another sandbox in this process.`,
    );
  openFiles.add(file);
  let instance: DuckDBInstance | undefined;
  try {
    await mkdir(dataDir, { recursive: true });
    // Top-N pages sort only the narrow columns and fetch the stored text of the rows they return.
    instance = await DuckDBInstance.create(file, {
      late_materialization_max_rows: String(MAX_PAGE),
      checkpoint_threshold: CHECKPOINT_THRESHOLD,
    });
    const writers = [await instance.connect(), await instance.connect()] as const;
    const catalog = await ensureSchema(writers[0], dataDir);
    const max = await writers[0].runAndReadAll('SELECT coalesce(max(seq), 0) FROM bizevents');
    const nextSeq = BigInt(String(max.getRows()[0]?.[0] ?? 0)) + 1n;
    return new DuckDbEventStore(instance, writers, catalog, nextSeq, () => openFiles.delete(file));
  } catch (err) {
    instance?.closeSync();
    openFiles.delete(file);
    throw err;
  }
}

/** Appends that arrive while a commit runs wait and then go in together, up to this many events. */
const MAX_GROUP_EVENTS = 50_000;

/** One append request, checked on arrival, waiting for its commit. */
interface PendingAppend {
  /**
   * Let go once appended: a group waiting for its COMMIT holds no rows, so the requests parsed
   * meanwhile do not make the garbage collector copy them.
   */
  batch: EventBatch | undefined;
  readonly count: number;
  readonly resolve: () => void;
  readonly reject: (err: unknown) => void;
}

class DuckDbEventStore implements EventStore {
  private readonly queue: PendingAppend[] = [];
  private draining: Promise<void> | undefined;
  /** Set while the drain waits on a COMMIT with nothing queued: an append wakes it. */
  private wake: (() => void) | undefined;
  private closed = false;

  constructor(
    private readonly instance: DuckDBInstance,
    /**
     * Two writers take turns: a group is appended in one while the group before commits in the
     * other (a COMMIT, run in DuckDB's threads, was a third of the time of an append).
     */
    private readonly writers: readonly [DuckDBConnection, DuckDBConnection],
    private readonly catalog: ColumnCatalog,
    private nextSeq: bigint,
    private readonly onClosed: () => void,
  ) {}

  /**
   * Group commit: appends that arrive while a transaction runs are stored together in the next
   * one and all resolve after its COMMIT (one WAL flush for many requests). Each resolves only
   * once its events are committed; a request is still all or nothing (see drain).
   */
  append(events: readonly FlattenedEvent[], ingestNs: bigint): Promise<void> {
    let batch: EventBatch;
    try {
      batch = toBatch(events, ingestNs); // before any transaction: a bad event stores nothing
    } catch (err) {
      return Promise.reject(err);
    }
    return this.appendBatch(batch);
  }

  appendBatch(batch: EventBatch): Promise<void> {
    if (this.closed) return Promise.reject(new Error('The event store is closed.'));
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ batch, count: batch.count, resolve, reject });
      this.wake?.();
      this.draining ??= this.drain();
    });
  }

  /**
   * Groups are appended one after the other, each in its own transaction, and committed in that
   * order; the next group is appended while the one before commits. Appends never conflict in
   * DuckDB, and the rollup only inserts (store-rollup.ts), so the two transactions cannot either.
   */
  private async drain(): Promise<void> {
    // The last group's COMMIT, and each writer's; they never reject (they settle their group).
    let committing: Promise<void> = Promise.resolve();
    const writerDone = [committing, committing];
    let turn = 0;
    for (;;) {
      if (this.queue.length === 0) {
        // Until the COMMIT ends or an append arrives: that one is appended while this commits.
        let committed = false;
        const commitEnds = committing.then(() => void (committed = true));
        await Promise.race([commitEnds, new Promise<void>((wake) => (this.wake = wake))]);
        this.wake = undefined;
        if (this.queue.length === 0) {
          if (committed) break; // checked after the wait, synchronously: nothing is stranded
          continue;
        }
      }
      const k = turn++ % 2;
      const writer = this.writers[k] as DuckDBConnection;
      await writerDone[k]; // a connection runs one statement at a time
      const group = this.nextGroup();
      const previous = committing;
      let minutes: MinuteTotals;
      try {
        minutes = await this.appendGroup(group, writer, previous);
      } catch (err) {
        await previous;
        await this.oneByOne(group, err);
        continue;
      }
      committing = previous
        .then(() => this.commit(writer, minutes))
        .then(
          () => group.forEach((p) => p.resolve()),
          // The rows were let go once appended: a failed COMMIT fails the whole group.
          (err: unknown) => group.forEach((p) => p.reject(err)),
        );
      writerDone[k] = committing;
    }
    this.draining = undefined;
  }

  /** The queued appends that go in together, up to MAX_GROUP_EVENTS. */
  private nextGroup(): PendingAppend[] {
    let events = 0;
    let n = 0;
    do events += (this.queue[n++] as PendingAppend).count;
    while (n < this.queue.length && events < MAX_GROUP_EVENTS);
    return this.queue.splice(0, n);
  }

  /** A group that failed to append (rolled back): each request again alone, so one failure fails only its own. */
  private async oneByOne(group: readonly PendingAppend[], err: unknown): Promise<void> {
    if (group.length === 1) return (group[0] as PendingAppend).reject(err);
    const writer = this.writers[0];
    for (const p of group) {
      try {
        await this.commit(writer, await this.appendGroup([p], writer, Promise.resolve()));
        p.resolve();
      } catch (e) {
        p.reject(e);
      }
    }
  }

  /**
   * Appends the group in a transaction of `writer`, left open for its COMMIT, and lets go of its
   * rows. New columns are added first when a chunk needs them, once the commit before has settled
   * (no other write transaction may be open while the table changes).
   */
  private async appendGroup(
    group: readonly PendingAppend[],
    writer: DuckDBConnection,
    previous: Promise<void>,
  ): Promise<MinuteTotals> {
    const count = group.reduce((n, p) => n + p.count, 0);
    for (;;) {
      const minutes = await this.tryAppend(group, writer);
      if (minutes) {
        for (const p of group) p.batch = undefined;
        this.nextSeq += BigInt(count);
        return minutes;
      }
      await previous;
      const batches = group.flatMap((p) => (p.batch ? [p.batch] : []));
      const changes = this.catalog.changesForBatches(batches);
      if (!hasChanges(changes)) throw new Error('The column catalogue cannot hold these events.');
      // Committed before the events and applied only then: readers never see a column the
      // catalogue lacks, nor a catalogue column the table lacks (store-columns.ts).
      await this.transaction(writer, async () => {
        await persistChanges(writer, changes);
        await copyIntoText(writer, this.catalog, changes.impure);
      });
      this.catalog.apply(changes);
    }
  }

  /**
   * BEGIN, then the group encoded and appended chunk by chunk; the per-minute totals, or undefined
   * (rolled back) when the catalogue needs new columns first.
   */
  private async tryAppend(
    group: readonly PendingAppend[],
    writer: DuckDBConnection,
  ): Promise<MinuteTotals | undefined> {
    await writer.run('BEGIN TRANSACTION');
    try {
      const minutes = new MinuteTotals();
      let covered = true;
      const appender = await writer.createAppender('bizevents');
      try {
        const chunks = new ChunkWriter(appender);
        let seq = this.nextSeq;
        for (const parts of chunksOf(group)) {
          const chunk = chunkColumns(this.catalog, parts, seq);
          if (!chunk) {
            covered = false;
            break;
          }
          const [, timestamps, , , lengths] = chunk.values as [unknown, bigint[], unknown, unknown, number[]];
          for (let i = 0; i < timestamps.length; i++)
            minutes.add(timestamps[i] as bigint, lengths[i] as number);
          chunks.write(chunk.types, chunk.values);
          seq += BigInt(timestamps.length);
        }
      } finally {
        // Flushes into this transaction (never after its ROLLBACK); constraint violations surface here.
        appender.closeSync();
      }
      if (covered) return minutes;
      await rollback(writer);
      return undefined;
    } catch (err) {
      await rollback(writer);
      throw err;
    }
  }

  /** The rollup and the COMMIT in one round trip; a failing statement stops the rest. */
  private async commit(writer: DuckDBConnection, minutes: MinuteTotals): Promise<void> {
    try {
      await writer.run(`${addToRollup(minutes)} COMMIT`);
    } catch (err) {
      await rollback(writer);
      throw err;
    }
  }

  private async transaction(writer: DuckDBConnection, body: () => Promise<void>): Promise<void> {
    await writer.run('BEGIN TRANSACTION');
    try {
      await body();
      await writer.run('COMMIT');
    } catch (err) {
      await rollback(writer);
      throw err;
    }
  }

  async count(): Promise<number> {
    // A reader's: the writer may be inside an append not yet committed (nor acknowledged).
    const r = await this.withReader((conn) => conn.runAndReadAll('SELECT count(*) FROM bizevents'));
    return Number(r.getRows()[0]?.[0] ?? 0);
  }

  async *scan(request: ScanRequest): AsyncGenerator<ScannedRecord> {
    if (request.table !== 'bizevents' || this.closed) return;
    const conn = await this.reader();
    try {
      yield* scanEvents(conn, request, this.catalog, () => this.closed);
    } finally {
      this.release(conn);
    }
  }

  async measure(request: ScanRequest, through?: ScanCursor): Promise<ScanTotals> {
    if (request.table !== 'bizevents' || this.closed) return { records: 0, bytes: 0 };
    return this.withReader((conn) => measureEvents(conn, request, through));
  }

  async countGroups(request: ScanRequest, by: CountBy): Promise<GroupCount[]> {
    if (request.table !== 'bizevents' || this.closed) return [];
    return this.withReader((conn) => countEvents(conn, request, this.catalog, by));
  }

  async aggregate(request: AggregateRequest): Promise<AggregateResult | undefined> {
    if (request.table !== 'bizevents' || this.closed) return undefined;
    return this.withReader((conn) => aggregateEvents(conn, request, this.catalog));
  }

  /** A connection of its own: the writer's may be inside an uncommitted append. */
  private async withReader<T>(f: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    const conn = await this.reader();
    try {
      return await f(conn);
    } finally {
      this.release(conn);
    }
  }

  /** Idle reader connections, reused: connecting costs a noticeable share of a short query. */
  private readonly idle: DuckDBConnection[] = [];

  private async reader(): Promise<DuckDBConnection> {
    return this.idle.pop() ?? this.instance.connect();
  }

  private release(conn: DuckDBConnection): void {
    if (this.closed || this.idle.length >= MAX_IDLE_READERS) conn.closeSync();
    else this.idle.push(conn);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.draining;
    const [writer] = this.writers;
    try {
      await this.transaction(writer, () => compactRollup(writer));
      await checkpoint(writer);
    } finally {
      for (const conn of this.idle.splice(0)) conn.closeSync();
      for (const w of this.writers) w.closeSync();
      this.instance.closeSync();
      this.onClosed();
    }
  }
}

/**
 * Folds the WAL into the database file, so that the next open has nothing to replay. Right after
 * the last append a CHECKPOINT was seen to fail now and then with "other write transactions
 * active" although no connection had one open, and to pass when tried again: it is retried
 * briefly, and then left undone — the WAL holds every committed event and is replayed when the
 * data dir is opened, so nothing acknowledged depends on it.
 */
async function checkpoint(writer: DuckDBConnection): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await writer.run('CHECKPOINT');
      return;
    } catch (err) {
      if (!/other write transactions active/.test(String(err))) throw err;
      if (attempt >= 10) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

async function rollback(writer: DuckDBConnection): Promise<void> {
  await writer.run('ROLLBACK').catch(() => undefined);
}

/** The group's batches, CHUNK_ROWS rows at a time (a chunk's encoding dies young). */
function* chunksOf(group: readonly PendingAppend[]): Generator<BatchPart[]> {
  let parts: BatchPart[] = [];
  let rows = 0;
  for (const { batch } of group) {
    if (!batch) continue;
    for (let from = 0; from < batch.count;) {
      const to = Math.min(batch.count, from + CHUNK_ROWS - rows);
      parts.push({ batch, from, to });
      rows += to - from;
      from = to;
      if (rows === CHUNK_ROWS) {
        yield parts;
        parts = [];
        rows = 0;
      }
    }
  }
  if (rows > 0) yield parts;
}
