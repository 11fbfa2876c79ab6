/**
 * The one stage that reads storage: `fetch` alone, or fetch plus the prefix the planner folded
 * into it (pushdown.ts). Scan stats are kept exactly as the evaluator would have kept them, so
 * `scannedRecords`/`scannedBytes` do not depend on whether a prefix was pushed down.
 */
import type { Row } from '../../grail/values';
import { throwIfCancelled } from './types';
import type { ScanOrder, ScanRequest, Stage, TimeframeNs } from './types';

export interface ScanSpec {
  readonly table: string;
  readonly timeframe: TimeframeNs;
  readonly order: ScanOrder;
  /** Undefined = no limit. */
  readonly limit: bigint | undefined;
  /**
   * A folded sort consumed the whole timeframe before yielding (as the evaluator's sort does), so
   * the stats are the timeframe's totals rather than the records yielded.
   */
  readonly readsAll: boolean;
}

/**
 * `last`: nothing follows, so the runner's result cap bounds the scan too (it never pulls more),
 * and storage need not produce rows nobody takes.
 */
export function scanStage(spec: ScanSpec, last: boolean): Stage {
  return async function* scan(_input, exec): AsyncGenerator<Row> {
    let limit = spec.limit === undefined ? Infinity : toNumber(spec.limit);
    if (last) limit = Math.min(limit, exec.resultCap);
    // Like `limit 0` in the evaluator: nothing upstream is pulled, so nothing is scanned.
    if (limit <= 0) return;
    throwIfCancelled(exec.cancel);
    const request: ScanRequest = {
      table: spec.table,
      timeframe: spec.timeframe,
      order: spec.order,
      ...(limit === Infinity ? {} : { limit }),
    };
    if (spec.readsAll) {
      // A separate read from the scan's (as the store's pages are): an append landing in between
      // is counted or not, like a page read after it.
      const totals = await exec.source.measure(request);
      exec.stats.scannedRecords += totals.records;
      exec.stats.scannedBytes += totals.bytes;
    }
    for await (const { row, bytes } of exec.source.scan(request)) {
      throwIfCancelled(exec.cancel);
      if (!spec.readsAll) {
        exec.stats.scannedRecords++;
        exec.stats.scannedBytes += bytes;
      }
      yield row;
    }
  };
}

/** A limit beyond 2^53 cannot be reached; treat it as none. */
function toNumber(n: bigint): number {
  return n > BigInt(Number.MAX_SAFE_INTEGER) ? Infinity : Number(n);
}
