/**
 * Engine ports and plan types. The engine is pure: storage comes in through DataSource, the clock
 * through `nowNs`, cancellation through a token (no AbortSignal: src-shared has no DOM/Node lib).
 */
import type { Diagnostic } from '../diagnostics';
import type { Row } from '../../grail/values';

export interface TimeframeNs {
  /** Inclusive. */
  readonly startNs: bigint;
  /** Exclusive. */
  readonly endNs: bigint;
}

export interface ScanRequest {
  /** Grail table / data object, e.g. `bizevents`. */
  readonly table: string;
  readonly timeframe: TimeframeNs;
}

export interface ScannedRecord {
  readonly row: Row;
  /** Stored size, for `scannedBytes`. */
  readonly bytes: number;
}

/** Storage as the engine sees it: records of a table in a timeframe, newest first. */
export interface DataSource {
  scan(request: ScanRequest): AsyncIterable<ScannedRecord>;
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
}

/** One pipeline step: consumes the previous step's rows, yields its own. Sources ignore input. */
export type Stage = (input: AsyncIterable<Row>, ctx: ExecutionContext) => AsyncIterable<Row>;

export interface Plan {
  readonly stages: readonly Stage[];
  /** Tables read (drives the permission check: bizevents needs storage:bizevents:read). */
  readonly tables: readonly string[];
  readonly analysisTimeframe: TimeframeNs | undefined;
}

/** What the planner knows while it plans one query. */
export interface PlanningContext {
  readonly nowNs: bigint;
  readonly defaultTimeframe: TimeframeNs | undefined;
  report(d: Diagnostic): void;
  addTable(table: string): void;
  setAnalysisTimeframe(tf: TimeframeNs): void;
}

/** Thrown inside stages when the cancellation token trips; becomes state CANCELLED. */
export class QueryCancelled extends Error {
  constructor() {
    super('The query was cancelled.');
    this.name = 'QueryCancelled';
  }
}

export function throwIfCancelled(token: CancellationToken): void {
  if (token.cancelled) throw new QueryCancelled();
}
