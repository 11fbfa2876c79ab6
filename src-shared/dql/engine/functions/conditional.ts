/**
 * Flow and boolean functions: if, coalesce, the null tests and in(). `exists(field)` needs the
 * record itself, so evaluate.ts compiles it.
 */
import type { Value } from '../../../grail/values';
import { equalsForOperator } from '../compare';
import { arg, scalarFunctions } from './function-types';

/** in(needle, haystack…): an array haystack counts element by element. ⚠ A null needle gives null. */
/**
 * in(needle, haystack, …): arrays count by their elements on both sides — an array needle is in
 * when any of its elements is (docs.dynatrace.com, general functions:
 * in(array("Python", "Flask"), "Python", "Hibernate") is true).
 */
function inFn(needle: Value, haystack: readonly (Value | undefined)[]): Value {
  if (needle === null) return null;
  const needles = Array.isArray(needle) ? (needle as readonly Value[]) : [needle];
  for (const h of haystack) {
    if (h === undefined || h === null) continue;
    const candidates = Array.isArray(h) ? (h as readonly Value[]) : [h];
    if (needles.some((n) => candidates.some((c) => equalsForOperator(n, c) === true))) return true;
  }
  return false;
}

export const CONDITIONAL_FUNCTIONS = scalarFunctions({
  // `else` is null when missing; a null or false condition takes it (catalogue).
  if: (a) => (arg(a, 0) === true ? arg(a, 1) : arg(a, 2)),
  coalesce: (a) => a.find((v): v is Exclude<Value, null> => v !== undefined && v !== null) ?? null,
  isNull: (a) => arg(a, 0) === null,
  isNotNull: (a) => arg(a, 0) !== null,
  isTrueOrNull: (a) => arg(a, 0) === true || arg(a, 0) === null,
  isFalseOrNull: (a) => arg(a, 0) === false || arg(a, 0) === null,
  in: (a) => inFn(arg(a, 0), a.slice(1)),
  isNaN: (a) => {
    const v = arg(a, 0);
    return typeof v === 'number' ? Number.isNaN(v) : typeof v === 'bigint' ? false : null;
  },
  isFinite: (a) => {
    const v = arg(a, 0);
    return typeof v === 'number' ? Number.isFinite(v) : typeof v === 'bigint' ? true : null;
  },
  isInfinite: (a) => {
    const v = arg(a, 0);
    return typeof v === 'number' ? Math.abs(v) === Infinity : typeof v === 'bigint' ? false : null;
  },
});
