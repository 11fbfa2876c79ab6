/**
 * Durable event storage on DuckDB (`<dataDir>/bizevents.duckdb`). Events are stored flattened
 * (store-codec.ts) with an int64 nanosecond timestamp column, an insertion sequence and the stored
 * text's length (store-schema.ts). An append resolves only after its transaction committed
 * (DuckDB's WAL), so nothing acknowledged with 202 is lost, even if the process dies right after.
 * Writes are serialized and go through DuckDB's appender; appends that arrive while one commits
 * share the next transaction (group commit: one WAL flush for many requests). Each scan
 * reads through its own connection (store-scan.ts), in the order and up to the limit the engine
 * pushed down.
 */
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { BIGINT, INTEGER, VARCHAR } from '@duckdb/node-api';
import type { DuckDBConnection, DuckDBType, DuckDBValue } from '@duckdb/node-api';
import type { FlattenedEvent } from '../../src-shared/grail/flatten';
import { isTimestamp } from '../../src-shared/grail/values';
import type { Row } from '../../src-shared/grail/values';
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
import { appendColumns, persistChanges } from './store-columns';
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

/** One append request, validated and encoded on arrival, waiting for its commit. */
interface PendingAppend {
  /**
   * Let go once appended: a group waiting for its COMMIT holds no rows, so the requests parsed
   * meanwhile do not make the garbage collector copy them.
   */
  batch: EncodedBatch | undefined;
  readonly events: number;
  readonly ingestNs: bigint;
  readonly resolve: () => void;
  readonly reject: (err: unknown) => void;
}

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
    let batch: EncodedBatch;
    try {
      batch = encodeBatch(events); // before any transaction: a bad event stores nothing
    } catch (err) {
      return Promise.reject(err);
    }
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ batch, events: events.length, ingestNs, resolve, reject });
      this.draining ??= this.drain();
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      let events = 0;
      let n = 0;
      do events += (this.queue[n++] as PendingAppend).events;
      while (n < this.queue.length && events < MAX_GROUP_EVENTS);
      const group = this.queue.splice(0, n);
      try {
        await this.insert(group);
        for (const p of group) p.resolve();
      } catch (err) {
        // A failed COMMIT (the rows were appended and let go) fails the whole group.
        if (group.length === 1 || group.some((p) => !p.batch)) for (const p of group) p.reject(err);
        // Rolled back as a whole: each request again alone, so one failure fails only its own.
        else for (const p of group) await this.insert([p]).then(p.resolve, (e: unknown) => p.reject(e));
      }
    }
    this.draining = undefined;
  }

  private async insert(group: readonly PendingAppend[]): Promise<void> {
    const batches = group.map((p) => {
      if (!p.batch) throw new Error('The batch was let go before it was stored.');
      return p.batch;
    });
    const count = group.reduce((n, p) => n + p.events, 0);
    if (count === 0) return;
    let typed: ShreddedColumns | undefined = await this.shred(batches);
    const firstSeq = this.nextSeq;
    await this.writer.run('BEGIN TRANSACTION');
    try {
      // One appender, whole chunks: no per-value calls across the addon boundary.
      const appender = await this.writer.createAppender('bizevents');
      try {
        const { types, values } = columnsOf(group, batches, typed, firstSeq);
        appendColumns(appender, types, values);
      } finally {
        appender.closeSync(); // flushes; constraint violations surface here
      }
      const minutes = batches.length === 1 ? (batches[0] as EncodedBatch).minutes : new MinuteTotals();
      if (batches.length > 1) for (const b of batches) minutes.merge(b.minutes);
      typed = undefined;
      batches.length = 0;
      for (const p of group) p.batch = undefined;
      // The rollup and the COMMIT in one round trip; a failing statement stops the rest.
      await this.writer.run(`${addToRollup(minutes)} COMMIT`);
    } catch (err) {
      await this.writer.run('ROLLBACK').catch(() => undefined);
      throw err;
    }
    this.nextSeq = firstSeq + BigInt(count);
  }

  /** The batches' typed column values, after committing any catalogue changes they need. */
  private async shred(batches: readonly EncodedBatch[]): Promise<ShreddedColumns> {
    const rows = batches.length === 1 ? (batches[0] as EncodedBatch).rows : batches.flatMap((b) => b.rows);
    const typed = this.catalog.shred(rows);
    if (typed.covered) return typed;
    const changes = this.catalog.changesFor(rows);
    // Committed before the events and applied only then: readers never see a column the
    // catalogue lacks, nor a catalogue column the table lacks (store-columns.ts).
    await this.transaction(() => persistChanges(this.writer, changes));
    this.catalog.apply(changes);
    return this.catalog.shred(rows);
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

type ShreddedColumns = ReturnType<ColumnCatalog['shred']>;

/** The appender's columns for a group, in table order (store-schema.ts, then the typed ones). */
function columnsOf(
  group: readonly PendingAppend[],
  batches: readonly EncodedBatch[],
  typed: ShreddedColumns,
  firstSeq: bigint,
): { types: DuckDBType[]; values: (DuckDBValue | null)[][] } {
  const one = batches.length === 1 ? batches[0] : undefined;
  const column = <T>(pick: (b: EncodedBatch) => T[]): T[] => (one ? pick(one) : batches.flatMap(pick));
  const seqs: bigint[] = [];
  const ingest: bigint[] = [];
  group.forEach((p, k) => {
    const n = (batches[k] as EncodedBatch).rows.length;
    for (let i = 0; i < n; i++) {
      seqs.push(firstSeq + BigInt(seqs.length));
      ingest.push(p.ingestNs);
    }
  });
  return {
    types: [BIGINT, BIGINT, BIGINT, VARCHAR, INTEGER, ...typed.types],
    values: [
      seqs,
      column((b) => b.timestampsNs),
      ingest,
      column((b) => b.texts),
      column((b) => b.lengths),
      ...typed.values,
    ],
  };
}

/** A request's events in stored form, column by column, with its per-minute totals. */
interface EncodedBatch {
  readonly rows: Row[];
  readonly timestampsNs: bigint[];
  readonly texts: string[];
  readonly lengths: number[];
  readonly minutes: MinuteTotals;
}

/**
 * The events as stored, in one pass. The scan orders by `ts_ns` where the engine sorts by the
 * `timestamp` field, so the two must agree (flatten guarantees it; anything else would be a bug
 * worth a loud error).
 */
function encodeBatch(events: readonly FlattenedEvent[]): EncodedBatch {
  const n = events.length;
  const batch: EncodedBatch = {
    rows: new Array<Row>(n),
    timestampsNs: new Array<bigint>(n),
    texts: new Array<string>(n),
    lengths: new Array<number>(n),
    minutes: new MinuteTotals(),
  };
  for (let i = 0; i < n; i++) {
    const e = events[i] as FlattenedEvent;
    const ts = e.fields.get('timestamp');
    if (ts === undefined || ts === null || !isTimestamp(ts) || ts.ns !== e.timestampNs)
      throw new Error('A stored event needs a `timestamp` field equal to its timestampNs.');
    const text = encodeRow(e.fields);
    batch.rows[i] = e.fields;
    batch.timestampsNs[i] = e.timestampNs;
    batch.texts[i] = text;
    batch.lengths[i] = text.length;
    batch.minutes.add(e.timestampNs, text.length);
  }
  return batch;
}
