/**
 * Event sizes. DQL has no way to refer to a whole record (`record()` needs every field named, and
 * bizevents are schemaless), so sizes are measured here: the UTF-8 length of each fetched record as
 * the query API returns it (JSON, with Grail's enrichment fields), over the newest SIZE_SAMPLE events.
 */
import type { SizeDistribution } from '../ipc/domains/health';
import { utf8ByteLength } from '../grail/utf8';
import { label, type Row } from './panels';
import { SIZE_SAMPLE } from './queries';

const KB = 1024;
const BOUNDS: ReadonlyArray<readonly [number, number | null, string]> = [
  [0, 512, '< 512 B'],
  [512, KB, '512 B – 1 KB'],
  [KB, 4 * KB, '1 – 4 KB'],
  [4 * KB, 16 * KB, '4 – 16 KB'],
  [16 * KB, 64 * KB, '16 – 64 KB'],
  [64 * KB, null, '≥ 64 KB'],
];

/** Events at least this big are worth a finding (slow to ingest and costly to query). */
export const LARGE_EVENT_BYTES = 64 * KB;

export function recordBytes(record: Readonly<Record<string, unknown>>): number {
  return utf8ByteLength(JSON.stringify(record));
}

/** Nearest-rank percentile of ascending values. */
function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function sizesFrom(records: readonly Row[]): SizeDistribution {
  const buckets = BOUNDS.map(([minBytes, maxBytes, text]) => ({ label: text, minBytes, maxBytes, count: 0 }));
  const sizes: number[] = [];
  let largest: SizeDistribution['largest'] = null;
  for (const r of records) {
    if (!r) continue;
    const bytes = recordBytes(r);
    sizes.push(bytes);
    const bucket = buckets.find((b) => bytes >= b.minBytes && (b.maxBytes === null || bytes < b.maxBytes));
    if (bucket) bucket.count++;
    if (!largest || bytes > largest.bytes)
      largest = { eventId: label(r['event.id']), provider: label(r['event.provider']), bytes };
  }
  sizes.sort((a, b) => a - b);
  return {
    sampled: sizes.length,
    sampleLimit: SIZE_SAMPLE,
    buckets,
    p50Bytes: percentile(sizes, 50),
    p95Bytes: percentile(sizes, 95),
    maxBytes: sizes.at(-1) ?? 0,
    largest,
  };
}

export function formatBytes(bytes: number): string {
  if (bytes < KB) return `${bytes} B`;
  if (bytes < KB * KB) return `${(bytes / KB).toFixed(1)} KB`;
  return `${(bytes / KB / KB).toFixed(1)} MB`;
}
