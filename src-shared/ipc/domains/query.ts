/** IPC domain: running queries and the query history. */
import { z } from 'zod';
import { QueryResult, QueryState } from '../../grail/wire';
import { Id, IsoTimestamp } from './common';

/** The highest result limits a query request may carry. */
export const MAX_RESULT_LIMITS = { maxResultRecords: 10_000_000, maxResultBytes: 1_000_000_000 } as const;

export const QueryExecuteRequest = z.object({
  requestId: Id,
  environmentId: Id,
  query: z.string().min(1).max(200_000),
  defaultTimeframeStart: IsoTimestamp.optional(),
  defaultTimeframeEnd: IsoTimestamp.optional(),
  timezone: z.string().max(64).optional(),
  maxResultRecords: z.number().int().positive().max(MAX_RESULT_LIMITS.maxResultRecords).optional(),
  maxResultBytes: z.number().int().positive().max(MAX_RESULT_LIMITS.maxResultBytes).optional(),
  /** Grail's default scan limit for `fetch` without its own `scanLimitGBytes:`. */
  defaultScanLimitGbytes: z.number().positive().max(1_000_000).optional(),
});
export type QueryExecuteRequest = z.infer<typeof QueryExecuteRequest>;

export const QueryOutcome = z.object({
  state: z.enum(['SUCCEEDED', 'CANCELLED']),
  result: QueryResult.optional(),
  durationMs: z.number(),
  /** A big result's first page is in `result`; the rest comes with `results:page` (results domain). */
  more: z.object({ pageId: Id, total: z.number().int().nonnegative() }).optional(),
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
  /** Length of the default timeframe in ms (the cost guard scales scanned bytes by it). */
  timeframeMs: z.number().nonnegative().optional(),
  /** Starred entries are never dropped when the history is trimmed. */
  starred: z.boolean(),
});
export type QueryHistoryEntry = z.infer<typeof QueryHistoryEntry>;

/** Newest first. */
export const QueryHistoryList = z.object({ entries: z.array(QueryHistoryEntry) });
export type QueryHistoryList = z.infer<typeof QueryHistoryList>;

/** A problem the Grail `query:verify` endpoint reported, as offsets into the verified text. */
export const VerifyProblem = z.object({
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string().max(4_000),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  code: z.string().max(200).optional(),
});
export type VerifyProblem = z.infer<typeof VerifyProblem>;

export const QueryVerifyResult = z.object({ valid: z.boolean(), problems: z.array(VerifyProblem) });
export type QueryVerifyResult = z.infer<typeof QueryVerifyResult>;

/** Per-environment limits sent with every run, and the budget the cost guard checks against. */
export const QuerySettings = z
  .object({
    maxResultRecords: z.number().int().positive().max(MAX_RESULT_LIMITS.maxResultRecords),
    maxResultBytes: z.number().int().positive().max(MAX_RESULT_LIMITS.maxResultBytes),
    /** Grail's scan limit for queries that set none; also the cost guard's budget. */
    scanLimitGBytes: z.number().positive().max(1_000_000),
  })
  .strict();
export type QuerySettings = z.infer<typeof QuerySettings>;

/** The defaults of Dynatrace Notebooks' DQL sections (1000 records, 1 MB, 500 GB scanned). */
export const DEFAULT_QUERY_SETTINGS: QuerySettings = {
  maxResultRecords: 1000,
  maxResultBytes: 1_000_000,
  scanLimitGBytes: 500,
};

/** A named query; `environmentId: null` is global (offered in every environment). */
export const SavedQuery = z.object({
  id: Id,
  name: z.string().trim().min(1).max(200),
  query: z.string().min(1).max(200_000),
  environmentId: Id.nullable(),
  savedAt: z.string(),
});
export type SavedQuery = z.infer<typeof SavedQuery>;
export const SavedQueryList = z.object({ queries: z.array(SavedQuery) });
export type SavedQueryList = z.infer<typeof SavedQueryList>;

export const queryCalls = {
  'query:execute': { request: QueryExecuteRequest, response: QueryOutcome },
  'query:cancel': {
    request: z.object({ requestId: Id }).strict(),
    response: z.object({ cancelled: z.boolean() }),
  },
  'query:verify': {
    request: z.object({ environmentId: Id, query: z.string().min(1).max(200_000) }).strict(),
    response: QueryVerifyResult,
  },
  'query:getSettings': { request: z.object({ environmentId: Id }).strict(), response: QuerySettings },
  'query:saveSettings': {
    request: z.object({ environmentId: Id, settings: QuerySettings }).strict(),
    response: QuerySettings,
  },
  'saved:list': { request: z.object({ environmentId: Id.nullable() }).strict(), response: SavedQueryList },
  'saved:save': {
    // `viewer`: whose list to answer with (a global query may be saved from an environment's tab).
    request: SavedQuery.omit({ savedAt: true, id: true })
      .extend({ id: Id.optional(), viewer: Id.nullable().optional() })
      .strict(),
    response: SavedQueryList,
  },
  'saved:remove': {
    request: z.object({ id: Id, environmentId: Id.nullable() }).strict(),
    response: SavedQueryList,
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
