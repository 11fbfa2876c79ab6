/**
 * Builds an export in parts of 20,000 records, yielding to the event loop between parts so the UI
 * stays fluid and can show progress; the parts become one Blob without being joined into a string.
 */
import type { ExportColumn } from '../../../src-shared/ipc/contract';
import { invoke } from '../../api/client';
import { downloadBlob } from './download';
import {
  EXPORT_MIME,
  exportChunks,
  type CsvFormatter,
  type ExportFormat,
  type RecordRows,
} from '../../../src-shared/results/export';

export interface ExportJob {
  format: ExportFormat;
  records: RecordRows;
  columns: readonly string[];
  rows?: ArrayLike<number>;
  csvFormat?: CsvFormatter;
  /** JSON/NDJSON: only these fields, in this order (the visible columns when some are hidden). */
  fields?: readonly string[];
}

const CHUNK = 20_000;

const nextTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export async function buildExport(
  job: ExportJob,
  onProgress: (done: number, total: number) => void,
  signal?: AbortSignal,
): Promise<Blob | undefined> {
  const parts: string[] = [];
  for (const part of exportChunks(job.format, job.records, job.columns, job.rows, {
    chunk: CHUNK,
    format: job.csvFormat,
    fields: job.fields,
  })) {
    if (signal?.aborted) return undefined;
    parts.push(part.text);
    onProgress(part.done, part.total);
    await nextTurn();
  }
  return new Blob(parts, { type: EXPORT_MIME[job.format] });
}

export interface ParquetJob {
  records: RecordRows;
  rows?: ArrayLike<number>;
  columns: ExportColumn[];
  fileName: string;
}

/**
 * Parquet is written main-side (DuckDB): the records go over in NDJSON parts with progress, then
 * main saves through its dialog (desktop) or returns the bytes, downloaded here (web edition).
 * Resolves to a sentence saying what happened.
 */
export async function exportParquet(
  job: ParquetJob,
  onProgress: (done: number, total: number) => void,
): Promise<string> {
  const { exportId } = await invoke('results:parquetBegin', {});
  try {
    const names = job.columns.map((c) => c.name);
    for (const part of exportChunks('ndjson', job.records, names, job.rows, { chunk: CHUNK })) {
      await invoke('results:parquetChunk', { exportId, ndjson: part.text });
      onProgress(part.done, part.total);
    }
    const outcome = await invoke('results:parquetFinish', {
      exportId,
      columns: job.columns,
      fileName: job.fileName,
    });
    if (outcome.kind === 'cancelled') return 'Parquet export cancelled.';
    if (outcome.kind === 'saved') return `Saved ${outcome.path}.`;
    const bytes = Uint8Array.from(atob(outcome.base64), (c) => c.charCodeAt(0));
    downloadBlob(new Blob([bytes], { type: 'application/vnd.apache.parquet' }), job.fileName);
    return `Downloaded ${job.fileName}.`;
  } catch (err) {
    await invoke('results:parquetAbort', { exportId }).catch(() => undefined);
    throw err;
  }
}
