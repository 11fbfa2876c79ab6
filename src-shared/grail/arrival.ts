/**
 * "Has it arrived?": the DQL that finds sent events by `event.id`, and the timeframe their stored
 * timestamps lie in. Pure, so the composer, the main-side poller and tests share it.
 */
import { MAX_FUTURE_NS } from './ingest-rules';
import { formatTimestamp, NS_PER_MILLI } from './timestamp';

/** Ids per query: keeps each query short and the engine's `in()` cheap. */
export const IDS_PER_QUERY = 500;

/** A DQL string literal (double quotes; backslash escapes for `"` and `\`). */
export function dqlString(value: string): string {
  return `"${value
    .replace(/["\\]/g, (c) => `\\${c}`)
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')}"`;
}

/** `fetch bizevents | filter in(event.id, array(…)) | fields event.id` for one chunk of ids. */
export function arrivalQuery(eventIds: readonly string[]): string {
  return `fetch bizevents | filter in(event.id, array(${eventIds.map(dqlString).join(', ')})) | fields event.id`;
}

export function chunk<T>(items: readonly T[], size = IDS_PER_QUERY): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** How many returned records carry each `event.id`. */
export function countByEventId(
  records: ReadonlyArray<Record<string, unknown> | null>,
): Record<string, number> {
  const counts: Record<string, number> = Object.create(null) as Record<string, number>;
  for (const r of records) {
    const id = r?.['event.id'];
    if (typeof id === 'string') counts[id] = (counts[id] ?? 0) + 1;
  }
  return counts;
}

/** Events found so far: each id counts up to what is expected of it. */
export function arrivedCount(
  expected: ReadonlyArray<{ eventId: string; count: number }>,
  counts: Readonly<Record<string, number>>,
): number {
  return expected.reduce((sum, e) => sum + Math.min(counts[e.eventId] ?? 0, e.count), 0);
}

/** A minute of slack either side for clock skew between this machine and the tenant. */
const SLACK_NS = 60n * 1000n * NS_PER_MILLI;

/**
 * The window that holds the stored timestamps of sent events: their payload timestamps as
 * flattened now, and "now" itself for events stored at ingest time (up to + 10 minutes for
 * clamped future timestamps).
 */
export function arrivalTimeframe(
  timestampsNs: readonly bigint[],
  nowNs: bigint,
): { timeframeStart: string; timeframeEnd: string } {
  let min = nowNs;
  let max = nowNs + MAX_FUTURE_NS;
  for (const t of timestampsNs) {
    if (t < min) min = t;
    if (t > max) max = t;
  }
  return {
    timeframeStart: formatTimestamp(min - SLACK_NS, 'Z'),
    timeframeEnd: formatTimestamp(max + SLACK_NS, 'Z'),
  };
}
