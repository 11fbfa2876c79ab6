/**
 * Writes a loaded result as Parquet with DuckDB: the renderer streams NDJSON parts into an
 * owner-only temp file, then one `COPY … TO … (FORMAT parquet)` reads it back with explicit column
 * types from the result's wire types, so longs and durations stay 64-bit integers, doubles
 * doubles, timestamps nanosecond timestamps, records/arrays JSON. Abandoned exports are removed
 * after ten idle minutes.
 */
import { randomUUID } from 'node:crypto';
import { appendFile, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { AppError } from '../../src-shared/errors';
import type { ExportColumn } from '../../src-shared/ipc/domains/results';

const IDLE_MS = 10 * 60_000;

const SQL_TYPE: Partial<Record<NonNullable<ExportColumn['type']>, string>> = {
  long: 'BIGINT',
  duration: 'BIGINT',
  double: 'DOUBLE',
  boolean: 'BOOLEAN',
  timestamp: 'TIMESTAMP_NS',
  record: 'JSON',
  array: 'JSON',
  timeframe: 'JSON',
  geo_point: 'JSON',
};

/** A DuckDB string literal (paths and column names are data here, never SQL). */
function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** The `columns={…}` struct read_json takes: every column named, typed by its wire type. */
export function parquetColumnSpec(columns: readonly ExportColumn[]): string {
  return `{${columns.map((c) => `${literal(c.name)}: ${literal((c.type && SQL_TYPE[c.type]) ?? 'VARCHAR')}`).join(', ')}}`;
}

interface PendingExport {
  dir: string;
  file: string;
  records: number;
  timer: NodeJS.Timeout;
}

export class ResultParquetWriter {
  private readonly pending = new Map<string, PendingExport>();
  private db: Promise<DuckDBInstance> | undefined;

  async begin(): Promise<string> {
    const id = randomUUID();
    const dir = await mkdtemp(join(tmpdir(), 'bizlens-export-'));
    const file = join(dir, 'records.ndjson');
    await writeFile(file, '', { mode: 0o600 });
    this.pending.set(id, { dir, file, records: 0, timer: this.idleTimer(id) });
    return id;
  }

  async append(id: string, ndjson: string): Promise<number> {
    const job = this.job(id);
    await appendFile(job.file, ndjson.endsWith('\n') || ndjson === '' ? ndjson : `${ndjson}\n`);
    job.records += ndjson.split('\n').filter((l) => l.length > 0).length;
    job.timer.refresh();
    return job.records;
  }

  /** Converts the streamed records and hands the Parquet file to `deliver`; always cleans up. */
  async finish<T>(
    id: string,
    columns: readonly ExportColumn[],
    deliver: (parquetFile: string) => Promise<T>,
  ): Promise<T> {
    const job = this.job(id);
    const out = join(job.dir, 'result.parquet');
    try {
      const conn = await (await this.instance()).connect();
      try {
        await conn.run(
          `COPY (SELECT * FROM read_json(${literal(job.file)}, format = 'newline_delimited', records = true, ` +
            `columns = ${parquetColumnSpec(columns)})) TO ${literal(out)} (FORMAT parquet)`,
        );
      } catch (err) {
        const detail = err instanceof Error ? err.message.split('\n')[0] : String(err);
        throw new AppError('EXPORT_FAILED', `The records could not be written as Parquet: ${detail}`);
      } finally {
        conn.closeSync();
      }
      return await deliver(out);
    } finally {
      await this.abort(id);
    }
  }

  async abort(id: string): Promise<void> {
    const job = this.pending.get(id);
    if (!job) return;
    clearTimeout(job.timer);
    this.pending.delete(id);
    await rm(job.dir, { recursive: true, force: true });
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.pending.keys()].map((id) => this.abort(id)));
    if (this.db) (await this.db).closeSync();
  }

  private job(id: string): PendingExport {
    const job = this.pending.get(id);
    if (!job) throw new AppError('EXPORT_NOT_FOUND', 'This export is no longer in progress; start it again.');
    return job;
  }

  private idleTimer(id: string): NodeJS.Timeout {
    const timer = setTimeout(() => void this.abort(id), IDLE_MS);
    timer.unref();
    return timer;
  }

  private instance(): Promise<DuckDBInstance> {
    this.db ??= DuckDBInstance.create(':memory:');
    return this.db;
  }
}

/** The web edition's delivery: the file's bytes for a browser download. */
export async function parquetBytes(file: string): Promise<{ kind: 'download'; base64: string }> {
  return { kind: 'download', base64: (await readFile(file)).toString('base64') };
}

/** The desktop's delivery: copy to where the user chose in the save dialog. */
export async function saveParquetTo(
  file: string,
  target: string,
): Promise<{ kind: 'saved'; path: string; bytes: number }> {
  await writeFile(target, await readFile(file));
  return { kind: 'saved', path: target, bytes: (await stat(target)).size };
}
