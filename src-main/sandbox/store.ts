/**
 * Durable event storage on DuckDB (`<dataDir>/bizevents.duckdb`). Events are stored flattened
 * (store-codec.ts) with an int64 nanosecond timestamp column and an insertion sequence. An append
 * resolves only after its transaction committed (DuckDB's WAL), so nothing acknowledged with 202
 * is lost, even if the process dies right after. Writes are serialized; each scan reads through its
 * own connection in keyset-paginated pages, so a `limit` that stops early stops the scan too.
 */
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import type { FlattenedEvent } from '../../src-shared/grail/flatten';
import type { DataSource, ScanRequest, ScannedRecord } from '../../src-shared/dql/engine';
import { decodeRowText, encodeRow } from './store-codec';

export interface EventStore extends DataSource {
  /** Stores events atomically (all or none); resolves once committed. */
  append(events: readonly FlattenedEvent[], ingestNs: bigint): Promise<void>;
  count(): Promise<number>;
  close(): Promise<void>;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS bizevents (
    seq       BIGINT PRIMARY KEY,
    ts_ns     BIGINT NOT NULL,
    ingest_ns BIGINT NOT NULL,
    event_id  VARCHAR,
    fields    VARCHAR NOT NULL
  );
  CREATE TABLE IF NOT EXISTS sandbox_meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL);
  INSERT INTO sandbox_meta VALUES ('schemaVersion', '1') ON CONFLICT DO NOTHING;
`;

const PAGE_SIZE = 500;
const INSERT_CHUNK = 200;

/**
 * Database files open in this process. DuckDB's file lock stops a second *process*; within one
 * process a second instance would open the same file and corrupt the sequence, so we refuse it.
 */
const openFiles = new Set<string>();

export async function openEventStore(dataDir: string): Promise<EventStore> {
  const file = resolve(dataDir, 'bizevents.duckdb');
  if (openFiles.has(file)) throw new Error(`The data dir ${dataDir} is already in use by another sandbox in this process.`);
  openFiles.add(file);
  let instance: DuckDBInstance | undefined;
  try {
    await mkdir(dataDir, { recursive: true });
    instance = await DuckDBInstance.create(file);
    const writer = await instance.connect();
    await writer.run(SCHEMA);
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
    const firstSeq = this.nextSeq;
    await this.writer.run('BEGIN TRANSACTION');
    try {
      for (let i = 0; i < events.length; i += INSERT_CHUNK) {
        const chunk = events.slice(i, i + INSERT_CHUNK);
        const values: DuckDBValue[] = [];
        const tuples = chunk.map((e, j) => {
          const id = e.fields.get('event.id');
          values.push(firstSeq + BigInt(i + j), e.timestampNs, ingestNs, typeof id === 'string' ? id : null, encodeRow(e.fields));
          const b = j * 5;
          return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5})`;
        });
        await this.writer.run(`INSERT INTO bizevents VALUES ${tuples.join(', ')}`, values);
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
      const { startNs, endNs } = request.timeframe;
      let cursor: { ts: bigint; seq: bigint } | undefined;
      for (;;) {
        const page = cursor
          ? await conn.runAndReadAll(
              `SELECT ts_ns, seq, fields FROM bizevents
               WHERE ts_ns >= $1 AND ts_ns < $2 AND (ts_ns < $3 OR (ts_ns = $3 AND seq < $4))
               ORDER BY ts_ns DESC, seq DESC LIMIT ${PAGE_SIZE}`,
              [startNs, endNs, cursor.ts, cursor.seq],
            )
          : await conn.runAndReadAll(
              `SELECT ts_ns, seq, fields FROM bizevents WHERE ts_ns >= $1 AND ts_ns < $2
               ORDER BY ts_ns DESC, seq DESC LIMIT ${PAGE_SIZE}`,
              [startNs, endNs],
            );
        const rows = page.getRows();
        for (const [ts, seq, fields] of rows) {
          const text = String(fields);
          yield { row: decodeRowText(text), bytes: text.length };
          cursor = { ts: ts as bigint, seq: seq as bigint };
        }
        if (rows.length < PAGE_SIZE || this.closed) return;
      }
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
