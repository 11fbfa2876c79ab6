/**
 * Create functions (array, duration, timeframe; record() needs its argument names and is compiled
 * in evaluate.ts) and the array functions.
 */
import { DURATION_UNIT_NS } from '../../tokens';
import { parseTimestampString } from '../../../grail/timestamp';
import type { DurationUnit } from '../../tokens';
import {
  durationValue,
  isDuration,
  isTimeframe,
  isTimestamp,
  timeframeValue,
  timestampValue,
} from '../../../grail/values';
import type { Value } from '../../../grail/values';
import { compareValues, equalsForOperator } from '../compare';
import { arithmetic } from '../operators';
import { valueToText } from '../text';
import { arg, long, num, roundedBigInt, scalarFunctions, str } from './function-types';
import type { Args, EvalEnv } from './function-types';

const DURATION_UNITS = new Set(['ns', 'us', 'ms', 's', 'm', 'h', 'd']);

function duration(a: Args): Value {
  const v = arg(a, 0);
  const unit = str(arg(a, 1));
  if (unit === undefined || !DURATION_UNITS.has(unit)) return null;
  const unitNs = DURATION_UNIT_NS[unit as DurationUnit] ?? 1n;
  if (typeof v === 'bigint') return durationValue(v * unitNs);
  const ns = typeof v === 'number' ? roundedBigInt(v * Number(unitNs)) : undefined;
  return ns === undefined ? null : durationValue(ns);
}

/**
 * A timeframe end: a timestamp, a duration relative to now, or a timestamp string as toTimestamp()
 * reads it (docs.dynatrace.com, time functions: `timeframe(from:"2019-08-01T09:30:00.000-0400", …)`).
 */
function instant(v: Value, env: EvalEnv): bigint | undefined {
  if (isTimestamp(v)) return v.ns;
  if (isDuration(v)) return env.nowNs + v.ns;
  if (typeof v === 'string') return parseTimestampString(v.trim());
  return undefined;
}

function timeframe(a: Args, env: EvalEnv): Value {
  const from = instant(arg(a, 0), env);
  const to = a[1] === undefined ? env.nowNs : instant(arg(a, 1), env);
  return from === undefined || to === undefined || from > to ? null : timeframeValue(from, to);
}

const array = (v: Value | undefined): readonly Value[] | undefined =>
  Array.isArray(v) ? (v as readonly Value[]) : undefined;

/** f(array) for array arguments, null otherwise. */
function onArray(f: (xs: readonly Value[], a: Args) => Value) {
  return (a: Args): Value => {
    const xs = array(a[0]);
    return xs === undefined ? null : f(xs, a);
  };
}

function numericFold(xs: readonly Value[], average: boolean): Value {
  let sum: Value = null;
  let n = 0;
  for (const x of xs) {
    if (typeof x !== 'number' && typeof x !== 'bigint') continue;
    sum = sum === null ? Number(x) : arithmetic('+', sum, Number(x));
    n++;
  }
  // "Returns 0 if there is no matching element" (arrayAvg, arraySum in the docs).
  if (sum === null) return 0;
  return average ? (sum as number) / n : sum;
}

function extreme(xs: readonly Value[], sign: 1 | -1): Value {
  let best: Value = null;
  for (const x of xs) if (x !== null && (best === null || sign * compareValues(x, best) > 0)) best = x;
  return best;
}

/**
 * arrayDistinct "sorts numbers in ascending order and strings in lexicographic order"
 * (docs.dynatrace.com, DQL array functions): the distinct elements in arraySort's ascending order
 * (⚠ a null, kept once, goes last as there; mixed types order by type as there).
 */
function distinct(xs: readonly Value[]): Value[] {
  const out: Value[] = [];
  for (const x of xs)
    if (!out.some((o) => (o === null ? x === null : equalsForOperator(o, x) === true))) out.push(x);
  return out.sort(compareValues);
}

export const CREATE_FUNCTIONS = scalarFunctions({
  array: (a) => a.map((v) => (v === undefined ? null : v)),
  duration,
  timeframe,
  getStart: (a) => {
    const v = arg(a, 0);
    return isTimeframe(v) ? timestampValue(v.startNs) : null;
  },
  getEnd: (a) => {
    const v = arg(a, 0);
    return isTimeframe(v) ? timestampValue(v.endNs) : null;
  },
  arraySize: onArray((xs) => BigInt(xs.length)),
  // The first / last non-null element (`a[0]`, `a[-1]` give the element even when it is null).
  arrayFirst: onArray((xs) => xs.find((x) => x !== null) ?? null),
  arrayLast: onArray((xs) => [...xs].reverse().find((x) => x !== null) ?? null),
  arraySum: onArray((xs) => numericFold(xs, false)),
  arrayAvg: onArray((xs) => numericFold(xs, true)),
  arrayMin: onArray((xs) => extreme(xs, -1)),
  arrayMax: onArray((xs) => extreme(xs, 1)),
  arrayDistinct: onArray((xs) => distinct(xs)),
  arrayReverse: onArray((xs) => [...xs].reverse()),
  arrayRemoveNulls: onArray((xs) => xs.filter((x) => x !== null)),
  arraySort: onArray((xs, a) => {
    const desc = arg(a, 1, 'ascending') === 'descending';
    return [...xs].sort((x, y) =>
      x === null || y === null ? compareValues(x, y) : (desc ? -1 : 1) * compareValues(x, y),
    );
  }),
  // Null and non-array arguments are skipped; null only when no argument is an array.
  arrayConcat: (a) => {
    let out: Value[] | null = null;
    for (const v of a) {
      const xs = array(v);
      if (xs !== undefined) (out ??= []).push(...xs);
    }
    return out;
  },
  arrayIndexOf: onArray((xs, a) => {
    const needle = arg(a, 1);
    return BigInt(xs.findIndex((x) => equalsForOperator(x, needle) === true));
  }),
  arraySlice: onArray((xs, a) => {
    const clamp = (v: Value, d: number): number => {
      const n = num(v) ?? d;
      const i = n < 0 ? xs.length + n : n;
      return Math.max(0, Math.min(xs.length, i));
    };
    return xs.slice(clamp(arg(a, 1, 0n), 0), clamp(arg(a, 2, BigInt(xs.length)), xs.length));
  }),
  // The delimiter defaults to "" (docs.dynatrace.com: array(1, 2, 3) gives "123").
  arrayToString: onArray((xs, a) => {
    const delimiter = str(arg(a, 1, ''));
    if (delimiter === undefined) return null;
    return xs.map((x) => (x === null ? 'null' : valueToText(x))).join(delimiter);
  }),
  arrayFlatten: onArray((xs) => xs.flatMap((x) => (Array.isArray(x) ? (x as readonly Value[]) : [x]))),
  // A negative index counts from the end, -1 the last element (docs.dynatrace.com), as a[-1].
  arrayElement: onArray((xs, a) => {
    const given = long(arg(a, 1));
    if (given === undefined) return null;
    const i = given < 0n ? given + BigInt(xs.length) : given;
    return i < 0n || i >= BigInt(xs.length) ? null : (xs[Number(i)] ?? null);
  }),
});
