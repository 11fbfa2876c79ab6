/**
 * A value as a Map key for grouping (summarize by:, dedup, lookup, join). Values that `==` calls
 * equal within one type share a key; ⚠ a long and a double of the same number are different groups
 * (types differ), and null is a group of its own.
 */
import type { Value } from '../../grail/values';

export function valueKey(v: Value): string {
  if (v === null) return 'n';
  switch (typeof v) {
    case 'boolean':
      return v ? 'T' : 'F';
    case 'bigint':
      return `l${v}`;
    case 'number':
      return `d${Object.is(v, -0) ? 0 : v}`;
    case 'string':
      return `s${JSON.stringify(v)}`;
  }
  if (Array.isArray(v)) return `[${v.map((e: Value) => valueKey(e)).join(',')}]`;
  const tagged = v as Exclude<Value, readonly Value[] | null | boolean | string | number | bigint>;
  switch (tagged.kind) {
    case 'timestamp':
      return `t${tagged.ns}`;
    case 'duration':
      return `u${tagged.ns}`;
    case 'timeframe':
      return `f${tagged.startNs}/${tagged.endNs}`;
    case 'record':
      return `{${[...tagged.fields].map(([k, e]) => `${JSON.stringify(k)}:${valueKey(e)}`).join(',')}}`;
  }
}

export function groupKey(values: readonly Value[]): string {
  return values.length === 1 ? valueKey(values[0] as Value) : values.map(valueKey).join('|');
}
