/**
 * Aggregation functions (catalogue category "aggregation"): a factory of accumulators, one per
 * group (summarize) or per group and time bin (makeTimeseries). Accumulators skip nulls unless the
 * function says otherwise.
 */
import type { Row, Value } from '../../../grail/values';
import type { EvalEnv } from '../functions/function-types';

export interface Accumulator {
  add(row: Row, env: EvalEnv): void;
  result(): Value;
}

export interface Aggregation {
  /** Catalogue name, e.g. `count`. */
  readonly name: string;
  /** makeTimeseries' `default:` — the value of a bin without records (null when not given). */
  readonly defaultValue: Value;
  /** makeTimeseries' `rate:` in ns — values scaled from their bin's width to it (undefined: not given). */
  readonly rateNs?: bigint;
  /** makeTimeseries' `scalar: true` — one value over the whole series timeframe, not one per bin. */
  readonly scalar?: boolean;
  create(): Accumulator;
}
