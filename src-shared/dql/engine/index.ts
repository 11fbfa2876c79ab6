/** Public surface of the DQL engine. */
export { prepareQuery, runPrepared, toQueryError, resultLimitNotification } from './execute';
export type { PreparedQuery, PrepareOutcome, QueryError, RunOptions, RunOutcome } from './execute';
export { planQuery } from './planner';
export type { PlanOptions } from './planner';
export { DEFAULT_TIMEFRAME_NS, defaultTimeframe } from './timeframe';
export type { ScanFilter, StoragePredicate } from './storage-predicate';
export type {
  AggregateGroups,
  AggregateRequest,
  AggregateResult,
  CancellationToken,
  CountBy,
  DataSource,
  GroupCount,
  ScanCursor,
  Plan,
  PushedAggregate,
  ScanOrder,
  ScanPushdown,
  ScanRequest,
  ScanTotals,
  ScannedRecord,
  TimeframeNs,
} from './types';
