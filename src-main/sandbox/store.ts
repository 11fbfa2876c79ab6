/**
 * Durable event storage on DuckDB (`<dataDir>/bizevents.duckdb`). Events are stored flattened
 * (store-codec.ts) with an int64 nanosecond timestamp column, an insertion sequence and the stored
 * text's length (store-schema.ts). An append resolves only after its transaction committed
 * (DuckDB's WAL), so nothing acknowledged with 202 is lost, even if the process dies right after.
 * Writes are serialized and go through DuckDB's appender; appends that arrive while one commits
 * share the next transaction (group commit: one WAL flush for many requests). Inside it, rows are
 * encoded (stored text, typed columns) and appended a chunk at a time, so a batch's encoding dies
 * young instead of being copied by the scavenger while it waits. Each scan
 * reads through its own connection (store-scan.ts), in the order and up to the limit the engine
 * pushed down.
 */
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DuckDBDataChunk, DuckDBInstance } from '@duckdb/node-api';
import { BIGINT, INTEGER, VARCHAR } from '@duckdb/node-api';
import type { DuckDBConnection, DuckDBType, DuckDBValue } from '@duckdb/node-api';
import type { FlattenedEvent } from '../../src-shared/grail/flatten';
import { isTimestamp } from '../../src-shared/grail/values';
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
import { encodeRow } from './store-codec';
import { MAX_PAGE, countEvents, measureEvents, scanEvents } from './store-scan';
import { aggregateEvents } from './store-aggregate';
import { CHUNK_ROWS, hasChanges, persistChanges } from './store-columns';
import type { ColumnCatalog } from './store-columns';
import { MinuteTotals, addToRollup } from './store-rollup';
import { ensureSchema } from './store-schema';

export interface EventStore extends DataSource {
  /** Stores events atomically (all or none); resolves once committed. */
  append(events: readonly FlattenedEvent[], ingestNs: bigint): Promise<void>;
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
    const writer = await instance.connect();
    const catalog = await ensureSchema(writer, dataDir);
    const max = await writer.runAndReadAll('SELECT coalesce(max(seq), 0) FROM bizevents');
    const nextSeq = BigInt(String(max.getRows()[0]?.[0] ?? 0)) + 1n;
    return new DuckDbEventStore(instance, writer, catalog, nextSeq, () => openFiles.delete(file));
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
  events: readonly FlattenedEvent[] | undefined;
  readonly count: number;
  readonly ingestNs: bigint;
  readonly resolve: () => void;
  readonly reject: (err: unknown) => void;
}

/** A chunk held a (field, type) the catalogue lacks: the transaction is rolled back to add it. */
class NeedsColumns {}

class DuckDbEventStore implements EventStore {
  private readonly queue: PendingAppend[] = [];
  private draining: Promise<void> | undefined;
  private closed = false;

  constructor(
    private readonly instance: DuckDBInstance,
    private readonly writer: DuckDBConnection,
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
    if (this.closed) return Promise.reject(new Error('The event store is closed.'));
    try {
      checkEvents(events); // before any transaction: a bad event stores nothing
    } catch (err) {
      return Promise.reject(err);
    }
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ events, count: events.length, ingestNs, resolve, reject });
      this.draining ??= this.drain();
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      let events = 0;
      let n = 0;
      do events += (this.queue[n++] as PendingAppend).count;
      while (n < this.queue.length && events < MAX_GROUP_EVENTS);
      const group = this.queue.splice(0, n);
      try {
        await this.insert(group);
        for (const p of group) p.resolve();
      } catch (err) {
        // A failed COMMIT (the rows were appended and let go) fails the whole group.
        if (group.length === 1 || group.some((p) => !p.events)) for (const p of group) p.reject(err);
        // Rolled back as a whole: each request again alone, so one failure fails only its own.
        else for (const p of group) await this.insert([p]).then(p.resolve, (e: unknown) => p.reject(e));
      }
    }
    this.draining = undefined;
  }

  private async insert(group: readonly PendingAppend[]): Promise<void> {
    const count = group.reduce((n, p) => n + p.count, 0);
    if (count === 0) return;
    while (!(await this.tryInsert(group))) {
      const rows = group.flatMap((p) => (p.events ?? []).map((e) => e.fields));
      const changes = this.catalog.changesFor(rows);
      if (!hasChanges(changes)) throw new Error('The column catalogue cannot hold these events.');
      // Committed before the events and applied only then: readers never see a column the
      // catalogue lacks, nor a catalogue column the table lacks (store-columns.ts).
      await this.transaction(() => persistChanges(this.writer, changes));
      this.catalog.apply(changes);
    }
    this.nextSeq += BigInt(count);
  }

  /**
   * The group in one transaction, encoded and appended chunk by chunk; false (rolled back) when
   * the catalogue needs new columns first.
   */
  private async tryInsert(group: readonly PendingAppend[]): Promise<boolean> {
    await this.writer.run('BEGIN TRANSACTION');
    try {
      const minutes = new MinuteTotals();
      let covered = true;
      const appender = await this.writer.createAppender('bizevents');
      try {
        // One native chunk, reset between parts: a chunk per part makes V8 run full collections
        // for the external memory.
        let chunk: DuckDBDataChunk | undefined;
        let seq = this.nextSeq;
        for (const part of chunksOf(group)) {
          const encoded = this.encodeChunk(part, seq, minutes);
          if (encoded instanceof NeedsColumns) {
            covered = false;
            break;
          }
          chunk ??= DuckDBDataChunk.create(encoded.types);
          chunk.reset();
          chunk.setColumns(encoded.values);
          appender.appendDataChunk(chunk);
          seq += BigInt(part.length);
        }
      } finally {
        // Flushes into this transaction (never after its ROLLBACK); constraint violations surface here.
        appender.closeSync();
      }
      if (!covered) {
        await this.rollback();
        return false;
      }
      for (const p of group) p.events = undefined;
      // The rollup and the COMMIT in one round trip; a failing statement stops the rest.
      await this.writer.run(`${addToRollup(minutes)} COMMIT`);
      return true;
    } catch (err) {
      await this.rollback();
      throw err;
    }
  }

  private async rollback(): Promise<void> {
    await this.writer.run('ROLLBACK').catch(() => undefined);
  }

  /** One chunk's columns in table order (store-schema.ts, then the typed ones), minutes counted. */
  private encodeChunk(
    part: readonly { event: FlattenedEvent; ingestNs: bigint }[],
    firstSeq: bigint,
    minutes: MinuteTotals,
  ): { types: DuckDBType[]; values: (DuckDBValue | null)[][] } | NeedsColumns {
    const rows = part.map((p) => p.event.fields);
    const typed = this.catalog.shred(rows);
    if (!typed.covered) return new NeedsColumns();
    const n = part.length;
    const seqs = new Array<bigint>(n);
    const timestamps = new Array<bigint>(n);
    const ingest = new Array<bigint>(n);
    const texts = new Array<string>(n);
    const lengths = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      const { event, ingestNs } = part[i] as { event: FlattenedEvent; ingestNs: bigint };
      const text = encodeRow(event.fields);
      seqs[i] = firstSeq + BigInt(i);
      timestamps[i] = event.timestampNs;
      ingest[i] = ingestNs;
      texts[i] = text;
      lengths[i] = text.length;
      minutes.add(event.timestampNs, text.length);
    }
    return {
      types: [BIGINT, BIGINT, BIGINT, VARCHAR, INTEGER, ...typed.types],
      values: [seqs, timestamps, ingest, texts, lengths, ...typed.values],
    };
  }

  private async transaction(body: () => Promise<void>): Promise<void> {
    await this.writer.run('BEGIN TRANSACTION');
    try {
      await body();
      await this.writer.run('COMMIT');
    } catch (err) {
      await this.writer.run('ROLLBACK').catch(() => undefined);
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
    try {
      await this.writer.run('CHECKPOINT');
    } finally {
      for (const conn of this.idle.splice(0)) conn.closeSync();
      this.writer.closeSync();
      this.instance.closeSync();
      this.onClosed();
    }
  }
}

/** The group's events with their request's ingest time, a chunk at a time (its encoding dies young). */
function* chunksOf(
  group: readonly PendingAppend[],
): Generator<{ event: FlattenedEvent; ingestNs: bigint }[]> {
  let part: { event: FlattenedEvent; ingestNs: bigint }[] = [];
  for (const p of group)
    for (const event of p.events ?? []) {
      part.push({ event, ingestNs: p.ingestNs });
      if (part.length === CHUNK_ROWS) {
        yield part;
        part = [];
      }
    }
  if (part.length > 0) yield part;
}

/**
 * The scan orders by `ts_ns` where the engine sorts by the `timestamp` field, so the two must
 * agree (flatten guarantees it; anything else would be a bug worth a loud error).
 */
function checkEvents(events: readonly FlattenedEvent[]): void {
  for (const e of events) {
    const ts = e.fields.get('timestamp');
    if (ts === undefined || ts === null || !isTimestamp(ts) || ts.ns !== e.timestampNs)
      throw new Error('A stored event needs a `timestamp` field equal to its timestampNs.');
  }
}
