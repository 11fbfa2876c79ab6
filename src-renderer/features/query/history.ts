/** Pure helpers of the query history view (unit-tested). */
import type { QueryHistoryEntry } from '../../../src-shared/ipc/contract';
import { formatBytes, formatDuration, pluralize } from '../../lib/format';

/** Entries whose query contains every word of the search (case-insensitive); starred first. */
export function searchHistory(entries: readonly QueryHistoryEntry[], search: string): QueryHistoryEntry[] {
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  const hits = entries.filter((e) => words.every((w) => e.query.toLowerCase().includes(w)));
  return [...hits.filter((e) => e.starred), ...hits.filter((e) => !e.starred)];
}

/** "Last 2 hours · 12 ms · 3 records · 2.0 KB scanned" */
export function describeRun(e: QueryHistoryEntry): string {
  const parts = [e.timeframe, formatDuration(e.durationMs)];
  if (e.state === 'FAILED') parts.push('failed');
  if (e.state === 'CANCELLED') parts.push('cancelled');
  if (e.records !== undefined) parts.push(pluralize(e.records, 'record'));
  if (e.scannedBytes !== undefined) parts.push(`${formatBytes(e.scannedBytes)} scanned`);
  return parts.join(' · ');
}
