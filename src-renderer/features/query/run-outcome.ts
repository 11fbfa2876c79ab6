/**
 * What the renderer keeps of a `query:execute` answer. The records go into a column table; the
 * rest is a summary without them, so no record object of the answer outlives its conversion (held
 * as objects beside the table, a big result's first page would be in memory twice).
 */
import type { QueryResult } from '../../../src-shared/grail/wire';
import type { QueryOutcome } from '../../../src-shared/ipc/contract';
import { tableResult, type TableResult } from '../../../src-shared/results/record-table';

/** What the status line and the history need of a run: counts and metadata, not records. */
export interface RunSummary {
  state: QueryOutcome['state'];
  durationMs: number;
  /** Records in the whole result (every page); absent when there is no result. */
  records?: number;
  metadata?: QueryResult['metadata'];
  /** Where the rest of a paged result is. */
  more?: QueryOutcome['more'];
}

export function runSummary(outcome: QueryOutcome): RunSummary {
  const { state, durationMs, result, more } = outcome;
  return {
    state,
    durationMs,
    ...(result ? { records: more?.total ?? result.records.length, metadata: result.metadata } : {}),
    ...(more ? { more } : {}),
  };
}

/** The summary, and the records by column when the run succeeded with a result. */
export function receiveOutcome(outcome: QueryOutcome): {
  summary: RunSummary;
  table: TableResult | undefined;
} {
  return {
    summary: runSummary(outcome),
    table:
      outcome.state === 'SUCCEEDED' && outcome.result
        ? tableResult(outcome.result, outcome.more?.total)
        : undefined,
  };
}
