/**
 * Engine ports and plan types. The engine is pure: storage comes in through DataSource, the clock
 * through `nowNs`, cancellation through a token (no AbortSignal: src-shared has no DOM/Node lib).
 */
import type { Expression, Subquery } from '../ast';
import type { Diagnostic } from '../diagnostics';
import type { Timezone } from '../../grail/timestamp';
import type { Row, Value } from '../../grail/values';
import type { ScanFilter } from './storage-predicate';

export interface TimeframeNs {
  /** Inclusive. */
  readonly startNs: bigint;
  /** Exclusive. */
  readonly endNs: bigint;
}

/**
 * Storage order of a scan, always by the record's `timestamp` (the stored time key). Equal
 * timestamps come newest-stored first in both orders: 'desc' is fetch's own order, and 'asc' is
 * exactly what a stable `sort timestamp asc` makes of it.
 */
export type ScanOrder = 'desc' | 'asc';

export interface ScanRequest {
  /** Grail table / data object, e.g. `bizevents`. */
  readonly table: string;
  readonly timeframe: TimeframeNs;
  /** Defaults to 'desc'. */
  readonly order?: ScanOrder;
  /** Yield at most this many records (a non-negative integer); storage may stop reading there. */
  readonly limit?: number;
  /** Only records where this is true (applied before the limit). */
  readonly filter?: ScanFilter;
}

/** A record's place in scan order: its time key, then its storage sequence (higher = newer). */
export interface ScanCursor {
  readonly tsNs: bigint;
  readonly seq: bigint;
}

export interface ScannedRecord {
  readonly row: Row;
  /** Stored size, for `scannedBytes`. */
  readonly bytes: number;
  readonly cursor: ScanCursor;
}

/**
 * What a pushed-down count groups by: nothing (one total), one top-level field's value, or time
 * bins of the time key (`(timestamp - startNs) / intervalNs`, a long).
 */
export type CountBy =
  | { readonly kind: 'all' }
  | { readonly kind: 'field'; readonly field: string }
  | { readonly kind: 'bins'; readonly startNs: bigint; readonly intervalNs: bigint };

export interface GroupCount {
  /** The field's value (null for missing and null) or the bin number; null for `all`. */
  readonly key: Value;
  readonly count: bigint;
}

/**
 * An aggregation storage may compute itself: `count()`, or sum/avg/min/max of one top-level field.
 * Results must be exactly the evaluator's (aggregations/functions.ts): storage answers only where
 * it can guarantee that (e.g. no order-dependent double sums).
 */
export type PushedAggregate =
  { readonly fn: 'count' } | { readonly fn: 'sum' | 'avg' | 'min' | 'max'; readonly field: string };

/** Groups of a pushed aggregation: one, by top-level field values, or by time bins (as CountBy). */
export type AggregateGroups =
  | { readonly kind: 'all' }
  | { readonly kind: 'fields'; readonly fields: readonly string[] }
  | { readonly kind: 'bins'; readonly startNs: bigint; readonly intervalNs: bigint };

export interface AggregateRequest extends ScanRequest {
  readonly groups: AggregateGroups;
  readonly aggregates: readonly PushedAggregate[];
}

export interface AggregateResult {
  /** The request's timeframe totals (filter ignored), as `measure` gives them. */
  readonly totals: ScanTotals;
  /**
   * Each group with at least one matching record (kind `all`: exactly one group, key []): its key
   * values (a bin number for bins) and the aggregates' values in request order.
   */
  readonly groups: readonly { readonly key: readonly Value[]; readonly values: readonly Value[] }[];
}

/** What an unlimited scan of a timeframe would yield: its record count and summed `bytes`. */
export interface ScanTotals {
  readonly records: number;
  readonly bytes: number;
}

/**
 * Storage as the engine sees it: records of a table in a timeframe, in `order` (newest first by
 * default), at most `limit`. Every record carries its time key as a non-null `timestamp` field.
 */
export interface DataSource {
  scan(request: ScanRequest): AsyncIterable<ScannedRecord>;
  /**
   * Totals of the request's table and timeframe, without reading records; filter and limit are
   * ignored. With `through`: only the records up to and including that one in the request's order
   * (what a scan had read when it yielded it).
   */
  measure(request: ScanRequest, through?: ScanCursor): Promise<ScanTotals>;
  /** Counts the request's records (filter applied; order and limit ignored), grouped as asked. */
  countGroups(request: ScanRequest, by: CountBy): Promise<GroupCount[]>;
  /**
   * Optional: the whole aggregation in one pass, or undefined when storage cannot give exactly
   * the evaluator's result (the engine then runs the stages itself).
   */
  aggregate?(request: AggregateRequest): Promise<AggregateResult | undefined>;
}

export interface CancellationToken {
  readonly cancelled: boolean;
}

export interface ExecutionStats {
  scannedRecords: number;
  scannedBytes: number;
}

export interface ExecutionContext {
  readonly nowNs: bigint;
  readonly source: DataSource;
  readonly cancel: CancellationToken;
  readonly stats: ExecutionStats;
  /** The most rows the runner takes from the last stage (maxResultRecords + 1 to see truncation). */
  readonly resultCap: number;
  /** The request's timezone (absent: UTC), for the evaluator's EvalEnv. */
  readonly timezone?: Timezone;
  /** The request's limits that stages enforce themselves (absent: none). */
  readonly limits?: ExecutionLimits;
  /** Where stages report what the result's metadata must say (limits hit, sampling). */
  readonly report?: (event: ExecutionEvent) => void;
}

export interface ExecutionLimits {
  /** The request's defaultScanLimitGbytes in bytes, for fetches without `scanLimitGBytes:`. */
  readonly scanLimitBytes?: number;
}

/** What a stage tells the runner: a limit stopped a read early, or a fetch sampled its data. */
export type ExecutionEvent =
  { readonly kind: 'scanLimit'; readonly gigabytes: number } | { readonly kind: 'sampled' };

/** One pipeline step: consumes the previous step's rows, yields its own. Sources ignore input. */
export type Stage = (input: AsyncIterable<Row>, ctx: ExecutionContext) => AsyncIterable<Row>;

/**
 * What a planned stage means, when the planner may hand it to storage (pushdown.ts). Stages
 * without a shape are opaque and always run in the evaluator.
 */
export type StageShape =
  | { readonly kind: 'scan'; readonly table: string; readonly timeframe: TimeframeNs }
  | { readonly kind: 'limit'; readonly size: bigint }
  /** keep: filter (true passes); !keep: filterOut (true is removed). */
  | { readonly kind: 'filter'; readonly condition: Expression; readonly keep: boolean }
  /** `makeTimeseries count(), …` without `by:`/`time:`, its bins fixed at planning. */
  | {
      readonly kind: 'timeseriesCount';
      readonly outputs: readonly { readonly name: string; readonly defaultValue: Value }[];
      readonly startNs: bigint;
      readonly intervalNs: bigint;
      readonly bins: number;
      readonly nonempty: boolean;
    }
  /** `summarize count(), … [, by: {field}]`: only counts, at most one plain field key. */
  | {
      readonly kind: 'count';
      readonly outputs: readonly string[];
      readonly key: { readonly name: string; readonly field: string } | undefined;
    }
  /** `summarize` whose outputs are each one pushable aggregation and whose keys are plain fields. */
  | {
      readonly kind: 'aggregate';
      readonly keys: readonly { readonly name: string; readonly field: string }[];
      readonly outputs: readonly { readonly name: string; readonly aggregate: PushedAggregate }[];
    }
  | {
      readonly kind: 'sort';
      /** `field` is set when the key is a plain field reference. */
      readonly keys: readonly { readonly field: string | undefined; readonly descending: boolean }[];
    };

/** A command's planned stage: how it runs in the evaluator, and what it means. */
export interface PlannedStage {
  readonly run: Stage;
  readonly shape?: StageShape;
}

/** The scan a recognised pipeline prefix was folded into (see pushdown.ts). */
export interface ScanPushdown {
  readonly table: string;
  readonly timeframe: TimeframeNs;
  readonly order: ScanOrder;
  /** Undefined = no limit. */
  readonly limit: bigint | undefined;
  /** A folded sort read the whole timeframe: scanned stats are the timeframe's totals. */
  readonly readsAll: boolean;
  /** Folded filter/filterOut stages (before any limit). */
  readonly filter?: ScanFilter;
  /** A folded `summarize count() [by: field]`: storage counts instead of yielding records. */
  readonly count?: Extract<StageShape, { kind: 'count' }>;
  /** A folded `makeTimeseries count()`: storage counts per time bin. */
  readonly series?: Extract<StageShape, { kind: 'timeseriesCount' }>;
  /**
   * A folded general `summarize`, with the planned stage it replaces: run over the scan when
   * storage declines to aggregate.
   */
  readonly aggregate?: {
    readonly shape: Extract<StageShape, { kind: 'aggregate' }>;
    readonly fallback: Stage;
  };
  /** How many leading planned stages the scan replaces. */
  readonly stages: number;
}

export interface Plan {
  readonly stages: readonly Stage[];
  /** Tables read (drives the permission check: bizevents needs storage:bizevents:read). */
  readonly tables: readonly string[];
  readonly analysisTimeframe: TimeframeNs | undefined;
  /** The prefix handed to storage, when the planner pushed one down. */
  readonly pushdown?: ScanPushdown;
}

/** What the planner knows while it plans one query. */
export interface PlanningContext {
  readonly nowNs: bigint;
  /**
   * The request's timezone for constants evaluated while planning (`from: now()@d`). ⚠ The
   * planner does not set it yet: until it does, those constants are on the UTC calendar.
   */
  readonly timezone?: Timezone;
  readonly defaultTimeframe: TimeframeNs | undefined;
  report(d: Diagnostic): void;
  addTable(table: string): void;
  setAnalysisTimeframe(tf: TimeframeNs): void;
  /** The timeframe of the first `fetch` planned so far (makeTimeseries' default range). */
  analysisTimeframe(): TimeframeNs | undefined;
  /** Plans an execution block (`append [...]`, `lookup [...]`) as one stage that ignores its input. */
  planSubquery(block: Subquery): Stage | undefined;
}

/**
 * Thrown inside stages when the query must fail at run time (`failIf`); becomes state FAILED with
 * this diagnostic as the error envelope.
 */
export class QueryFailed extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message);
    this.name = 'QueryFailed';
  }
}

/** Thrown inside stages when the cancellation token trips; becomes state CANCELLED. */
export class QueryCancelled extends Error {
  constructor() {
    super('The query was cancelled.');
    this.name = 'QueryCancelled';
  }
}

/** The input of a stage that reads none (sources, execution blocks). */
export async function* noRows(): AsyncGenerator<Row> {}

export function throwIfCancelled(token: CancellationToken): void {
  if (token.cancelled) throw new QueryCancelled();
}
