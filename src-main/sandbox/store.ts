/**
 * Durable event storage on DuckDB (`<dataDir>/bizevents.duckdb`). Events are stored flattened
 * (store-codec.ts) with an int64 nanosecond timestamp column, an insertion sequence and the stored
 * text's length (store-schema.ts). An append resolves only after its transaction committed
 * (DuckDB's WAL), so nothing acknowledged with 202 is lost, even if the process dies right after.
 * Writes are serialized and go through DuckDB's appender (one transaction per batch); each scan
 * reads through its own connection (store-scan.ts), in the order and up to the limit the engine
 * pushed down.
 */
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { BIGINT, INTEGER, VARCHAR } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';
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
import { appendColumns, hasChanges, persistChanges } from './store-columns';
import type { ColumnCatalog } from './store-columns';
import { addToRollup } from './store-rollup';
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

class DuckDbEventStore implements EventStore {
  private writes: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly instance: DuckDBInstance,
    private readonly writer: DuckDBConnection,
    private readonly catalog: ColumnCatalog,
    private nextSeq: bigint,
    private readonly onClosed: () => void,
  ) {}

  append(events: readonly FlattenedEvent[], ingestNs: bigint): Promise<void> {
    if (this.closed) return Promise.reject(new Error('The event store is closed.'));
    const run = this.writes.then(() => this.insert(events, ingestNs));
    this.writes = run.catch(() => undefined); // one failed write must not block later ones
    return run;
  }

  private async insert(events: readonly FlattenedEvent[], ingestNs: bigint): Promise<void> {
    if (events.length === 0) return;
    const rows = events.map(storedRow); // before any transaction: a bad event stores nothing
    const fields = events.map((e) => e.fields);
    const changes = this.catalog.changesFor(fields);
    if (hasChanges(changes)) {
      // Committed before the events and applied only then: readers never see a column the
      // catalogue lacks, nor a catalogue column the table lacks (store-columns.ts).
      await this.transaction(() => persistChanges(this.writer, changes));
      this.catalog.apply(changes);
    }
    const typed = this.catalog.shred(fields);
    const firstSeq = this.nextSeq;
    await this.transaction(async () => {
      // One appender, whole chunks: no per-value calls across the addon boundary.
      const appender = await this.writer.createAppender('bizevents');
      try {
        appendColumns(
          appender,
          [BIGINT, BIGINT, BIGINT, VARCHAR, VARCHAR, INTEGER, ...typed.types],
          [
            rows.map((_, i) => firstSeq + BigInt(i)),
            rows.map((r) => r.timestampNs),
            rows.map(() => ingestNs),
            rows.map((r) => r.eventId),
            rows.map((r) => r.text),
            rows.map((r) => r.text.length),
            ...typed.values,
          ],
        );
      } finally {
        appender.closeSync(); // flushes; constraint violations surface here
      }
      await addToRollup(
        this.writer,
        rows.map((r) => ({ timestampNs: r.timestampNs, bytes: r.text.length })),
      );
    });
    this.nextSeq = firstSeq + BigInt(events.length);
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
    const r = await this.writer.runAndReadAll('SELECT count(*) FROM bizevents');
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
    await this.writes;
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

/**
 * One event as stored. The scan orders by `ts_ns` where the engine sorts by the `timestamp` field,
 * so the two must agree (flatten guarantees it; anything else would be a bug worth a loud error).
 */
function storedRow(e: FlattenedEvent): { timestampNs: bigint; eventId: string | null; text: string } {
  const ts = e.fields.get('timestamp');
  if (ts === undefined || ts === null || !isTimestamp(ts) || ts.ns !== e.timestampNs)
    throw new Error('A stored event needs a `timestamp` field equal to its timestampNs.');
  const id = e.fields.get('event.id');
  return {
    timestampNs: e.timestampNs,
    eventId: typeof id === 'string' ? id : null,
    text: encodeRow(e.fields),
  };
}
