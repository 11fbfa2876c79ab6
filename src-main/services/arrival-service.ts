/**
 * Confirms that sent events became queryable: queries Grail for their `event.id`s (through the same
 * QueryService the DQL editor uses) until every expected event is found, reporting progress and the
 * ingest-to-queryable time, or the time waited when they never showed up. Cancellable by id.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../src-shared/errors';
import { arrivalQuery, arrivedCount, chunk, countByEventId } from '../../src-shared/grail/arrival';
import type {
  IngestArrivalOutcome,
  IngestConfirmArrivalRequest,
  IngestCountEventsRequest,
  IngestCountEventsResponse,
  QueryExecuteRequest,
  QueryOutcome,
} from '../../src-shared/ipc/contract';
import type { CallContext } from '../ipc/handler-types';

/** The part of QueryService this needs (a port, so tests can stand in for Grail). */
export interface QueryRunner {
  execute(req: QueryExecuteRequest, ctx: CallContext): Promise<QueryOutcome>;
}

/** First poll soon after the acknowledgement, then back off: Grail usually needs ~1–3 s. */
const FIRST_POLL_MS = 200;
const MAX_POLL_MS = 2_000;
const BACKOFF = 1.5;

type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

const sleep: Sleep = (ms, signal) =>
  new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });

export class ArrivalService {
  private readonly running = new Map<string, AbortController>();

  constructor(
    private readonly queries: QueryRunner,
    private readonly now: () => number = performance.now.bind(performance),
    private readonly wait: Sleep = sleep,
  ) {}

  /** Stored events per id right now (the baseline before a send: ids may be reused). */
  async countEvents(req: IngestCountEventsRequest, signal: AbortSignal): Promise<IngestCountEventsResponse> {
    const counts = await this.count(req, [...new Set(req.eventIds)], signal);
    if (!counts) throw new AppError('CANCELLED', 'Counting was cancelled.');
    return { counts };
  }

  async confirmArrival(req: IngestConfirmArrivalRequest, ctx: CallContext): Promise<IngestArrivalOutcome> {
    if (this.running.has(req.requestId))
      throw new AppError('DUPLICATE_REQUEST', 'This confirmation is already running.');
    const controller = new AbortController();
    const signal = AbortSignal.any([controller.signal, ctx.signal]);
    this.running.set(req.requestId, controller);
    const started = this.now();
    const expected = req.expected.reduce((sum, e) => sum + e.count, 0);
    let found = 0;
    let polls = 0;
    let pause = FIRST_POLL_MS;
    const outcome = (state: IngestArrivalOutcome['state']): IngestArrivalOutcome => ({
      state,
      found,
      expected,
      elapsedMs: Math.round(this.now() - started),
      polls,
    });
    try {
      // Only ids still short of their count are asked for again.
      let pending = req.expected;
      const totals: Record<string, number> = {};
      for (;;) {
        const counts = await this.count(
          req,
          pending.map((e) => e.eventId),
          signal,
        );
        polls++;
        if (!counts || signal.aborted) return outcome('cancelled');
        Object.assign(totals, counts);
        found = arrivedCount(req.expected, totals);
        ctx.emit('ingest:arrivalProgress', {
          requestId: req.requestId,
          found,
          expected,
          elapsedMs: Math.round(this.now() - started),
        });
        if (found >= expected) return outcome('arrived');
        pending = pending.filter((e) => (totals[e.eventId] ?? 0) < e.count);
        const left = req.timeoutMs - (this.now() - started);
        if (left <= 0) return outcome('timeout');
        await this.wait(Math.min(pause, left), signal);
        if (signal.aborted) return outcome('cancelled');
        pause = Math.min(pause * BACKOFF, MAX_POLL_MS);
      }
    } finally {
      this.running.delete(req.requestId);
    }
  }

  cancel(requestId: string): boolean {
    const run = this.running.get(requestId);
    if (!run) return false;
    run.abort();
    return true;
  }

  /** Counts per id over all chunks; undefined when cancelled. */
  private async count(
    window: { environmentId: string; timeframeStart: string; timeframeEnd: string },
    eventIds: readonly string[],
    signal: AbortSignal,
  ): Promise<Record<string, number> | undefined> {
    const counts: Record<string, number> = {};
    for (const ids of chunk(eventIds)) {
      const result = await this.queries.execute(
        {
          requestId: `arrival-${randomUUID()}`,
          environmentId: window.environmentId,
          query: arrivalQuery(ids),
          defaultTimeframeStart: window.timeframeStart,
          defaultTimeframeEnd: window.timeframeEnd,
          // Ids can repeat (Grail does not deduplicate), so leave room beyond one record per id.
          maxResultRecords: 100_000,
        },
        { signal, emit: () => {} },
      );
      if (result.state === 'CANCELLED') return undefined;
      Object.assign(counts, countByEventId(result.result?.records ?? []));
    }
    return counts;
  }
}
