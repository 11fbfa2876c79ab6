/**
 * `.dql` files through the browser's own file access (a file input to open, a Blob download to
 * save), which works the same in Electron and the web edition and gives the renderer no path.
 */

/** Refuses what is surely not a query file (the picker's filter is only a hint). */
export const MAX_DQL_FILE_BYTES = 200_000;

/** A file name for a tab's title: letters, digits, `-`, `_` and spaces kept, `.dql` added. */
export function dqlFileName(title: string): string {
  const base = title
    .replace(/\.dql$/i, '')
    .replace(/[^\p{L}\p{N} _-]+/gu, '_')
    .trim()
    .slice(0, 100);
  return `${base || 'query'}.dql`;
}

export function saveDqlFile(text: string, title: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = dqlFileName(title);
  anchor.style.display = 'none';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export type OpenedFile = { ok: true; name: string; text: string } | { ok: false; message: string };

export async function readDqlFile(file: File): Promise<OpenedFile> {
  if (file.size > MAX_DQL_FILE_BYTES)
    return {
      ok: false,
      message: `${file.name} is larger than ${MAX_DQL_FILE_BYTES / 1000} kB; is it a query?`,
    };
  const text = await file.text();
  if (text.includes('\u0000')) return { ok: false, message: `${file.name} is not a text file.` };
  return { ok: true, name: file.name.replace(/\.dql$/i, ''), text };
}
