/**
 * Pure helpers behind the results grid: which columns a result has, what wire type a cell has
 * (types come in buckets with inclusive index ranges), and how a cell value reads as text.
 * No DOM here so the rules are unit-testable in node.
 */
import type {
  FieldType,
  QueryResult,
  RangedFieldTypes,
  WireFieldTypeName,
} from '../../../src-shared/grail/wire';
import type { RecordTable } from '../../../src-shared/results/record-table';
import {
  formatNumber,
  formatTimestamp,
  humanizeDuration,
  type ValueFormatOptions,
} from '../../../src-shared/results/value-format';

/** Column names: the union of `types[].mappings` keys in first-seen order, then any record keys not typed. */
export function deriveColumns(result: Pick<QueryResult, 'types'> & { records: RecordTable }): string[] {
  const seen = new Set<string>();
  for (const bucket of result.types) {
    for (const name of Object.keys(bucket.mappings)) seen.add(name);
  }
  for (const name of result.records.fields) seen.add(name);
  return [...seen];
}

interface RangedBucket {
  start: number;
  end: number;
  mappings: RangedFieldTypes['mappings'];
}

/**
 * Answers "what is the wire type of field F in record i?" in O(log buckets). Buckets without an
 * index range apply to every record and are consulted last.
 */
export class FieldTypeLookup {
  private readonly ranged: RangedBucket[];
  private readonly unranged: RangedFieldTypes['mappings'][];
  private readonly columnTypes = new Map<string, WireFieldTypeName | 'mixed'>();

  constructor(types: readonly RangedFieldTypes[]) {
    this.ranged = [];
    this.unranged = [];
    for (const bucket of types) {
      if (bucket.indexRange) {
        this.ranged.push({
          start: bucket.indexRange[0],
          end: bucket.indexRange[1],
          mappings: bucket.mappings,
        });
      } else {
        this.unranged.push(bucket.mappings);
      }
      for (const [name, fieldType] of Object.entries(bucket.mappings)) {
        const known = this.columnTypes.get(name);
        if (known === undefined) this.columnTypes.set(name, fieldType.type);
        else if (known !== fieldType.type) this.columnTypes.set(name, 'mixed');
      }
    }
    this.ranged.sort((a, b) => a.start - b.start);
  }

  typeOf(rowIndex: number, field: string): WireFieldTypeName | undefined {
    return this.fieldTypeOf(rowIndex, field)?.type;
  }

  /** The whole type, with the nested types of an array's elements or a record's members. */
  fieldTypeOf(rowIndex: number, field: string): FieldType | undefined {
    // Last bucket whose start <= rowIndex; walk back in case ranges overlap.
    let lo = 0;
    let hi = this.ranged.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.ranged[mid]!.start <= rowIndex) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    for (let i = found; i >= 0; i--) {
      const bucket = this.ranged[i]!;
      if (bucket.end >= rowIndex) {
        const t = bucket.mappings[field];
        if (t) return t;
      }
    }
    for (const mappings of this.unranged) {
      const t = mappings[field];
      if (t) return t;
    }
    return undefined;
  }

  /** The column's type when every bucket agrees, 'mixed' when they differ, undefined when untyped. */
  columnType(field: string): WireFieldTypeName | 'mixed' | undefined {
    return this.columnTypes.get(field);
  }
}

export type CellKind = 'absent' | 'null' | 'number' | 'boolean' | 'timestamp' | 'json' | 'text';

export interface CellText {
  text: string;
  kind: CellKind;
}

const NUMERIC_TYPES: ReadonlySet<string> = new Set(['long', 'double', 'duration']);

export function isNumericType(type: WireFieldTypeName | 'mixed' | undefined): boolean {
  return type !== undefined && NUMERIC_TYPES.has(type);
}

/**
 * How a cell reads. Without `display` (the composer's preview) values stay exactly as sent: longs
 * as their digit strings, timestamps as RFC 3339. With `display` (the results table) numbers are
 * grouped, durations humanized and timestamps shown in the chosen zone. Strings are always shown
 * as-is, so a string holding JSON (a flattened `customer`) shows its raw JSON text.
 */
export function formatCell(
  value: unknown,
  type: WireFieldTypeName | undefined,
  display?: ValueFormatOptions,
): CellText {
  if (value === undefined) return { text: '', kind: 'absent' };
  if (value === null) return { text: 'null', kind: 'null' };
  switch (type) {
    case 'long':
    case 'double':
      if (display) return { text: formatNumber(value), kind: 'number' };
      return { text: typeof value === 'object' ? JSON.stringify(value) : String(value), kind: 'number' };
    case 'duration':
      if (display) return { text: humanizeDuration(value), kind: 'number' };
      return { text: typeof value === 'object' ? JSON.stringify(value) : String(value), kind: 'number' };
    case 'boolean':
      return { text: String(value), kind: 'boolean' };
    case 'timestamp':
      if (display) return { text: formatTimestamp(value, display), kind: 'timestamp' };
      return { text: typeof value === 'string' ? value : JSON.stringify(value), kind: 'timestamp' };
    case 'timeframe':
      if (isTimeframe(value)) {
        const at = (t: string | undefined) =>
          t === undefined ? '…' : display ? formatTimestamp(t, display) : t;
        return { text: `${at(value.start)} → ${at(value.end)}`, kind: 'timestamp' };
      }
      return { text: JSON.stringify(value), kind: 'json' };
    default:
      break;
  }
  if (typeof value === 'string') return { text: value, kind: 'text' };
  if (typeof value === 'number' || typeof value === 'bigint')
    return { text: display ? formatNumber(value) : String(value), kind: 'number' };
  if (typeof value === 'boolean') return { text: String(value), kind: 'boolean' };
  return { text: JSON.stringify(value), kind: 'json' };
}

function isTimeframe(value: unknown): value is { start?: string; end?: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    ('start' in value || 'end' in value)
  );
}

/**
 * Sort order for one column: absent and null last; numbers (and numeric strings in numeric
 * columns) by value; everything else by its text.
 */
export function compareCells(a: unknown, b: unknown, numeric: boolean): number {
  const aMissing = a === undefined || a === null;
  const bMissing = b === undefined || b === null;
  if (aMissing || bMissing) return aMissing === bMissing ? 0 : aMissing ? 1 : -1;
  if (numeric || (typeof a === 'number' && typeof b === 'number')) {
    const x = Number(a);
    const y = Number(b);
    if (!Number.isNaN(x) && !Number.isNaN(y) && x !== y) return x < y ? -1 : 1;
    if (!Number.isNaN(x) && !Number.isNaN(y)) return 0;
  }
  const s = typeof a === 'string' ? a : JSON.stringify(a);
  const t = typeof b === 'string' ? b : JSON.stringify(b);
  return s < t ? -1 : s > t ? 1 : 0;
}

const MONO_CHAR_PX = 7.3;
const HEADER_CHAR_PX = 7.6;
const CELL_PADDING_PX = 18;

/**
 * A starting width in px for a column: fits the header and the longest sampled value (monospace
 * 12px), between 72 and 420 px. Users can resize from there.
 */
export function initialColumnWidth(
  name: string,
  type: WireFieldTypeName | 'mixed' | undefined,
  longestSample = 0,
): number {
  const byName = CELL_PADDING_PX + 14 + name.length * HEADER_CHAR_PX;
  const bySample = CELL_PADDING_PX + longestSample * MONO_CHAR_PX;
  const floor = type === 'timestamp' ? 160 : 72;
  return Math.round(Math.min(420, Math.max(floor, byName, bySample)));
}

/** Longest rendered text per column over the first `limit` records (for starting widths). */
export function sampleTextLengths(
  records: RecordTable,
  columns: readonly string[],
  lookup: FieldTypeLookup,
  limit = 200,
  display?: ValueFormatOptions,
): Map<string, number> {
  const longest = new Map<string, number>(columns.map((c) => [c, 0]));
  const n = Math.min(records.length, limit);
  for (let i = 0; i < n; i++) {
    if (!records.has(i)) continue;
    for (const column of columns) {
      const length = formatCell(records.value(i, column), lookup.typeOf(i, column), display).text.length;
      if (length > longest.get(column)!) longest.set(column, length);
    }
  }
  return longest;
}

export interface SortKey {
  field: string;
  desc: boolean;
  numeric: boolean;
  /** RFC 3339 text compared as instants (offsets differ; fractions go to nanoseconds). */
  timestamp?: boolean;
}

const FRACTION = /\.(\d{1,9})/;

/** Two RFC 3339 timestamps by instant, nanosecond fractions included; unparsable ones by text. */
export function compareTimestamps(a: string, b: string): number {
  const x = Date.parse(a);
  const y = Date.parse(b);
  if (Number.isNaN(x) || Number.isNaN(y)) return a < b ? -1 : a > b ? 1 : 0;
  if (x !== y) return x < y ? -1 : 1;
  const f = (FRACTION.exec(a)?.[1] ?? '').padEnd(9, '0');
  const g = (FRACTION.exec(b)?.[1] ?? '').padEnd(9, '0');
  return f < g ? -1 : f > g ? 1 : 0;
}

/** Per-key sort data computed once (O(n)) so the O(n log n) comparisons read typed arrays. */
type KeyData =
  | { kind: 'number'; missing: Uint8Array; value: Float64Array }
  | { kind: 'timestamp'; missing: Uint8Array; ms: Float64Array; subMs: Int32Array }
  | { kind: 'raw'; missing: Uint8Array };

function keyData(records: RecordTable, key: SortKey): KeyData {
  const n = records.length;
  const column = records.column(key.field);
  const missing = new Uint8Array(n);
  const raw = (): KeyData => ({ kind: 'raw', missing });
  for (let i = 0; i < n; i++) {
    if (column.missing(i)) missing[i] = 1;
  }
  if (key.timestamp) {
    const ms = new Float64Array(n);
    const subMs = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      if (missing[i]) continue;
      const v = column.value(i);
      if (typeof v !== 'string') return raw();
      const t = Date.parse(v);
      if (Number.isNaN(t)) return raw();
      ms[i] = t;
      subMs[i] = Number((FRACTION.exec(v)?.[1] ?? '').padEnd(9, '0').slice(3));
    }
    return { kind: 'timestamp', missing, ms, subMs };
  }
  if (key.numeric) {
    const value = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      if (missing[i]) continue;
      const x = column.number(i);
      if (Number.isNaN(x)) return raw();
      value[i] = x;
    }
    return { kind: 'number', missing, value };
  }
  return raw();
}

/**
 * Record positions in display order for the given sort keys (stable; absent and null values last
 * in either direction), or null for the natural order. Works on an index array, so 100k records
 * cost one Int32Array rather than an object per row; numeric and timestamp keys are decoded once
 * into typed arrays before sorting.
 */
export function sortedOrder(records: RecordTable, keys: readonly SortKey[]): Int32Array | null {
  if (keys.length === 0) return null;
  const order = new Int32Array(records.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  const data = keys.map((key) => keyData(records, key));
  const readers = keys.map((key) => records.column(key.field));
  return order.sort((a, b) => {
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k]!;
      const d = data[k]!;
      const xMissing = d.missing[a] === 1;
      const yMissing = d.missing[b] === 1;
      if (xMissing || yMissing) {
        if (xMissing !== yMissing) return xMissing ? 1 : -1;
        continue;
      }
      let c: number;
      if (d.kind === 'number') {
        const x = d.value[a]!;
        const y = d.value[b]!;
        c = x < y ? -1 : x > y ? 1 : 0;
      } else if (d.kind === 'timestamp') {
        const x = d.ms[a]!;
        const y = d.ms[b]!;
        c = x < y ? -1 : x > y ? 1 : d.subMs[a]! - d.subMs[b]!;
      } else c = compareCells(readers[k]!.value(a), readers[k]!.value(b), key.numeric);
      if (c !== 0) return key.desc ? -c : c;
    }
    return a - b;
  });
}
