/**
 * Values as text (toString(), concat(), search on numbers). Grail runs on the JVM, so doubles read
 * as Java's Double.toString does ("1.0", "1.0E21") and timestamps as the wire's RFC 3339 in UTC.
 */
import { UTC, formatTimestamp } from '../../grail/timestamp';
import type { Value } from '../../grail/values';

/** Java's Double.toString: shortest round-trip digits; plain in [1e-3, 1e7), else d.dddE±n. */
export function javaDoubleToString(d: number): string {
  if (Number.isNaN(d)) return 'NaN';
  if (d === Infinity) return 'Infinity';
  if (d === -Infinity) return '-Infinity';
  if (d === 0) return Object.is(d, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(d);
  if (abs >= 1e-3 && abs < 1e7) {
    const s = String(d);
    return s.includes('.') ? s : `${s}.0`;
  }
  const [mantissa = '', exponent = '0'] = d.toExponential().split('e');
  const m = mantissa.includes('.') ? mantissa : `${mantissa}.0`;
  return `${m}E${Number(exponent)}`;
}

/** ⚠ Java's Duration.toString (ISO 8601, `PT1H30M`); Grail's rendering is undocumented. */
export function durationToString(ns: bigint): string {
  if (ns === 0n) return 'PT0S';
  const neg = ns < 0n;
  let rest = neg ? -ns : ns;
  const hours = rest / 3_600_000_000_000n;
  rest %= 3_600_000_000_000n;
  const minutes = rest / 60_000_000_000n;
  rest %= 60_000_000_000n;
  const seconds = rest / 1_000_000_000n;
  const nanos = rest % 1_000_000_000n;
  const sign = neg ? '-' : '';
  let out = 'PT';
  if (hours) out += `${sign}${hours}H`;
  if (minutes) out += `${sign}${minutes}M`;
  if (seconds || nanos) {
    const frac = nanos ? '.' + nanos.toString().padStart(9, '0').replace(/0+$/, '') : '';
    out += `${sign}${seconds}${frac}S`;
  }
  return out;
}

/** toString() of any non-null value. ⚠ Timeframes, arrays and records as compact JSON. */
export function valueToText(v: Exclude<Value, null>): string {
  switch (typeof v) {
    case 'string':
      return v;
    case 'boolean':
      return String(v);
    case 'bigint':
      return v.toString();
    case 'number':
      return javaDoubleToString(v);
  }
  if (!Array.isArray(v)) {
    const tagged = v as Exclude<Value, readonly Value[] | null | boolean | string | number | bigint>;
    if (tagged.kind === 'timestamp') return formatTimestamp(tagged.ns, UTC);
    if (tagged.kind === 'duration') return durationToString(tagged.ns);
  }
  return valueToJson(v);
}

function valueToJson(v: Value): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v);
    case 'boolean':
    case 'bigint':
      return String(v);
    case 'number':
      return Number.isFinite(v) ? javaDoubleToString(v) : JSON.stringify(javaDoubleToString(v));
  }
  if (Array.isArray(v)) return `[${v.map((e: Value) => valueToJson(e)).join(',')}]`;
  const tagged = v as Exclude<Value, readonly Value[] | null | boolean | string | number | bigint>;
  switch (tagged.kind) {
    case 'timestamp':
      return JSON.stringify(formatTimestamp(tagged.ns, UTC));
    case 'duration':
      return JSON.stringify(durationToString(tagged.ns));
    case 'timeframe':
      return `{"start":${JSON.stringify(formatTimestamp(tagged.startNs, UTC))},"end":${JSON.stringify(formatTimestamp(tagged.endNs, UTC))}}`;
    case 'record':
      return `{${[...tagged.fields].map(([k, e]) => `${JSON.stringify(k)}:${valueToJson(e)}`).join(',')}}`;
  }
}
