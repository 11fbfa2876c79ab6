/**
 * Expressions over aggregations (`summarize avg = sum(x) / count()`): every aggregation call gets
 * a slot; the compiled expression reads slot results from a synthetic record, so the scalar
 * evaluator does the arithmetic around them.
 */
import type { Call, Expression } from '../../ast';
import type { Diagnostic } from '../../diagnostics';
import type { Row, Value } from '../../../grail/values';
import { compileExpression } from '../evaluate';
import type { Evaluator } from '../evaluate';
import type { Aggregation } from './aggregation-types';
import { compileAggregation } from './functions';

/** Slot names cannot clash: the synthetic record holds nothing else. */
const slotName = (i: number): string => `\u0000${i}`;

export class AggregationSlots {
  readonly aggregations: Aggregation[] = [];
  /** The call each aggregation was compiled from, by slot. */
  readonly calls: Call[] = [];

  /** `category`: which catalogue overload the calls mean (summarize vs makeTimeseries). */
  constructor(
    private readonly nowNs: bigint,
    private readonly category: 'aggregation' | 'expression timeseries' = 'aggregation',
  ) {}

  /** Compiles `e`; `hasAggregation` tells whether it used any aggregation at all. */
  compile(
    e: Expression,
    report: (d: Diagnostic) => void,
  ): { evaluate: Evaluator; hasAggregation: boolean } | undefined {
    const before = this.aggregations.length;
    let used = false;
    const evaluate = compileExpression(e, report, {
      aggregate: (call, overloads, r) => {
        used = true;
        const spec = overloads.find((f) => f.category === this.category) ?? overloads[0];
        const agg = spec && compileAggregation(call, spec, r, this.nowNs);
        if (!agg) return undefined;
        this.calls.push(call);
        const key = slotName(this.aggregations.push(agg) - 1);
        return (row) => row.get(key) ?? null;
      },
    });
    if (!evaluate) {
      this.aggregations.length = before;
      this.calls.length = before;
      return undefined;
    }
    return { evaluate, hasAggregation: used };
  }

  /** The synthetic record of finished slot results. */
  static resultsRow(results: readonly Value[]): Row {
    return new Map(results.map((v, i) => [slotName(i), v]));
  }
}
