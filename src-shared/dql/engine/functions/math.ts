/**
 * Mathematical and constant functions. long stays long where the catalogue allows it (abs, round,
 * floor, ceil, signum, bin); everything else computes in double, as Java's Math does.
 */
import { floorDiv } from '../../../grail/timestamp';
import { durationValue, isDuration, isTimestamp, timestampValue } from '../../../grail/values';
import type { Value } from '../../../grail/values';
import { wrapLong } from '../operators';
import { arg, long, num, scalarFunctions } from './function-types';
import type { Args } from './function-types';

/** f(double) → double for long and double arguments. */
function unary(f: (x: number) => number) {
  return (a: Args): Value => {
    const x = num(a[0]);
    return x === undefined ? null : f(x);
  };
}

/**
 * f(double) for the arguments in its domain, null outside it: the docs (docs.dynatrace.com, DQL
 * mathematical functions) show sqrt(-14) and log(0) as null, not Java's NaN / -Infinity.
 */
function partial(f: (x: number) => number, inDomain: (x: number) => boolean) {
  return (a: Args): Value => {
    const x = num(a[0]);
    return x === undefined || !inDomain(x) ? null : f(x);
  };
}

function binary(f: (x: number, y: number) => number) {
  return (a: Args): Value => {
    const x = num(a[0]);
    const y = num(a[1]);
    return x === undefined || y === undefined ? null : f(x, y);
  };
}

/** Java's Math.round (half up); ⚠ non-finite values give null rather than Java's saturation. */
function roundToLong(x: number): Value {
  if (!Number.isFinite(x)) return null;
  return BigInt(Math.floor(x + 0.5));
}

function round(a: Args): Value {
  const v = arg(a, 0);
  const decimals = long(arg(a, 1, 0n));
  if (decimals === undefined) return null;
  if (typeof v === 'bigint') return v;
  if (typeof v !== 'number') return null;
  if (a[1] === undefined) return roundToLong(v);
  if (!Number.isFinite(v)) return v;
  // Round the decimal text, not v * 10^d, so 1.005 → 1.01 as BigDecimal HALF_UP would do it.
  const d = Number(decimals);
  const text = Number(`${Math.abs(v)}e${d}`);
  const shifted = Number.isFinite(text) ? text : Math.abs(v) * 10 ** d;
  const rounded = Math.sign(v) * Number(`${Math.floor(shifted + 0.5)}e${-d}`);
  return Number.isFinite(rounded) ? rounded : v;
}

function integral(f: (x: number) => number) {
  return (a: Args): Value => {
    const v = arg(a, 0);
    if (typeof v === 'bigint') return v;
    return typeof v === 'number' ? f(v) : null;
  };
}

/** bin(x, interval [, at]): floor to a multiple of interval counted from `at` (0 / the epoch). */
function bin(a: Args): Value {
  const v = arg(a, 0);
  const interval = arg(a, 1);
  const at = a[2]; // undefined: not given (align to 0 / the epoch); null: given as null
  if (v === null || interval === null || at === null) return null;
  if (isTimestamp(v) || isDuration(v)) {
    if (!isDuration(interval) || interval.ns <= 0n) return null;
    const base = at === undefined ? 0n : isTimestamp(at) || isDuration(at) ? at.ns : undefined;
    if (base === undefined) return null;
    const ns = floorDiv(v.ns - base, interval.ns) * interval.ns + base;
    return isTimestamp(v) ? timestampValue(ns) : durationValue(ns);
  }
  const base = at === undefined ? 0n : at;
  if (typeof v === 'bigint' && typeof interval === 'bigint' && typeof base === 'bigint') {
    return interval <= 0n ? null : wrapLong(floorDiv(v - base, interval) * interval + base);
  }
  const x = num(v);
  const i = num(interval);
  const b = num(base);
  if (x === undefined || i === undefined || b === undefined || !(i > 0)) return null;
  return Math.floor((x - b) / i) * i + b;
}

function abs(a: Args): Value {
  const v = arg(a, 0);
  if (typeof v === 'bigint') return wrapLong(v < 0n ? -v : v);
  if (typeof v === 'number') return Math.abs(v);
  if (isDuration(v)) return durationValue(v.ns < 0n ? -v.ns : v.ns);
  return null;
}

function signum(a: Args): Value {
  const v = arg(a, 0);
  if (typeof v === 'bigint') return v > 0n ? 1n : v < 0n ? -1n : 0n;
  return typeof v === 'number' ? Math.sign(v) : null;
}

export const MATH_FUNCTIONS = scalarFunctions({
  abs,
  signum,
  round,
  floor: integral(Math.floor),
  ceil: integral(Math.ceil),
  bin,
  sqrt: partial(Math.sqrt, (x) => x >= 0),
  cbrt: unary(Math.cbrt),
  exp: unary(Math.exp),
  log: partial(Math.log, (x) => x > 0),
  log10: partial(Math.log10, (x) => x > 0),
  log1p: partial(Math.log1p, (x) => x > -1),
  sin: unary(Math.sin),
  cos: unary(Math.cos),
  tan: unary(Math.tan),
  asin: unary(Math.asin),
  acos: unary(Math.acos),
  atan: unary(Math.atan),
  sinh: unary(Math.sinh),
  cosh: unary(Math.cosh),
  tanh: unary(Math.tanh),
  degreeToRadian: unary((x) => (x * Math.PI) / 180),
  radianToDegree: unary((x) => (x * 180) / Math.PI),
  power: binary(Math.pow),
  atan2: binary(Math.atan2),
  hypotenuse: binary(Math.hypot),
  pi: () => Math.PI,
  e: () => Math.E,
});
