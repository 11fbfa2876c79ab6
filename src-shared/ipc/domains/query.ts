/** IPC domain: running queries and the query history. */
import { z } from 'zod';
import { QueryResult, QueryState } from '../../grail/wire';
import { Id, IsoTimestamp } from './common';

export const QueryExecuteRequest = z.object({
  requestId: Id,
  environmentId: Id,
  query: z.string().min(1).max(200_000),
  defaultTimeframeStart: IsoTimestamp.optional(),
  defaultTimeframeEnd: IsoTimestamp.optional(),
  timezone: z.string().max(64).optional(),
  maxResultRecords: z.number().int().positive().max(10_000_000).optional(),
});
export type QueryExecuteRequest = z.infer<typeof QueryExecuteRequest>;

export const QueryOutcome = z.object({
  state: z.enum(['SUCCEEDED', 'CANCELLED']),
  result: QueryResult.optional(),
  durationMs: z.number(),
});
export type QueryOutcome = z.infer<typeof QueryOutcome>;

/** One run of a query, kept main-side per environment (the editor's searchable history). */
export const QueryHistoryEntry = z.object({
  id: Id,
  environmentId: Id,
  query: z.string().min(1).max(200_000),
  /** ISO time the run finished (set by main). */
  ranAt: z.string(),
  /** The timeframe as the picker showed it ("Last 2 hours", or an absolute range). */
  timeframe: z.string().max(200),
  state: z.enum(['SUCCEEDED', 'FAILED', 'CANCELLED']),
  durationMs: z.number().nonnegative(),
  records: z.number().int().nonnegative().optional(),
  scannedBytes: z.number().nonnegative().optional(),
  /** Starred entries are never dropped when the history is trimmed. */
  starred: z.boolean(),
});
export type QueryHistoryEntry = z.infer<typeof QueryHistoryEntry>;

/** Newest first. */
export const QueryHistoryList = z.object({ entries: z.array(QueryHistoryEntry) });
export type QueryHistoryList = z.infer<typeof QueryHistoryList>;

export const queryCalls = {
  'query:execute': { request: QueryExecuteRequest, response: QueryOutcome },
  'query:cancel': {
    request: z.object({ requestId: Id }).strict(),
    response: z.object({ cancelled: z.boolean() }),
  },
  'history:list': { request: z.object({ environmentId: Id }).strict(), response: QueryHistoryList },
  'history:add': {
    request: QueryHistoryEntry.omit({ id: true, ranAt: true, starred: true }).strict(),
    response: QueryHistoryList,
  },
  'history:star': {
    request: z.object({ id: Id, starred: z.boolean() }).strict(),
    response: QueryHistoryList,
  },
} as const;

export const queryEvents = {
  'query:progress': z.object({ requestId: Id, state: QueryState, progress: z.number().optional() }),
} as const;
