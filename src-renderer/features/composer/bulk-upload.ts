/**
 * Streams a File to main in base64 chunks (the renderer never parses it: main checks the UTF-8,
 * the format and every event, then sends). One chunk in flight keeps memory flat for any size.
 */
import { invoke } from '../../api/client';

export const UPLOAD_CHUNK_BYTES = 1024 * 1024;

/** Base64 of a blob, via the browser's own encoder (a data: URL). */
function base64(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = reader.result as string;
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(blob);
  });
}

export async function uploadFile(
  jobId: string,
  file: Blob,
  onProgress: (bytes: number) => void,
  signal: AbortSignal,
): Promise<void> {
  for (let offset = 0; offset < file.size; offset += UPLOAD_CHUNK_BYTES) {
    if (signal.aborted) return;
    const data = await base64(file.slice(offset, offset + UPLOAD_CHUNK_BYTES));
    await invoke('ingest:bulkUpload', { jobId, offset, data });
    onProgress(Math.min(file.size, offset + UPLOAD_CHUNK_BYTES));
  }
}
