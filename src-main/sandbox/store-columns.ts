/**
 * Typed columns beside the stored text (schema 3): every top-level field's values are also kept in
 * one DuckDB column per value type the field has shown — VARCHAR for strings, BIGINT for longs,
 * DOUBLE for doubles, BOOLEAN for booleans — so filters, groups and aggregates run on typed columns
 * instead of parsing JSON. Columns are added when a new (field, type) pair arrives: `c<ord>`.
 *
 * A field is *pure* while every non-null value it ever had sits in one of its columns; values that
 * do not fit (arrays, records, durations, timestamps other than the time key, non-finite or -0
 * doubles, strings DuckDB would not store verbatim) make it impure for good, and queries touching an
 * impure field fall back to the stored text. A record can be told to lack a pure field exactly when
 * all its columns are NULL. The catalogue only grows, and is committed before the events that need
 * it, so a reader that takes it first never sees data the catalogue does not describe.
 */
import type { DuckDBAppender, DuckDBConnection, DuckDBType, DuckDBValue } from '@duckdb/node-api';
import { BIGINT, BOOLEAN, DOUBLE, DuckDBDataChunk, VARCHAR } from '@duckdb/node-api';
import bindings from '@duckdb/node-bindings';
import { LONG_MAX, LONG_MIN } from '../../src-shared/grail/values';
import type { Row, Value } from '../../src-shared/grail/values';
import type { EventBatch } from './event-batch';

export type ColumnType = 's' | 'l' | 'd' | 'b';
export type ColumnValue = string | bigint | number | boolean;

export const COLUMN_TYPES: readonly ColumnType[] = ['s', 'l', 'd', 'b'];

const SQL_TYPE: Readonly<Record<ColumnType, string>> = {
  s: 'VARCHAR',
  l: 'BIGINT',
  d: 'DOUBLE',
  b: 'BOOLEAN',
};
const DUCK_TYPE: Readonly<Record<ColumnType, DuckDBType>> = { s: VARCHAR, l: BIGINT, d: DOUBLE, b: BOOLEAN };

/** Past this many typed columns new (field, type) pairs make their field impure: appends stay cheap. */
export const MAX_TYPED_COLUMNS = 96;

/** The stored time key has its own column (ts_ns); as a field it is never pure. */
const TIME_KEY = 'timestamp';

export interface TypedColumn {
  readonly ord: number;
  readonly field: string;
  readonly type: ColumnType;
}

/** A field's columns by type; an unknown field never held a non-null value. */
export interface FieldColumns {
  readonly pure: boolean;
  readonly columns: Partial<Record<ColumnType, string>>;
}

export const sqlType = (t: ColumnType): string => SQL_TYPE[t];

export const columnName = (ord: number): string => `c${ord}`;

/** Lone surrogates and NUL: DuckDB would not give them back as written. */
const UNSTORABLE = /\0|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const MAYBE_UNSTORABLE = /[\0\ud800-\udfff]/;

/** The column type a value goes to, null for null, undefined when no column can hold it exactly. */
export function columnTypeOf(v: Value): ColumnType | null | undefined {
  if (v === null) return null;
  switch (typeof v) {
    case 'string':
      // The cheap class first: most strings have neither NUL nor any surrogate.
      return MAYBE_UNSTORABLE.test(v) && UNSTORABLE.test(v) ? undefined : 's';
    case 'bigint':
      return v >= LONG_MIN && v <= LONG_MAX ? 'l' : undefined;
    case 'number':
      return Number.isFinite(v) && !Object.is(v, -0) ? 'd' : undefined;
    case 'boolean':
      return 'b';
    default:
      return undefined;
  }
}

/** What a batch of rows adds to the catalogue. */
export interface CatalogChanges {
  readonly columns: readonly TypedColumn[];
  readonly impure: readonly string[];
}

export class ColumnCatalog {
  private readonly byField = new Map<
    string,
    { pure: boolean; columns: Partial<Record<ColumnType, string>> }
  >();
  private readonly ordered: TypedColumn[] = [];

  constructor(columns: readonly TypedColumn[], impure: readonly string[]) {
    this.apply({ columns, impure });
  }

  /** The DuckDB type of each column, in table order. */
  get types(): DuckDBType[] {
    return this.ordered.map((c) => DUCK_TYPE[c.type]);
  }

  /** Columns in table order (after the fixed ones). */
  get columns(): readonly TypedColumn[] {
    return this.ordered;
  }

  field(name: string): FieldColumns {
    if (name === TIME_KEY) return { pure: false, columns: {} };
    return this.byField.get(name) ?? { pure: true, columns: {} };
  }

  /** The (field, type) pairs and impure fields `rows` would add. */
  changesFor(rows: readonly Row[]): CatalogChanges {
    return this.changesOf((visit) => {
      // forEach, not for…of: no entry array per field.
      const put = (v: Value, name: string): void => {
        const type = columnTypeOf(v);
        if (type !== null) visit(name, type);
      };
      for (const row of rows) row.forEach(put);
    });
  }

  /** What the batches' typed values and untyped fields (event-batch.ts) would add. */
  changesForBatches(batches: readonly EventBatch[]): CatalogChanges {
    return this.changesOf((visit) => {
      for (const b of batches) {
        for (const t of b.typed) visit(t.field, t.type);
        for (const f of b.untyped) visit(f, undefined);
      }
    });
  }

  /** The changes for the (field, column type or undefined for none) pairs `each` visits. */
  private changesOf(
    each: (visit: (name: string, type: ColumnType | undefined) => void) => void,
  ): CatalogChanges {
    const columns: TypedColumn[] = [];
    const impure = new Set<string>();
    const added = new Set<string>();
    let next = (this.ordered.at(-1)?.ord ?? -1) + 1;
    let count = this.ordered.length;
    each((name, type) => {
      if (name === TIME_KEY) return;
      const known = this.byField.get(name);
      if (known && !known.pure) return;
      if (type === undefined) {
        impure.add(name);
        return;
      }
      if (known?.columns[type] !== undefined || added.has(`${type}:${name}`)) return;
      if (count >= MAX_TYPED_COLUMNS) impure.add(name);
      else {
        count++;
        columns.push({ ord: next++, field: name, type });
        added.add(`${type}:${name}`);
      }
    });
    return { columns: columns.filter((c) => !impure.has(c.field)), impure: [...impure] };
  }

  apply(changes: CatalogChanges): void {
    for (const c of changes.columns) {
      const f = this.entry(c.field);
      f.columns[c.type] = columnName(c.ord);
      this.ordered.push(c);
    }
    this.ordered.sort((a, b) => a.ord - b.ord);
    for (const name of changes.impure) this.entry(name).pure = false;
  }

  private entry(name: string) {
    let f = this.byField.get(name);
    if (!f) this.byField.set(name, (f = { pure: true, columns: {} }));
    return f;
  }

  /**
   * The rows' typed column values, column-major in table order; null where a row lacks the field,
   * holds another type or the field is impure. `covered` is false when the rows need catalogue
   * changes (exactly when `changesFor` finds some): apply them and shred again. Ingest shreds
   * first and asks for changes only then, one pass over the fields where the catalogue is settled.
   */
  shred(rows: readonly Row[]): { types: DuckDBType[]; values: (ColumnValue | null)[][]; covered: boolean } {
    // Column index per pure field and type (impure fields are not shredded any more).
    const index = new Map<string, Partial<Record<ColumnType, number>>>();
    this.ordered.forEach((c, i) => {
      if (!this.byField.get(c.field)?.pure) return;
      const byType = index.get(c.field) ?? {};
      byType[c.type] = i;
      index.set(c.field, byType);
    });
    const values = this.ordered.map(() => new Array<ColumnValue | null>(rows.length).fill(null));
    let covered = true;
    let r = 0;
    const put = (v: Value, name: string): void => {
      if (v === null) return;
      const byType = index.get(name);
      if (byType === undefined) {
        // A pure field without columns is one never seen with a value: this one adds to it.
        if (name !== TIME_KEY && this.byField.get(name)?.pure !== false) covered = false;
        return;
      }
      const type = columnTypeOf(v);
      const i = type ? byType[type] : undefined;
      if (i !== undefined) (values[i] as (ColumnValue | null)[])[r] = v as ColumnValue;
      else covered = false; // a new type for the field, or a value that makes it impure
    };
    for (; r < rows.length; r++) (rows[r] as Row).forEach(put);
    return { types: this.types, values, covered };
  }
}

export const CATALOG_TABLES = `
  CREATE TABLE IF NOT EXISTS sandbox_columns (
    ord INTEGER PRIMARY KEY, field VARCHAR NOT NULL, vtype VARCHAR NOT NULL
  );
  CREATE TABLE IF NOT EXISTS sandbox_impure_fields (field VARCHAR PRIMARY KEY);
`;

export async function loadCatalog(conn: DuckDBConnection): Promise<ColumnCatalog> {
  const cols = await conn.runAndReadAll('SELECT ord, field, vtype FROM sandbox_columns ORDER BY ord');
  const impure = await conn.runAndReadAll('SELECT field FROM sandbox_impure_fields');
  return new ColumnCatalog(
    cols.getRows().map(([ord, field, vtype]) => ({
      ord: Number(ord),
      field: String(field),
      type: String(vtype) as ColumnType,
    })),
    impure.getRows().map(([f]) => String(f)),
  );
}

/** Adds the columns and marks; the caller owns the transaction. */
export async function persistChanges(conn: DuckDBConnection, changes: CatalogChanges): Promise<void> {
  for (const c of changes.columns) {
    await conn.run(`ALTER TABLE bizevents ADD COLUMN ${columnName(c.ord)} ${SQL_TYPE[c.type]}`);
    await conn.run('INSERT INTO sandbox_columns VALUES ($1, $2, $3)', [c.ord, c.field, c.type]);
  }
  for (const f of changes.impure)
    await conn.run('INSERT INTO sandbox_impure_fields VALUES ($1) ON CONFLICT DO NOTHING', [f]);
}

export const hasChanges = (c: CatalogChanges): boolean => c.columns.length > 0 || c.impure.length > 0;

/** Rows per appended chunk: DuckDB's vector size. */
export const CHUNK_ROWS = 2048;

/**
 * Appends parts of at most CHUNK_ROWS rows through one native chunk, reset between parts: a native
 * chunk per part makes V8 run full collections for the external memory (most of the append time).
 */
export class ChunkWriter {
  private chunk: DuckDBDataChunk | undefined;

  constructor(private readonly appender: DuckDBAppender) {}

  /** One part's column-major values (all columns the same length, at most CHUNK_ROWS). */
  write(types: readonly DuckDBType[], columns: readonly (readonly (DuckDBValue | null)[])[]): void {
    const chunk = (this.chunk ??= DuckDBDataChunk.create(types));
    chunk.reset();
    if (columns.length !== types.length) throw new Error('A chunk needs one column of values per type.');
    chunk.rowCount = columns[0]?.length ?? 0;
    columns.forEach((values, i) => {
      const constant = types[i] === VARCHAR ? constantString(values) : undefined;
      // One string for the whole vector: node-api sets strings one native call each, and a
      // batch's enrichment fields and shared residue texts are the same string in every row.
      // node-api has no constant-vector writer, hence its bindings here.
      if (constant !== undefined)
        bindings.vector_reference_value(
          bindings.data_chunk_get_vector(chunk.chunk, i),
          bindings.create_varchar(constant),
        );
      else chunk.setColumnValues(i, values);
    });
    this.appender.appendDataChunk(chunk);
  }
}

/**
 * The string every value is, for two values or more; else undefined. Not one with a NUL, which a C
 * string would end at (typed columns never hold one: columnTypeOf; texts are JSON, escaped).
 */
function constantString(values: readonly (DuckDBValue | null)[]): string | undefined {
  const first = values[0];
  if (typeof first !== 'string' || values.length < 2 || first.includes('\0')) return undefined;
  for (let i = 1; i < values.length; i++) if (values[i] !== first) return undefined;
  return first;
}

/** Appends column-major values (all columns the same length) chunk by chunk. */
export function appendColumns(
  appender: DuckDBAppender,
  types: readonly DuckDBType[],
  columns: readonly (readonly (DuckDBValue | null)[])[],
): void {
  const n = columns[0]?.length ?? 0;
  const writer = new ChunkWriter(appender);
  for (let start = 0; start < n; start += CHUNK_ROWS) {
    const end = Math.min(n, start + CHUNK_ROWS);
    writer.write(
      types,
      columns.map((c) => (start === 0 && end === n ? c : c.slice(start, end))),
    );
  }
}
