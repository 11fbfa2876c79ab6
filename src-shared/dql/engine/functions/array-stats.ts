/**
 * Array functions over the numbers in an array: arrayLastIndexOf, arrayMedian/arrayPercentile
 * (the nearest-rank rule of the percentile() aggregation), arrayCumulativeSum and the vector
 * distances. Non-numeric elements are skipped, as arrayAvg/arraySum skip them.
 *
 * arrayCumulativeSum follows the documented example (docs.dynatrace.com, DQL array functions):
 * `array(2, null, 7, null, 1)` gives `[2, 2, 9, 9, 10]` (a null element repeats the running total)
 * and `array(2, "3", 7, 7, 1)` gives null (an element that is neither a number nor null).
 * ⚠ Nulls before the first number stay null (no running total yet; the docs show none).
 */
import { durationValue, isDuration, isTimestamp, timestampValue } from '../../../grail/values';
import type { Value } from '../../../grail/values';
import { equalsForOperator } from '../compare';
import { arithmetic } from '../operators';
import { arg, num, scalarFunctions } from './function-types';
import type { Args } from './function-types';

const array = (v: Value | undefined): readonly Value[] | undefined =>
  Array.isArray(v) ? (v as readonly Value[]) : undefined;

/** Nearest rank: the smallest element with at least p% of the elements at or below it. */
function nearestRank<T>(sorted: readonly T[], p: number): T | undefined {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

function kindOf(x: Value): string {
  return isDuration(x) || isTimestamp(x) ? x.kind : Array.isArray(x) ? 'array' : typeof x;
}

function percentileOf(xs: readonly Value[], p: number): Value {
  if (!(p >= 0 && p <= 100)) return null;
  const numbers = xs.flatMap((x) => (typeof x === 'number' || typeof x === 'bigint' ? [Number(x)] : []));
  if (numbers.length > 0)
    return (
      nearestRank(
        numbers.sort((a, b) => a - b),
        p,
      ) ?? null
    );
  // Durations or timestamps, of the first element's kind (as the aggregation does).
  const first = xs.find((x) => isDuration(x) || isTimestamp(x));
  if (first === undefined || (!isDuration(first) && !isTimestamp(first))) return null;
  const kind = first.kind;
  const times = xs.flatMap((x) => ((isDuration(x) || isTimestamp(x)) && x.kind === kind ? [x.ns] : []));
  const t = nearestRank(
    times.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
    p,
  );
  if (t === undefined) return null;
  return kind === 'timestamp' ? timestampValue(t) : durationValue(t);
}

/** Both arrays as numbers, element by element; undefined unless both are all-numeric of one length. */
function vectors(a: Args): [number[], number[]] | undefined {
  const x = array(a[0]);
  const y = array(a[1]);
  if (!x || !y || x.length !== y.length || x.length === 0) return undefined;
  const xs = x.map((v) => (typeof v === 'number' || typeof v === 'bigint' ? Number(v) : NaN));
  const ys = y.map((v) => (typeof v === 'number' || typeof v === 'bigint' ? Number(v) : NaN));
  return [...xs, ...ys].some(Number.isNaN) ? undefined : [xs, ys];
}

function vectorDistance(f: (x: number[], y: number[]) => number) {
  return (a: Args): Value => {
    const v = vectors(a);
    return v ? f(v[0], v[1]) : null;
  };
}

const dot = (x: number[], y: number[]): number => x.reduce((s, xi, i) => s + xi * (y[i] as number), 0);

export const ARRAY_STATS_FUNCTIONS = scalarFunctions({
  arrayLastIndexOf: (a) => {
    const xs = array(a[0]);
    if (!xs) return null;
    const needle = arg(a, 1);
    for (let i = xs.length - 1; i >= 0; i--)
      if (equalsForOperator(xs[i] ?? null, needle) === true) return BigInt(i);
    return -1n;
  },
  // "Returns null for arrays with mixed data type" (docs.dynatrace.com, DQL array functions);
  // longs with doubles are numbers, nulls are skipped.
  arrayMedian: (a) => {
    const xs = array(a[0]);
    if (!xs) return null;
    const kinds = new Set(
      xs.flatMap((x) => (x === null ? [] : [typeof x === 'bigint' ? 'number' : kindOf(x)])),
    );
    return kinds.size > 1 ? null : percentileOf(xs, 50);
  },
  arrayPercentile: (a) => {
    const xs = array(a[0]);
    const p = num(arg(a, 1));
    return xs && p !== undefined ? percentileOf(xs, p) : null;
  },
  arrayCumulativeSum: (a) => {
    const xs = array(a[0]);
    if (!xs) return null;
    if (xs.some((x) => x !== null && typeof x !== 'number' && typeof x !== 'bigint')) return null;
    let sum: Value = null;
    return xs.map((x) => {
      if (x !== null) sum = sum === null ? x : arithmetic('+', sum, x);
      return sum;
    });
  },
  vectorL1Distance: vectorDistance((x, y) => x.reduce((s, xi, i) => s + Math.abs(xi - (y[i] as number)), 0)),
  vectorL2Distance: vectorDistance((x, y) =>
    Math.sqrt(x.reduce((s, xi, i) => s + (xi - (y[i] as number)) ** 2, 0)),
  ),
  /** 1 − cosine similarity; null when either vector is all zeros. */
  vectorCosineDistance: (a) => {
    const v = vectors(a);
    if (!v) return null;
    const norms = Math.sqrt(dot(v[0], v[0])) * Math.sqrt(dot(v[1], v[1]));
    return norms === 0 ? null : 1 - dot(v[0], v[1]) / norms;
  },
});
