/**
 * DQL operator semantics (reference §1.5), as plain functions over values: tri-state logic, null
 * propagation ("not applicable" → null), Java long arithmetic, and the timestamp/duration table.
 */
import {
  durationValue,
  isDuration,
  isTimestamp,
  isTimeframe,
  timeframeValue,
  timestampValue,
} from '../../grail/values';
import type { Value } from '../../grail/values';
import { compareForOperator, equalsForOperator } from './compare';
import { roundedBigInt } from './functions/function-types';

export type ArithmeticOperator = '+' | '-' | '*' | '/' | '%';
export type ComparisonOperator = '==' | '!=' | '<' | '<=' | '>' | '>=';

export function not(v: Value): Value {
  return typeof v === 'boolean' ? !v : null;
}

/** `true and null = null`, `false and null = false`; a non-boolean operand counts as null. */
export function and(a: Value, b: Value): Value {
  if (a === false || b === false) return false;
  if (a === true && b === true) return true;
  return null;
}

/** `true or null = true`, `false or null = null`. */
export function or(a: Value, b: Value): Value {
  if (a === true || b === true) return true;
  if (a === false && b === false) return false;
  return null;
}

export function xor(a: Value, b: Value): Value {
  return typeof a === 'boolean' && typeof b === 'boolean' ? a !== b : null;
}

export function compare(op: ComparisonOperator, a: Value, b: Value): Value {
  if (op === '==') return equalsForOperator(a, b);
  if (op === '!=') {
    const eq = equalsForOperator(a, b);
    return eq === null ? null : !eq;
  }
  const c = compareForOperator(a, b);
  if (c === null) return null;
  return op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0;
}

/** Java long arithmetic wraps around. */
export const wrapLong = (v: bigint): bigint => BigInt.asIntN(64, v);

export function negate(v: Value): Value {
  if (typeof v === 'bigint') return wrapLong(-v);
  if (typeof v === 'number') return -v;
  if (isDuration(v)) return durationValue(-v.ns);
  return null;
}

export function arithmetic(op: ArithmeticOperator, a: Value, b: Value): Value {
  if (a === null || b === null) return null;
  if (typeof a === 'bigint' && typeof b === 'bigint') {
    switch (op) {
      case '+':
        return wrapLong(a + b);
      case '-':
        return wrapLong(a - b);
      case '*':
        return wrapLong(a * b);
      case '/':
        return b === 0n ? null : wrapLong(a / b); // integer division, fraction discarded
      case '%':
        return b === 0n ? null : a % b;
    }
  }
  const x = toNumber(a);
  const y = toNumber(b);
  if (x !== undefined && y !== undefined) {
    switch (op) {
      case '+':
        return x + y;
      case '-':
        return x - y;
      case '*':
        return x * y;
      case '/':
        return x / y;
      case '%':
        return x % y;
    }
  }
  return temporal(op, a, b, x, y);
}

/** long or double as a JS number (undefined for other types). */
export function toNumber(v: Value): number | undefined {
  return typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : undefined;
}

/** timestamp/duration/timeframe arithmetic (reference §1.5 type table). */
function temporal(op: string, a: Value, b: Value, x: number | undefined, y: number | undefined): Value {
  if (isTimestamp(a) && isDuration(b) && (op === '+' || op === '-'))
    return timestampValue(op === '+' ? a.ns + b.ns : a.ns - b.ns);
  if (isDuration(a) && isTimestamp(b) && op === '+') return timestampValue(a.ns + b.ns);
  if (isTimestamp(a) && isTimestamp(b) && op === '-') return durationValue(a.ns - b.ns);
  if (isTimeframe(a) && isDuration(b) && (op === '+' || op === '-')) {
    const d = op === '+' ? b.ns : -b.ns;
    return timeframeValue(a.startNs + d, a.endNs + d);
  }
  if (isDuration(a) && isTimeframe(b) && op === '+') return timeframeValue(b.startNs + a.ns, b.endNs + a.ns);
  if (isDuration(a) && isDuration(b)) {
    if (op === '+') return durationValue(a.ns + b.ns);
    if (op === '-') return durationValue(a.ns - b.ns);
    if (op === '/') return b.ns === 0n ? null : Number(a.ns) / Number(b.ns);
    if (op === '%') return b.ns === 0n ? null : durationValue(a.ns % b.ns);
  }
  const scale = (d: bigint, f: Value, n: number): Value => {
    if (typeof f === 'bigint') return durationValue(d * f);
    const ns = roundedBigInt(Number(d) * n);
    return ns === undefined ? null : durationValue(ns);
  };
  if (isDuration(a) && y !== undefined && op === '*') return scale(a.ns, b, y);
  if (isDuration(b) && x !== undefined && op === '*') return scale(b.ns, a, x);
  if (isDuration(a) && y !== undefined && op === '/') {
    if (typeof b === 'bigint') return b === 0n ? null : durationValue(a.ns / b);
    const ns = y === 0 ? undefined : roundedBigInt(Number(a.ns) / y);
    return ns === undefined ? null : durationValue(ns);
  }
  return null;
}
