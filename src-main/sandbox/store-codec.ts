/**
 * Stored form of an event's fields: a JSON array of [name, value] pairs (keeps field order, even
 * for "1"-like names) with type tags where JSON alone would lose the DQL type:
 *   long {"l":"…"} · double {"d":n|"NaN"|"Infinity"|"-Infinity"} · timestamp {"t":"ns"} ·
 *   duration {"u":"ns"} · timeframe {"f":[start,end]} · record {"r":[[k,v],…]} · arrays, strings, booleans, null as themselves.
 */
import {
  durationValue,
  isTimestamp,
  recordValue,
  timeframeValue,
  timestampValue,
} from '../../src-shared/grail/values';
import type { Row, Value } from '../../src-shared/grail/values';

type Encoded =
  | null
  | boolean
  | string
  | Encoded[]
  | { l: string }
  | { d: number | string }
  | { t: string }
  | { u: string }
  | { f: [string, string] }
  | { r: [string, Encoded][] };

export function encodeValue(v: Value): Encoded {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'bigint') return { l: v.toString() };
  if (typeof v === 'number')
    return { d: Number.isFinite(v) && !Object.is(v, -0) ? v : Object.is(v, -0) ? '-0' : String(v) };
  if (Array.isArray(v)) return v.map((e: Value) => encodeValue(e));
  const tagged = v as Exclude<Value, null | boolean | string | number | bigint | readonly Value[]>;
  switch (tagged.kind) {
    case 'timestamp':
      return { t: tagged.ns.toString() };
    case 'duration':
      return { u: tagged.ns.toString() };
    case 'timeframe':
      return { f: [tagged.startNs.toString(), tagged.endNs.toString()] };
    case 'record':
      return { r: [...tagged.fields].map(([k, e]) => [k, encodeValue(e)]) };
  }
}

export function decodeValue(e: unknown): Value {
  if (e === null || typeof e === 'boolean' || typeof e === 'string') return e;
  if (Array.isArray(e)) return e.map(decodeValue);
  if (typeof e === 'object') {
    const o = e as Record<string, unknown>;
    if (typeof o.l === 'string') return BigInt(o.l);
    if ('d' in o) return typeof o.d === 'number' ? o.d : Number(o.d);
    if (typeof o.t === 'string') return timestampValue(BigInt(o.t));
    if (typeof o.u === 'string') return durationValue(BigInt(o.u));
    if (Array.isArray(o.f) && o.f.length === 2)
      return timeframeValue(BigInt(String(o.f[0])), BigInt(String(o.f[1])));
    if (Array.isArray(o.r)) return recordValue(decodeRow(o.r));
  }
  throw new Error('Corrupt stored value.');
}

/** `JSON.stringify(encodeValue(v))`, written directly for the common scalar types (ingest speed). */
function encodeValueText(v: Value): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'bigint':
      return `{"l":"${v.toString()}"}`;
    case 'object':
      // Every event carries its timestamp; digits and '-' need no escaping.
      if (isTimestamp(v)) return `{"t":"${v.ns.toString()}"}`;
      return JSON.stringify(encodeValue(v));
    default:
      return JSON.stringify(encodeValue(v));
  }
}

/**
 * `JSON.stringify` of the [name, value] pairs. Ingest encodes every event (the largest share of an
 * append once measured), so recurring names keep their quoted prefix and the parts are joined into one flat
 * string: a `+=` rope is flattened again when it crosses into DuckDB, and allocates per pair.
 */
export function encodeRow(row: Row): string {
  const parts = new Array<string>(row.size);
  let i = 0;
  row.forEach((v, k) => (parts[i++] = pairText(k, v)));
  return joinPairs(parts);
}

/**
 * `encodeValueText(v).length`, without the text where that is cheap: the stored size a scan reports
 * (`fields_length`) stays that of the whole encoded row while only a residue is written (store.ts).
 */
export function encodedValueLength(v: Value): number {
  if (v === null) return 4;
  switch (typeof v) {
    case 'string': {
      const quoted = quotedLength(v);
      return quoted >= 0 ? quoted : JSON.stringify(v).length;
    }
    case 'boolean':
      return v ? 4 : 5;
    case 'bigint':
      return 8 + v.toString().length;
    default:
      // `{"t":"<ns>"}`: every event's time key, nearly always 19 digits.
      if (isTimestamp(v)) return 8 + (v.ns >= E18 && v.ns < E19 ? 19 : v.ns.toString().length);
      return encodeValueText(v).length;
  }
}

const E18 = 10n ** 18n;
const E19 = 10n ** 19n;

/**
 * `JSON.stringify(s).length` for a string without NUL or surrogates, else -1 (the caller then types
 * and sizes it the general way). By hand: ingest sizes every string value of every event, and this
 * one pass measured cheaper than a regex test plus a stringified copy made only for its length.
 */
export function quotedLength(s: string): number {
  let n = s.length + 2;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0x5c) {
      if (c >= 0xd800 && c <= 0xdfff) return -1;
    } else if (c === 0x22 || c === 0x5c) n++;
    else if (c < 0x20) {
      if (c === 0) return -1;
      // \b \t \n \f \r have two-character escapes, the other controls \u00XX.
      n += c === 8 || c === 9 || c === 10 || c === 12 || c === 13 ? 1 : 5;
    }
  }
  return n;
}

/** `encodeRow` of pairs whose texts (`pairText`) were made one by one; `[]` for none. */
export function joinPairs(parts: readonly string[]): string {
  return parts.length === 0 ? '[]' : `[${parts.join('],')}]]`;
}

/** One pair as `encodeRow` writes it, without the closing bracket (`joinPairs` adds it). */
export function pairText(name: string, v: Value): string {
  return pairPrefix(name) + encodeValueText(v);
}

/** `[<quoted name>,` by name; bounded, as names come from payloads. */
const PAIR_PREFIXES = new Map<string, string>();
const MAX_CACHED_PREFIXES = 4096;

function pairPrefix(name: string): string {
  let prefix = PAIR_PREFIXES.get(name);
  if (prefix === undefined) {
    prefix = `[${JSON.stringify(name)},`;
    if (PAIR_PREFIXES.size < MAX_CACHED_PREFIXES) PAIR_PREFIXES.set(name, prefix);
  }
  return prefix;
}

function decodeRow(pairs: unknown[]): Map<string, Value> {
  const row = new Map<string, Value>();
  for (const p of pairs) {
    if (!Array.isArray(p) || typeof p[0] !== 'string') throw new Error('Corrupt stored row.');
    row.set(p[0], decodeValue(p[1]));
  }
  return row;
}

export function decodeRowText(text: string): Map<string, Value> {
  const parsed: unknown = JSON.parse(text);
  if (!Array.isArray(parsed)) throw new Error('Corrupt stored row.');
  return decodeRow(parsed);
}
