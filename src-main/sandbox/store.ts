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
import type { DuckDBConnection } from '@duckdb/node-api';
import type { FlattenedEvent } from '../../src-shared/grail/flatten';
import { isTimestamp } from '../../src-shared/grail/values';
import type {
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
    instance = await DuckDBInstance.create(file, { late_materialization_max_rows: String(MAX_PAGE) });
    const writer = await instance.connect();
    await ensureSchema(writer, dataDir);
    const max = await writer.runAndReadAll('SELECT coalesce(max(seq), 0) FROM bizevents');
    const nextSeq = BigInt(String(max.getRows()[0]?.[0] ?? 0)) + 1n;
    return new DuckDbEventStore(instance, writer, nextSeq, () => openFiles.delete(file));
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
    const rows = events.map(storedRow); // before the transaction: a bad event stores nothing
    const firstSeq = this.nextSeq;
    await this.writer.run('BEGIN TRANSACTION');
    try {
      // The appender writes into the open transaction: ~10× faster than multi-row INSERTs.
      const appender = await this.writer.createAppender('bizevents');
      try {
        rows.forEach((r, i) => {
          appender.appendBigInt(firstSeq + BigInt(i));
          appender.appendBigInt(r.timestampNs);
          appender.appendBigInt(ingestNs);
          if (r.eventId === null) appender.appendNull();
          else appender.appendVarchar(r.eventId);
          appender.appendVarchar(r.text);
          appender.appendInteger(r.text.length);
          appender.endRow();
        });
      } finally {
        appender.closeSync(); // flushes; constraint violations surface here
      }
      await this.writer.run('COMMIT');
      this.nextSeq = firstSeq + BigInt(events.length);
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
    const conn = await this.instance.connect();
    try {
      yield* scanEvents(conn, request, () => this.closed);
    } finally {
      conn.closeSync();
    }
  }

  async measure(request: ScanRequest, through?: ScanCursor): Promise<ScanTotals> {
    if (request.table !== 'bizevents' || this.closed) return { records: 0, bytes: 0 };
    return this.withReader((conn) => measureEvents(conn, request, through));
  }

  async countGroups(request: ScanRequest, by: CountBy): Promise<GroupCount[]> {
    if (request.table !== 'bizevents' || this.closed) return [];
    return this.withReader((conn) => countEvents(conn, request, by));
  }

  /** A connection of its own: the writer's may be inside an uncommitted append. */
  private async withReader<T>(f: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    const conn = await this.instance.connect();
    try {
      return await f(conn);
    } finally {
      conn.closeSync();
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.writes;
    try {
      await this.writer.run('CHECKPOINT');
    } finally {
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
