/**
 * Desktop bulk files: main shows the native open dialog and reads the chosen file itself. The
 * renderer names no path (it could name any file main can read); it learns only the file name.
 */
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { AppError } from '../../../src-shared/errors';
import { detectBulkFormat } from '../../../src-shared/ingest/record-readers';
import type { BulkFileFormat } from '../../../src-shared/ingest/record-readers';
import type {
  BulkJobSpec,
  BulkPickFileRequest,
  BulkPickFileResponse,
} from '../../../src-shared/ipc/domains/ingest';
import type { BulkService } from './bulk-service';
import type { BulkJobRecord, Outbox } from './outbox';

/** The native open dialog: the chosen file's path, or undefined when cancelled. */
export type OpenFileDialog = () => Promise<string | undefined>;

/** Filters of the open dialog (Electron's FileFilter shape). */
export const BULK_FILE_FILTERS = [
  { name: 'Bulk events (NDJSON, JSON array, CSV)', extensions: ['ndjson', 'jsonl', 'json', 'csv'] },
  { name: 'All files', extensions: ['*'] },
];

export async function pickBulkFile(
  bulk: Pick<BulkService, 'createFromFile'>,
  openDialog: OpenFileDialog | undefined,
  req: BulkPickFileRequest,
): Promise<BulkPickFileResponse> {
  if (!openDialog)
    throw new AppError(
      'UNSUPPORTED',
      'Only the desktop app chooses files in main; here the file is uploaded.',
    );
  const { format, confirmProduction, ...base } = req;
  const path = await openDialog();
  if (path === undefined) return { kind: 'cancelled' };
  const job = await bulk.createFromFile(base, format, path, confirmProduction === true);
  return { kind: 'job', job };
}

/**
 * A new file job whose source is a copy of the file at `path` (the outbox keeps its own copy, so
 * the job resumes even if the original moves): complete, ready to start. Errors name the file,
 * never its directory.
 */
export async function spoolPickedFile(
  outbox: Outbox,
  base: Omit<BulkJobSpec, 'source'>,
  format: BulkFileFormat | 'auto',
  path: string,
): Promise<BulkJobRecord> {
  const name = basename(path);
  const unreadable = () => new AppError('BULK_FILE', `The file ${name} could not be read.`);
  let head: string;
  try {
    const handle = await open(path, 'r');
    try {
      const { buffer, bytesRead } = await handle.read(Buffer.alloc(256), 0, 256, 0);
      head = buffer.subarray(0, bytesRead).toString('utf8');
    } finally {
      await handle.close();
    }
  } catch {
    throw unreadable();
  }
  const source = {
    kind: 'file' as const,
    name,
    format: format === 'auto' ? detectBulkFormat(name, head) : format,
    size: 0,
  };
  const job = await outbox.create({ ...base, source });
  try {
    source.size = await outbox.copySource(job.id, path);
  } catch {
    await outbox.remove(job.id);
    throw unreadable();
  }
  job.spec.source = source;
  job.received = source.size;
  await outbox.save(job);
  return job;
}
