/**
 * The typed value model shared by ingest (flatten), the DQL engine and wire serialization.
 *
 * Why primitives where possible: the engine touches millions of values, so the common DQL types
 * map to plain JS values and only the types JS cannot tell apart carry a tag:
 *   long → bigint (exact int64) · double → number · string → string · boolean → boolean ·
 *   null → null · array → readonly Value[] · timestamp / duration → tagged nanosecond bigints ·
 *   record → tagged ordered Map (a Map keeps "1"-like keys in insertion order; objects do not).
 */

export interface TimestampValue {
  readonly kind: 'timestamp';
  /** Nanoseconds since the Unix epoch (UTC). */
  readonly ns: bigint;
}

export interface DurationValue {
  readonly kind: 'duration';
  readonly ns: bigint;
}

/** A time range [start, end) (`timeframe(…)`, makeTimeseries' `timeframe` field). */
export interface TimeframeValue {
  readonly kind: 'timeframe';
  readonly startNs: bigint;
  readonly endNs: bigint;
}

export interface RecordValue {
  readonly kind: 'record';
  readonly fields: ReadonlyMap<string, Value>;
}

export type Value =
  | null
  | boolean
  | string
  | number
  | bigint
  | TimestampValue
  | DurationValue
  | TimeframeValue
  | RecordValue
  | readonly Value[];

/** One row flowing through the engine / one stored event: field name → value, in field order. */
export type Row = ReadonlyMap<string, Value>;

export const LONG_MIN = -(2n ** 63n);
export const LONG_MAX = 2n ** 63n - 1n;

export function timestampValue(ns: bigint): TimestampValue {
  return { kind: 'timestamp', ns };
}

export function durationValue(ns: bigint): DurationValue {
  return { kind: 'duration', ns };
}

export function timeframeValue(startNs: bigint, endNs: bigint): TimeframeValue {
  return { kind: 'timeframe', startNs, endNs };
}

export function recordValue(fields: ReadonlyMap<string, Value>): RecordValue {
  return { kind: 'record', fields };
}

export function isTimestamp(v: Value): v is TimestampValue {
  return (
    typeof v === 'object' && v !== null && !Array.isArray(v) && (v as TimestampValue).kind === 'timestamp'
  );
}

export function isDuration(v: Value): v is DurationValue {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && (v as DurationValue).kind === 'duration';
}

export function isTimeframe(v: Value): v is TimeframeValue {
  return (
    typeof v === 'object' && v !== null && !Array.isArray(v) && (v as TimeframeValue).kind === 'timeframe'
  );
}

export function isRecord(v: Value): v is RecordValue {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && (v as RecordValue).kind === 'record';
}

export function isArrayValue(v: Value): v is readonly Value[] {
  return Array.isArray(v);
}

/** DQL type names of values (as `type()` would report them; the wire names live in serialize.ts). */
export type ValueType =
  | 'null'
  | 'boolean'
  | 'string'
  | 'double'
  | 'long'
  | 'timestamp'
  | 'duration'
  | 'timeframe'
  | 'array'
  | 'record';

export function typeOfValue(v: Value): ValueType {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'boolean':
      return 'boolean';
    case 'string':
      return 'string';
    case 'number':
      return 'double';
    case 'bigint':
      return 'long';
    default:
      if (Array.isArray(v)) return 'array';
      return (v as TimestampValue | DurationValue | TimeframeValue | RecordValue).kind;
  }
}
