/**
 * Values → Query API wire JSON (reference §2.3.1–2.3.2): long and duration as strings (int64
 * precision), doubles as numbers with non-finite ones as strings, timestamps as RFC 3339 with 9
 * fractional digits in the query timezone; plus the ranged `types` buckets that describe them.
 */
import type { FieldType, RangedFieldTypes, ResultRecord, WireFieldTypeName } from './wire';
import type { FlattenedEvent } from './flatten';
import { UTC, formatTimestamp, resolveTimezone } from './timestamp';
import type { Timezone } from './timestamp';
import { isRecord, typeOfValue } from './values';
import type { Row, Value, ValueType } from './values';

export function toWireValue(v: Value, zone: Timezone = UTC): unknown {
  if (v === null) return null;
  switch (typeof v) {
    case 'boolean':
    case 'string':
      return v;
    case 'number':
      return Number.isFinite(v) ? v : String(v); // "NaN", "Infinity", "-Infinity"
    case 'bigint':
      return v.toString();
  }
  if (Array.isArray(v)) return v.map((e: Value) => toWireValue(e, zone));
  const tagged = v as Exclude<Value, readonly Value[] | null | boolean | string | number | bigint>;
  switch (tagged.kind) {
    case 'timestamp':
      return formatTimestamp(tagged.ns, zone);
    case 'duration':
      return tagged.ns.toString();
    case 'timeframe':
      return { start: formatTimestamp(tagged.startNs, zone), end: formatTimestamp(tagged.endNs, zone) };
    case 'record':
      return Object.fromEntries([...tagged.fields].map(([k, e]) => [k, toWireValue(e, zone)]));
  }
}

export function toWireRow(row: Row, zone: Timezone = UTC): ResultRecord {
  // Object.fromEntries defines own properties, so a field named "__proto__" stays a field.
  return Object.fromEntries([...row].map(([k, v]) => [k, toWireValue(v, zone)]));
}

function wireTypeName(v: Value): WireFieldTypeName {
  // The DQL type names of non-null values are also their wire names.
  return v === null ? 'undefined' : (typeOfValue(v) as Exclude<ValueType, 'null'>); // ⚠ null's wire type is unconfirmed
}

/** The wire type of one value; arrays nest element types under the pseudo-field `element`. */
export function fieldTypeOf(v: Value): FieldType {
  const type = wireTypeName(v);
  if (Array.isArray(v)) {
    return { type, types: buildTypes(v.map((e: Value) => new Map([['element', e]]))) };
  }
  if (isRecord(v)) {
    // ⚠ Records: one mapping set without indexRange (the real nested-record shape is unconfirmed).
    return { type, types: [{ mappings: mappingsOf(v.fields) }] };
  }
  return { type };
}

export function mappingsOf(row: Row): Record<string, FieldType> {
  return Object.fromEntries([...row].map(([k, v]) => [k, fieldTypeOf(v)]));
}

/** Order-insensitive signature of a mapping: buckets change when the field set or a type changes. */
function signature(mappings: Record<string, FieldType>): string {
  return JSON.stringify(
    Object.keys(mappings)
      .sort()
      .map((k) => [k, mappings[k]]),
  );
}

/**
 * Ranged type buckets for consecutive records: a new bucket starts whenever the record's field set
 * or any field's type (including nested element types) differs from the previous record's.
 * `indexRange` is inclusive on both ends, as in every real sample.
 */
export function buildTypes(records: ReadonlyArray<Row | null>): RangedFieldTypes[] {
  const buckets: RangedFieldTypes[] = [];
  let lastSig: string | undefined;
  records.forEach((row, i) => {
    const mappings = row ? mappingsOf(row) : {};
    const sig = signature(mappings);
    const last = buckets[buckets.length - 1];
    if (last?.indexRange && sig === lastSig) {
      last.indexRange[1] = i;
    } else {
      buckets.push({ indexRange: [i, i], mappings });
      lastSig = sig;
    }
  });
  return buckets;
}

/**
 * "Exactly what Grail stores" for one flattened event: the record as `fetch bizevents` would return
 * it in `timezone` (unknown zones fall back to UTC), plus its typed field table.
 */
export function toWireRecord(
  event: FlattenedEvent,
  timezone: string,
): { record: ResultRecord; types: Record<string, FieldType> } {
  const zone = resolveTimezone(timezone) ?? UTC;
  return { record: toWireRow(event.fields, zone), types: mappingsOf(event.fields) };
}
