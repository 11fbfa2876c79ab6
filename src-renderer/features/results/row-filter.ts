/**
 * "Filter within results": which record positions contain the search text (case-insensitive) in
 * any column, kept in the given display order. Values are matched as sent (strings as-is, nested
 * values as JSON) so a search for a long finds its exact digits.
 */
import type { QueryResult } from '../../../src-shared/grail/wire';
import { tsvField } from '../../../src-shared/results/copy-text';
import type { RecordTable } from '../../../src-shared/results/record-table';

export function matchingRows(
  records: RecordTable,
  columns: readonly string[],
  needle: string,
  order: Int32Array | null,
): Int32Array | null {
  const text = needle.trim().toLowerCase();
  if (!text) return order;
  const count = order ? order.length : records.length;
  const out = new Int32Array(count);
  let n = 0;
  const readers = columns.map((column) => records.column(column));
  for (let i = 0; i < count; i++) {
    const index = order ? order[i]! : i;
    if (!records.has(index)) continue;
    for (const reader of readers) {
      const value = reader.value(index);
      if (value !== undefined && tsvField(value).toLowerCase().includes(text)) {
        out[n++] = index;
        break;
      }
    }
  }
  return out.slice(0, n);
}

/** The truncation notifications Grail (and the sandbox) send when a limit cut the result. */
const LIMIT_TYPES = new Set(['RESULT_LIMIT_RECORDS', 'RESULT_LIMIT_BYTES', 'API_RECORDS_LIMIT_ADDED']);

export function isTruncated(result: Pick<QueryResult, 'metadata'>): boolean {
  return (result.metadata.grail?.notifications ?? []).some((n) => LIMIT_TYPES.has(n.notificationType ?? ''));
}
