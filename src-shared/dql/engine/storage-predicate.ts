/**
 * Filters the planner hands to storage (pushdown.ts): a small predicate language over top-level
 * fields that storage can run exactly as the evaluator would. Each predicate is true exactly where
 * the DQL condition is `true` (never for null); anything outside these shapes stays in the
 * evaluator.
 */
import type { Expression } from '../ast';
import { canonicalFunctionName } from '../catalog';
import { LONG_MAX, LONG_MIN, isTimestamp } from '../../grail/values';
import type { Value } from '../../grail/values';
import { evaluateConstant, referencesFields } from './evaluate';
import type { ComparisonOperator } from './operators';

export type StoragePredicate =
  | { readonly kind: 'and' | 'or'; readonly parts: readonly StoragePredicate[] }
  /** filterOut: the records where the part is not true (false or null). */
  | { readonly kind: 'notTrue'; readonly part: StoragePredicate }
  /** isNull(f) / isNotNull(f): missing and null are the same. */
  | { readonly kind: 'isNull'; readonly field: string; readonly negated: boolean }
  /** f == "s" / f != "s" (a non-null value of another type is != "s"). */
  | {
      readonly kind: 'stringEquals';
      readonly field: string;
      readonly value: string;
      readonly negated: boolean;
    }
  /**
   * f op n for long and double values of f (other types: null, so false; `!=` true). `n` is a long
   * within ±2^53 (exact as a double) or a finite double.
   */
  | {
      readonly kind: 'numberCompare';
      readonly field: string;
      readonly op: ComparisonOperator;
      readonly value: bigint | number;
    }
  /** timestamp op t on the stored time key. */
  | { readonly kind: 'timeCompare'; readonly op: ComparisonOperator; readonly ns: bigint };

/** The filter stages folded into a scan: as predicates, and as written (for reference sources). */
export interface ScanFilter {
  readonly predicate: StoragePredicate;
  /** now() of the query the conditions belong to. */
  readonly nowNs: bigint;
  readonly conditions: readonly { readonly condition: Expression; readonly keep: boolean }[];
}

const EXACT_DOUBLE_LIMIT = 2n ** 53n;
const FLIPPED: Readonly<Record<ComparisonOperator, ComparisonOperator>> = {
  '==': '==',
  '!=': '!=',
  '<': '>',
  '<=': '>=',
  '>': '<',
  '>=': '<=',
};

/** A filter/filterOut condition as a storage predicate, or undefined when it must stay in the evaluator. */
export function toStoragePredicate(
  condition: Expression,
  keep: boolean,
  nowNs: bigint,
): StoragePredicate | undefined {
  const p = translate(condition, nowNs);
  return p && (keep ? p : { kind: 'notTrue', part: p });
}

function translate(e: Expression, nowNs: bigint): StoragePredicate | undefined {
  switch (e.type) {
    case 'binary': {
      if (e.op === 'and' || e.op === 'or') {
        const l = translate(e.left, nowNs);
        const r = translate(e.right, nowNs);
        return l && r ? { kind: e.op, parts: [l, r] } : undefined;
      }
      if (e.op === 'in' || e.op === '~' || !['==', '!=', '<', '<=', '>', '>='].includes(e.op))
        return undefined;
      const op = e.op as ComparisonOperator;
      if (e.left.type === 'field') return comparison(e.left.name, op, e.right, nowNs);
      if (e.right.type === 'field') return comparison(e.right.name, FLIPPED[op], e.left, nowNs);
      return undefined;
    }
    case 'call': {
      const name = canonicalFunctionName(e.name);
      const only = e.args.length === 1 ? e.args[0] : undefined;
      if (!only || only.type !== 'positional' || only.value.type !== 'field') return undefined;
      const field = only.value.name;
      if (name === 'isNull') return { kind: 'isNull', field, negated: false };
      if (name === 'isNotNull' || name === 'exists') return { kind: 'isNull', field, negated: true };
      return undefined;
    }
    default:
      return undefined;
  }
}

function constant(e: Expression, nowNs: bigint): Value | undefined {
  if (referencesFields(e)) return undefined;
  let ok = true;
  const r = evaluateConstant(e, { nowNs }, () => (ok = false));
  return ok && r.ok ? r.value : undefined;
}

function comparison(
  field: string,
  op: ComparisonOperator,
  other: Expression,
  nowNs: bigint,
): StoragePredicate | undefined {
  const v = constant(other, nowNs);
  if (v === undefined || v === null) return undefined;
  // The time key is an int64 column: an instant beyond it stays in the evaluator.
  if (field === 'timestamp' && isTimestamp(v))
    return v.ns >= LONG_MIN && v.ns <= LONG_MAX ? { kind: 'timeCompare', op, ns: v.ns } : undefined;
  if (typeof v === 'string' && (op === '==' || op === '!='))
    return { kind: 'stringEquals', field, value: v, negated: op === '!=' };
  if (typeof v === 'bigint' && v <= EXACT_DOUBLE_LIMIT && v >= -EXACT_DOUBLE_LIMIT)
    return { kind: 'numberCompare', field, op, value: v };
  if (typeof v === 'number' && Number.isFinite(v)) return { kind: 'numberCompare', field, op, value: v };
  return undefined;
}
