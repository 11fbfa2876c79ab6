/**
 * Conversion (`to*`: convert when the type is suitable, arrays by their element 0), cast (`as*`:
 * the value when it already has the type, else null) and type(). Catalogue categories
 * "conversion", "cast" and "general".
 */
import { parseTimestampString } from '../../../grail/timestamp';
import {
  durationValue,
  isDuration,
  isRecord,
  isTimeframe,
  isTimestamp,
  timestampValue,
  typeOfValue,
} from '../../../grail/values';
import type { Value, ValueType } from '../../../grail/values';
import { valueToText } from '../text';
import { arg, scalarFunctions } from './function-types';
import type { Args } from './function-types';

const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;
const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Arrays convert their element 0 (catalogue). */
function first(v: Value): Value {
  return Array.isArray(v) ? ((v as readonly Value[])[0] ?? null) : v;
}

function inLong(b: bigint): Value {
  return b >= LONG_MIN && b <= LONG_MAX ? b : null;
}

/** Truncates toward zero like a Java (long) cast; ⚠ non-finite and out-of-range give null. */
function doubleToLong(d: number): Value {
  return Number.isFinite(d) ? inLong(BigInt(Math.trunc(d))) : null;
}

export function toLong(input: Value): Value {
  const v = first(input);
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') return doubleToLong(v);
  if (typeof v === 'boolean') return v ? 1n : 0n;
  if (typeof v === 'string') {
    const s = v.trim();
    if (INTEGER.test(s)) return inLong(BigInt(s));
    return DECIMAL.test(s) ? doubleToLong(Number(s)) : null;
  }
  if (isTimestamp(v) || isDuration(v)) return v.ns;
  return null;
}

export function toDouble(input: Value): Value {
  const v = first(input);
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    const s = v.trim();
    if (DECIMAL.test(s)) return Number(s);
    return s === 'NaN' ? NaN : s === 'Infinity' ? Infinity : s === '-Infinity' ? -Infinity : null;
  }
  if (isTimestamp(v) || isDuration(v)) return Number(v.ns);
  return null;
}

function toBoolean(input: Value): Value {
  const v = first(input);
  if (typeof v === 'boolean') return v;
  // "true" in any case; every other string is false, not null (docs.dynatrace.com, DQL data types).
  if (typeof v === 'string') return v.toLowerCase() === 'true';
  if (typeof v === 'bigint') return v !== 0n;
  if (typeof v === 'number') return v !== 0;
  return null;
}

/** A date-time to the minute (`2019-08-01T13:30`), optionally with an offset. */
const TO_THE_MINUTE = /^(\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2})((?:[Zz]|[+-]\d{2}:?\d{2})?)$/;

/**
 * ⚠ A long is taken as nanoseconds since the epoch (the unit of the timestamp type). Seconds may
 * be left out (`toTimestamp("2019-08-01T13:30")`, the expand example of docs.dynatrace.com, DQL
 * structuring commands); like other text without an offset, that is read as UTC.
 */
function toTimestamp(input: Value): Value {
  const v = first(input);
  if (isTimestamp(v)) return v;
  if (typeof v === 'string') {
    const text = v.trim();
    const minutes = TO_THE_MINUTE.exec(text);
    const ns = parseTimestampString(minutes ? `${minutes[1]}:00${minutes[2]}` : text);
    return ns === undefined ? null : timestampValue(ns);
  }
  if (typeof v === 'bigint') return timestampValue(v);
  if (typeof v === 'number') return Number.isFinite(v) ? timestampValue(BigInt(Math.trunc(v))) : null;
  return null;
}

/**
 * A number of nanoseconds, a numeric string as one, or a timeframe's length (docs.dynatrace.com,
 * conversion functions: 3.14 → 3 ns, "42" → 42 ns, a 09:30–16:00 timeframe → 6.5 h, "42s" → null).
 */
function toDuration(input: Value): Value {
  const v = first(input);
  if (isDuration(v)) return v;
  if (isTimeframe(v)) return durationValue(v.endNs - v.startNs);
  const n = typeof v === 'string' ? toLong(v) : v;
  if (typeof n === 'bigint') return durationValue(n);
  if (typeof n === 'number') return Number.isFinite(n) ? durationValue(BigInt(Math.round(n))) : null;
  return null;
}

const cast =
  (...types: ValueType[]) =>
  (a: Args): Value => {
    const v = arg(a, 0);
    return types.includes(typeOfValue(v)) ? v : null;
  };

/** ⚠ Grail's spelling of type names is undocumented; the wire type names are used. */
function typeName(v: Value): string {
  if (isTimeframe(v)) return 'timeframe';
  if (isRecord(v)) return 'record';
  return typeOfValue(v);
}

export const CONVERSION_FUNCTIONS = scalarFunctions({
  toString: (a: Args) => {
    const v = arg(a, 0);
    return v === null ? null : valueToText(v);
  },
  toLong: (a) => toLong(arg(a, 0)),
  toDouble: (a) => toDouble(arg(a, 0)),
  toBoolean: (a) => toBoolean(arg(a, 0)),
  toTimestamp: (a) => toTimestamp(arg(a, 0)),
  toDuration: (a) => toDuration(arg(a, 0)),
  toArray: (a) => {
    const v = arg(a, 0);
    return v === null ? null : Array.isArray(v) ? v : [v];
  },
  asString: cast('string'),
  asLong: cast('long'),
  asDouble: cast('double'),
  asNumber: cast('long', 'double'),
  asBoolean: cast('boolean'),
  asTimestamp: cast('timestamp'),
  asDuration: cast('duration'),
  asTimeframe: cast('timeframe'),
  asArray: cast('array'),
  asRecord: cast('record'),
  type: (a) => typeName(arg(a, 0)),
});
