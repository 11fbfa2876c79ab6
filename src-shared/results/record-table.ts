/**
 * A query result's records held by column, for the renderer's hold of a big result. A million
 * records as objects are a million objects plus several million strings, arrays and numbers that
 * every major garbage collection traces (the results benchmark's scroll frames over 16 ms were
 * that collection). Here a column is a typed array of tags and one of numbers, with repeated
 * values (strings, arrays, records) stored once in a dictionary: what is left on the heap per
 * record is the few values that are unique (timestamps, ids).
 *
 * Values read back exactly as sent: a numeral string is kept as a number only when `String` gives
 * back the same text, and a coded array or record is one shared instance per distinct JSON text
 * (read-only, as every reader here treats records). Records materialize on demand with their
 * fields in first-seen column order.
 */
import type { QueryResult, ResultRecord } from '../grail/wire';

const ABSENT = 0;
const NULL = 1;
const TRUE = 2;
const FALSE = 3;
/** A number; `nums` holds it. */
const NUMBER = 4;
/** A string whose text is `String(nums[row])` (longs, durations sent as digit strings). */
const NUMERAL = 5;
/** `dict[nums[row]]`: a repeated string, array or record. */
const CODED = 6;
/** `plain[nums[row]]`: a value kept as it came (unique strings, once a column stops coding). */
const PLAIN = 7;

/**
 * A column codes distinct values until it has this many and they are over a quarter of its
 * values: then it is a column of mostly unique values, and coding them would only add a map.
 */
const DICT_LIMIT = 65_536;
/** Digit strings longer than this are no double's shortest text (and may be beyond 2^53). */
const NUMERAL_MAX_LENGTH = 21;

function isNumeralStart(code: number): boolean {
  return (code >= 48 && code <= 57) || code === 45;
}

/**
 * Whether `s` is an integer numeral that reads back as itself: up to 15 digits (exact in a
 * double), no leading zero, an optional minus but not "-0". Checked by character, so the common
 * long columns cost no string built for the round trip.
 */
function isPlainInteger(s: string): boolean {
  const start = s.charCodeAt(0) === 45 ? 1 : 0;
  const digits = s.length - start;
  if (digits < 1 || digits > 15) return false;
  const first = s.charCodeAt(start);
  if (first === 48) return digits === 1 && start === 0;
  for (let i = start; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

class Column {
  tags: Uint8Array;
  nums: Float64Array;
  readonly dict: unknown[] = [];
  readonly plain: unknown[] = [];
  private strings: Map<string, number> | undefined = new Map();
  private json: Map<string, number> | undefined = new Map();
  /** Strings (or arrays and records) offered for coding so far. */
  private stringsSeen = 0;
  private jsonSeen = 0;

  constructor(capacity: number) {
    this.tags = new Uint8Array(capacity);
    this.nums = new Float64Array(capacity);
  }

  grow(capacity: number): void {
    const tags = new Uint8Array(capacity);
    tags.set(this.tags);
    const nums = new Float64Array(capacity);
    nums.set(this.nums);
    this.tags = tags;
    this.nums = nums;
  }

  set(row: number, value: unknown): void {
    if (value === undefined) return;
    if (value === null) this.tags[row] = NULL;
    else if (value === true) this.tags[row] = TRUE;
    else if (value === false) this.tags[row] = FALSE;
    else if (typeof value === 'number') {
      this.tags[row] = NUMBER;
      this.nums[row] = value;
    } else if (typeof value === 'string') {
      if (value.length <= NUMERAL_MAX_LENGTH && isNumeralStart(value.charCodeAt(0))) {
        const x = Number(value);
        if (isPlainInteger(value) || String(x) === value) {
          this.tags[row] = NUMERAL;
          this.nums[row] = x;
          return;
        }
      }
      this.stringsSeen++;
      const map = this.strings;
      const code = map?.get(value);
      if (code !== undefined) this.coded(row, code);
      else if (map && this.keepsCoding(map, this.stringsSeen)) this.coded(row, this.add(map, value, value));
      else {
        this.strings = undefined;
        this.keepPlain(row, value);
      }
    } else if (typeof value === 'object') {
      this.jsonSeen++;
      const map = this.json;
      if (!map) return this.keepPlain(row, value);
      const key = JSON.stringify(value);
      const code = map.get(key);
      if (code !== undefined) this.coded(row, code);
      else if (this.keepsCoding(map, this.jsonSeen)) this.coded(row, this.add(map, key, value));
      else {
        this.json = undefined;
        this.keepPlain(row, value);
      }
    } else this.keepPlain(row, value);
  }

  get(row: number): unknown {
    switch (this.tags[row]) {
      case NULL:
        return null;
      case TRUE:
        return true;
      case FALSE:
        return false;
      case NUMBER:
        return this.nums[row];
      case NUMERAL:
        return String(this.nums[row]);
      case CODED:
        return this.dict[this.nums[row]!];
      case PLAIN:
        return this.plain[this.nums[row]!];
      default:
        return undefined;
    }
  }

  /** The value as a number (NaN when it is none), without building a numeral's text. */
  number(row: number): number {
    const tag = this.tags[row];
    return tag === NUMBER || tag === NUMERAL ? this.nums[row]! : Number(this.get(row));
  }

  /** Whether the value is absent or null. */
  missing(row: number): boolean {
    const tag = this.tags[row];
    return tag === ABSENT || tag === NULL;
  }

  private keepsCoding(map: Map<string, number>, seen: number): boolean {
    return map.size < DICT_LIMIT || map.size * 4 <= seen;
  }

  private add(map: Map<string, number>, key: string, value: unknown): number {
    const code = this.dict.length;
    this.dict.push(value);
    map.set(key, code);
    return code;
  }

  private coded(row: number, code: number): void {
    this.tags[row] = CODED;
    this.nums[row] = code;
  }

  private keepPlain(row: number, value: unknown): void {
    this.tags[row] = PLAIN;
    this.nums[row] = this.plain.length;
    this.plain.push(value);
  }
}

/** The storage every version of a table shares; versions see its first `length` rows. */
class Store {
  readonly columns = new Map<string, Column>();
  readonly fields: string[] = [];
  /** 1 where the record itself is null (or missing). */
  nullRecords: Uint8Array;
  length = 0;
  capacity: number;

  constructor(capacity: number) {
    this.capacity = Math.max(16, capacity);
    this.nullRecords = new Uint8Array(this.capacity);
  }

  append(records: readonly (ResultRecord | null | undefined)[]): void {
    const needed = this.length + records.length;
    if (needed > this.capacity) {
      let capacity = this.capacity;
      while (capacity < needed) capacity *= 2;
      for (const column of this.columns.values()) column.grow(capacity);
      const nulls = new Uint8Array(capacity);
      nulls.set(this.nullRecords);
      this.nullRecords = nulls;
      this.capacity = capacity;
    }
    let row = this.length;
    // Records of a result mostly share their keys in one order: the k-th key is looked up by name
    // only when it differs from the previous record's k-th key.
    const keys: string[] = [];
    const columns: Column[] = [];
    for (const record of records) {
      if (!record) this.nullRecords[row] = 1;
      else {
        let k = 0;
        for (const field in record) {
          let column: Column | undefined;
          if (keys[k] === field) column = columns[k]!;
          else {
            column = this.columns.get(field);
            if (!column) {
              column = new Column(this.capacity);
              this.columns.set(field, column);
              this.fields.push(field);
            }
            keys[k] = field;
            columns[k] = column;
          }
          column.set(row, record[field]);
          k++;
        }
      }
      row++;
    }
    this.length = row;
  }
}

/** Reads one column's values by record position (undefined for a column no record has). */
export interface ColumnReader {
  value(row: number): unknown;
  /** Absent or null. */
  missing(row: number): boolean;
  /** The value as a number, NaN when it is none (a numeral string reads as its number). */
  number(row: number): number;
}

const NO_COLUMN: ColumnReader = {
  value: () => undefined,
  missing: () => true,
  number: () => NaN,
};

/**
 * The records of a result by position. Immutable to its readers: `append` gives a new table with
 * the later records (sharing the storage; the rows this one sees never change), so a table's
 * identity tells React its records changed.
 */
export class RecordTable {
  private next: { records: readonly unknown[]; table: RecordTable } | undefined;

  private constructor(
    private readonly store: Store,
    readonly length: number,
  ) {}

  /** `capacity`: how many records the table will hold when known (later pages then copy nothing). */
  static from(records: readonly (ResultRecord | null | undefined)[], capacity = 0): RecordTable {
    const store = new Store(Math.max(capacity, records.length));
    store.append(records);
    return new RecordTable(store, store.length);
  }

  /** This table with `records` after its own. Appending the same batch again gives the same table. */
  append(records: readonly (ResultRecord | null | undefined)[]): RecordTable {
    if (this.next?.records === records) return this.next.table;
    let store = this.store;
    if (store.length !== this.length) {
      // A later version already appended to the shared storage: this one branches off a copy.
      store = new Store(this.length + records.length);
      store.append(this.toArray());
    }
    store.append(records);
    const table = new RecordTable(store, store.length);
    this.next = { records, table };
    return table;
  }

  /** Field names in the order they were first seen. */
  get fields(): readonly string[] {
    return this.store.fields;
  }

  /** A fresh object with the record's fields (null for a null record or a position past the end). */
  record(row: number): ResultRecord | null {
    if (row < 0 || row >= this.length || this.store.nullRecords[row]) return null;
    const out: ResultRecord = {};
    for (const field of this.store.fields) {
      const column = this.store.columns.get(field)!;
      if (column.tags[row] === ABSENT) continue;
      const value = column.get(row);
      // An own "__proto__" field (JSON.parse makes one) must not become the prototype.
      if (field === '__proto__')
        Object.defineProperty(out, field, { value, enumerable: true, writable: true, configurable: true });
      else out[field] = value;
    }
    return out;
  }

  /** One field of one record (undefined when absent or past the end). */
  value(row: number, field: string): unknown {
    if (row < 0 || row >= this.length) return undefined;
    return this.store.columns.get(field)?.get(row);
  }

  /** A reader of one column, for loops over many records (no lookup by name per value). */
  column(field: string): ColumnReader {
    const column = this.store.columns.get(field);
    if (!column) return NO_COLUMN;
    const length = this.length;
    return {
      value: (row) => (row < length ? column.get(row) : undefined),
      missing: (row) => row >= length || column.missing(row),
      number: (row) => (row < length ? column.number(row) : NaN),
    };
  }

  /** Whether the record at `row` exists and is not null. */
  has(row: number): boolean {
    return row >= 0 && row < this.length && this.store.nullRecords[row] === 0;
  }

  /** Every record as an object (for the few consumers that need them all at once, e.g. compare). */
  toArray(): (ResultRecord | null)[] {
    return Array.from({ length: this.length }, (_, i) => this.record(i));
  }
}

/** Records of a later page converted per task (a slice blocks the renderer some tens of ms). */
export const APPEND_SLICE = 10_000;

/**
 * `table` with `records` after its own, appended `slice` records at a time with `pause()` awaited
 * between slices: converting a 50,000-record page at once would block the renderer for longer
 * than parsing it did.
 */
export async function appendInSlices(
  table: RecordTable,
  records: readonly (ResultRecord | null | undefined)[],
  slice: number,
  pause: () => Promise<void>,
): Promise<RecordTable> {
  let out = table;
  for (let start = 0; start < records.length; start += slice) {
    if (start > 0) await pause();
    out = out.append(records.slice(start, start + slice));
  }
  return out;
}

/** A query result with its records held by column (what the renderer keeps of a result). */
export type TableResult = Omit<QueryResult, 'records'> & { records: RecordTable };

/** `total`: the records the whole result will hold, when later pages are still to come. */
export function tableResult(result: QueryResult, total = 0): TableResult {
  return { ...result, records: RecordTable.from(result.records, total) };
}
