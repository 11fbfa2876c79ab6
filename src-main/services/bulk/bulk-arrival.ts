/**
 * Asking the environment about a bulk job's events: how many arrived (by the job's stable-id
 * prefix), and whether a batch sent before a crash but never acknowledged is stored.
 */
import { AppError } from '../../../src-shared/errors';
import { arrivalQuery, chunk, countByEventId } from '../../../src-shared/grail/arrival';
import { stableEventId } from '../../../src-shared/ingest/stable-id';
import type { BulkArrival } from '../../../src-shared/ipc/domains/ingest';
import type { QueryRunner } from '../arrival-service';
import type { BulkJobRecord } from './outbox';

/** Distinct Bizlens-assigned ids stored, in one query: they share the job's prefix. */
export async function countJobArrivals(
  queries: QueryRunner,
  job: BulkJobRecord,
  signal: AbortSignal,
): Promise<BulkArrival> {
  const prefix = stableEventId(job.id, 0).slice(0, 24);
  const result = await queries.execute(
    {
      requestId: `bulk-verify-${job.id}`,
      environmentId: job.spec.environmentId,
      query: `fetch bizevents | filter startsWith(event.id, "${prefix}") | summarize events = count(), ids = countDistinct(event.id)`,
      ...jobTimeframe(job),
    },
    { signal, emit: () => {} },
  );
  if (result.state === 'CANCELLED') throw new AppError('CANCELLED', 'Counting was cancelled.');
  const row = result.result?.records[0] ?? {};
  const events = Number(row.events ?? 0);
  const ids = Number(row.ids ?? 0);
  const total = job.total ?? 0;
  return { found: ids, expected: total - job.ownIds, duplicates: events - ids, ownIds: job.ownIds };
}

/**
 * How many events of a batch (its request body) the environment holds, by id; 0 when it cannot
 * say (no query access, no answer). Grail stores a request's valid events or none, so any found
 * means the batch was processed and the missing ones were rejected. ⚠ A batch stored just before
 * a crash can still be hidden by Grail's ingest-to-query delay (seconds): it is then sent again,
 * with the same ids.
 */
export async function countStoredBatch(
  queries: QueryRunner,
  job: BulkJobRecord,
  batch: { number: number; body: string },
  signal: AbortSignal,
): Promise<number> {
  const events = JSON.parse(batch.body) as Record<string, unknown>[];
  const ids = [...new Set(events.map((e) => String(e['event.id'] ?? e.id)))];
  let found = 0;
  try {
    for (const [i, part] of chunk(ids).entries()) {
      const result = await queries.execute(
        {
          // Unique per batch and chunk: batches are checked concurrently.
          requestId: `bulk-resume-${job.id}-${batch.number}-${i}`,
          environmentId: job.spec.environmentId,
          query: arrivalQuery(part),
          ...jobTimeframe(job),
          maxResultRecords: 100_000,
        },
        { signal, emit: () => {} },
      );
      found += Object.keys(countByEventId(result.result?.records ?? [])).length;
    }
  } catch (err) {
    // No query access (an ingest-only token) or no answer: send again; the ids stay the same.
    if (signal.aborted) throw err;
    return 0;
  }
  return found;
}

/**
 * Where the job's events can be: payload timestamps are kept when within the last days (older
 * ones are the user's choice), and clamped to ingest time + 10 min at the latest.
 */
function jobTimeframe(job: BulkJobRecord): { defaultTimeframeStart: string; defaultTimeframeEnd: string } {
  const DAY = 86_400_000;
  let start = Date.parse(job.createdAt) - 7 * DAY;
  const source = job.spec.source;
  if (source.kind === 'generator')
    for (const f of source.fields)
      if (f.kind === 'timestampRange') start = Math.min(start, Date.parse(f.from));
  return {
    defaultTimeframeStart: new Date(start).toISOString(),
    defaultTimeframeEnd: new Date(Date.now() + 15 * 60_000).toISOString(),
  };
}
