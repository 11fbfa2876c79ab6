/**
 * Pushed-down filters (engine StoragePredicate) as DuckDB SQL over the stored text: a field's
 * stored value is found in the `[name, value]` pairs (store-codec.ts) with DuckDB's JSON reader,
 * and typed comparisons follow the encoding — longs `{"l":"…"}` compare as HUGEINT, doubles
 * `{"d":…}` as DOUBLE with NaN excluded — so that a predicate is true exactly where the evaluator's
 * condition is true. Every leaf under a NOT is wrapped in COALESCE(…, FALSE): SQL NULL never leaks
 * into NOT; elsewhere in a WHERE, NULL already drops the row as FALSE does (see predicateSql).
 *
 * DuckDB's JSON reader rejects lone UTF-16 surrogates (`\ud800`), which JSON.stringify writes for
 * them; `mayHoldUnreadableJson` finds such rows cheaply so the caller can filter those in JS.
 */
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import type { StoragePredicate } from '../../src-shared/dql/engine';
import { compileExpression } from '../../src-shared/dql/engine/evaluate';
import type { ScanFilter } from '../../src-shared/dql/engine';
import { LONG_MAX, LONG_MIN } from '../../src-shared/grail/values';
import type { Row } from '../../src-shared/grail/values';
import type { ColumnCatalog, FieldColumns } from './store-columns';

/** Printable ASCII: safe as a quoted SQL literal once `'` is doubled (no NUL, no lone surrogate). */
const INLINE_TEXT = /^[\x20-\x7e]*$/;

/**
 * Values of one statement: int64 bigints and printable-ASCII strings are written inline as
 * literals, anything else is a positional parameter ($1, $2, …). Inline constants let DuckDB push
 * comparisons into the table scan (zone maps, compressed strings) where a parameter does not, and
 * a statement without parameters runs in one call instead of extract, prepare, bind and execute.
 */
export class SqlParams {
  readonly values: DuckDBValue[] = [];
  add(v: DuckDBValue): string {
    // Digits and a sign only. Typed BIGINT: the column arithmetic stays in int64.
    if (typeof v === 'bigint' && v >= LONG_MIN && v <= LONG_MAX) return `((${v.toString()})::BIGINT)`;
    if (typeof v === 'string' && INLINE_TEXT.test(v)) return `'${v.replaceAll("'", "''")}'`;
    this.values.push(v);
    return `$${this.values.length}`;
  }
  /** What to pass as the statement's values: none at all when everything was inlined. */
  get bound(): DuckDBValue[] | undefined {
    return this.values.length > 0 ? this.values : undefined;
  }
}

/**
 * A statement's rows: one call into DuckDB, then its materialized chunks read synchronously (a
 * result reader fetches each chunk, and the end, in a call of its own).
 */
export async function queryRows(
  conn: DuckDBConnection,
  sql: string,
  values?: DuckDBValue[],
): Promise<DuckDBValue[][]> {
  return (await queryTable(conn, sql, values)).rows;
}

/** `queryRows`, with the result's column names. */
export async function queryTable(
  conn: DuckDBConnection,
  sql: string,
  values?: DuckDBValue[],
): Promise<{ names: string[]; rows: DuckDBValue[][] }> {
  const result = await conn.run(sql, values);
  const rows: DuckDBValue[][] = [];
  for (let i = 0; i < result.chunkCount; i++) for (const row of result.getChunk(i).getRows()) rows.push(row);
  return { names: result.columnNames(), rows };
}

/** The stored value of a top-level field as JSON (SQL NULL when the record lacks the field). */
export function fieldValueSql(field: string, params: SqlParams): string {
  return `(list_filter(from_json(fields, '["JSON"]'), lambda p: p->>0 = ${params.add(field)})[1]->1)`;
}

/**
 * A finite double as an inline DOUBLE literal (its JS text is digits, `.`, `e`, signs: safe). Not a
 * parameter: the client binds integral numbers as BIGINT, which fails beyond ±2^63.
 */
const double = (d: number): string => `('${String(d)}'::DOUBLE)`;
/** A bigint as an inline HUGEINT literal (digits only: safe to inline). */
const huge = (n: bigint): string => `(${n.toString()}::HUGEINT)`;
/** Beyond ±2^63 every long compares the same way as against ±(2^63 + 1). */
const clamp = (n: bigint): bigint => (n < LONG_MIN ? LONG_MIN - 1n : n > LONG_MAX ? LONG_MAX + 1n : n);

const notNull = (v: string): string => `(${v} IS NOT NULL AND json_type(${v}) <> 'NULL')`;
const leaf = (sql: string): string => `COALESCE((${sql}), FALSE)`;

/** The typed columns of a pure field (store-columns.ts), or undefined to read the stored text. */
function typedField(field: string, catalog: ColumnCatalog | undefined): FieldColumns | undefined {
  const f = catalog?.field(field);
  return f?.pure ? f : undefined;
}

/** Whether the predicate reads any field from the stored text (an impure field). */
export function predicateReadsText(p: StoragePredicate, catalog: ColumnCatalog | undefined): boolean {
  switch (p.kind) {
    case 'and':
    case 'or':
      return p.parts.some((x) => predicateReadsText(x, catalog));
    case 'notTrue':
      return predicateReadsText(p.part, catalog);
    case 'timeCompare':
      return false;
    default:
      return typedField(p.field, catalog) === undefined;
  }
}

/**
 * `where`: the predicate is a WHERE condition itself or sits only under AND/OR in one, where NULL
 * and FALSE both drop the row (AND and OR are monotone), so its leaves need no COALESCE — which
 * would stop DuckDB from pushing `column = constant` into the scan. Under NOT they do need it.
 */
export function predicateSql(
  p: StoragePredicate,
  params: SqlParams,
  catalog?: ColumnCatalog,
  where = false,
): string {
  const top = where ? (sql: string) => `(${sql})` : leaf;
  if (p.kind === 'isNull' || p.kind === 'stringEquals' || p.kind === 'numberCompare') {
    const typed = typedField(p.field, catalog);
    if (typed) return typedPredicateSql(p, typed, params, top);
  }
  switch (p.kind) {
    case 'and':
    case 'or':
      return `(${p.parts.map((x) => predicateSql(x, params, catalog, where)).join(p.kind === 'and' ? ' AND ' : ' OR ')})`;
    case 'notTrue':
      return `(NOT ${predicateSql(p.part, params, catalog)})`;
    case 'isNull': {
      const v = fieldValueSql(p.field, params);
      return p.negated ? top(notNull(v)) : `(NOT ${leaf(notNull(v))})`;
    }
    case 'timeCompare':
      return top(`ts_ns ${p.op === '==' ? '=' : p.op === '!=' ? '<>' : p.op} ${params.add(p.ns)}`);
    case 'stringEquals': {
      const v = fieldValueSql(p.field, params);
      const eq = `json_type(${v}) = 'VARCHAR' AND (${v}->>'$') = ${params.add(p.value)}`;
      if (p.negated) return top(`${notNull(v)} AND NOT ${leaf(eq)}`);
      // The pair's exact stored text must occur: a cheap substring test before the JSON read.
      return top(`contains(fields, ${params.add(JSON.stringify([p.field, p.value]))}) AND ${eq}`);
    }
    case 'numberCompare':
      return numberSql(p, params, top);
  }
}

/** A pure field's typed columns: a record lacks the field exactly when they are all NULL. */
function anyNotNull(f: FieldColumns): string {
  const cols = Object.values(f.columns);
  return cols.length === 0 ? 'FALSE' : `(${cols.map((c) => `${c} IS NOT NULL`).join(' OR ')})`;
}

type FieldPredicate = Extract<StoragePredicate, { field: string }>;

/** How a leaf that may be NULL is wrapped: COALESCE(…, FALSE), or only parenthesised (see predicateSql). */
type Wrap = (sql: string) => string;

function typedPredicateSql(p: FieldPredicate, f: FieldColumns, params: SqlParams, top: Wrap): string {
  const present = anyNotNull(f);
  switch (p.kind) {
    case 'isNull':
      return p.negated ? present : `(NOT ${present})`;
    case 'stringEquals': {
      if (!f.columns.s) return p.negated ? present : 'FALSE';
      const eq = `${f.columns.s} = ${params.add(p.value)}`;
      return p.negated ? `(${present} AND NOT ${leaf(eq)})` : top(eq);
    }
    case 'numberCompare':
      return numberSql(p, params, top, {
        long: f.columns.l,
        double: f.columns.d === undefined ? undefined : { text: undefined, value: f.columns.d },
        present,
      });
  }
}

interface NumberColumns {
  /** SQL of the long value (NULL when not a long), undefined when the field has no longs. */
  readonly long: string | undefined;
  /** SQL of the double value; `text` is its JSON text when NaN must be excluded. */
  readonly double: { readonly text: string | undefined; readonly value: string } | undefined;
  /** SQL true where the field is present and not null. */
  readonly present: string;
}

function numberSql(
  p: Extract<StoragePredicate, { kind: 'numberCompare' }>,
  params: SqlParams,
  top: Wrap,
  typed?: NumberColumns,
): string {
  let cols = typed;
  if (!cols) {
    const v = fieldValueSql(p.field, params);
    cols = {
      long: `TRY_CAST(${v}->>'$.l' AS HUGEINT)`,
      double: { text: `${v}->>'$.d'`, value: `TRY_CAST(${v}->>'$.d' AS DOUBLE)` },
      present: notNull(v),
    };
  }
  const long = cols.long;
  const dbl = cols.double;
  // A typed long column compares with an int64 literal as BIGINT (a HUGEINT one would cast it).
  const int = (n: bigint): string =>
    typed && n >= LONG_MIN && n <= LONG_MAX ? `((${n.toString()})::BIGINT)` : huge(n);
  const d = double(typeof p.value === 'bigint' ? Number(p.value) : p.value); // exact (see predicate)
  const doubleCmp = (op: string, wrap: Wrap): string =>
    !dbl ? 'FALSE' : wrap(`${dbl.text ? `${dbl.text} <> 'NaN' AND ` : ''}${dbl.value} ${op} ${d}`);
  const longCmp = (op: string, wrap: Wrap): string => {
    if (long === undefined) return 'FALSE';
    if (typeof p.value === 'bigint') return wrap(`${long} ${op} ${int(p.value)}`);
    // long x against double D, exactly: x > D ⇔ x > floor(D), x >= D ⇔ x >= ceil(D), …
    const lo = clamp(BigInt(Math.floor(p.value)));
    const hi = clamp(BigInt(Math.ceil(p.value)));
    switch (op) {
      case '>':
        return wrap(`${long} > ${int(lo)}`);
      case '>=':
        return wrap(`${long} >= ${int(hi)}`);
      case '<':
        return wrap(`${long} < ${int(hi)}`);
      case '<=':
        return wrap(`${long} <= ${int(lo)}`);
      default:
        return Number.isInteger(p.value) ? wrap(`${long} = ${int(lo)}`) : 'FALSE';
    }
  };
  const either = (op: string, wrap: Wrap): string => {
    const l = longCmp(op, wrap);
    const r = doubleCmp(op, wrap);
    return l === 'FALSE' ? r : r === 'FALSE' ? l : `(${l} OR ${r})`;
  };
  // Under NOT (`!=`) each comparison keeps its COALESCE; otherwise they sit under OR only.
  if (p.op === '!=') return top(`${cols.present} AND NOT ${either('=', leaf)}`);
  return either(p.op === '==' ? '=' : p.op, top);
}

/** Rows whose stored text may hold an escaped lone surrogate (`\ud…`), which DuckDB cannot read. */
export const UNREADABLE_JSON_SQL = `contains(fields, '\\ud')`;

/** The folded conditions as a JS test, for rows storage cannot filter itself. */
export function compileJsFilter(filter: ScanFilter): (row: Row) => boolean {
  const tests = filter.conditions.map(({ condition, keep }) => {
    const ev = compileExpression(condition, () => undefined);
    return (row: Row) => (ev?.(row, { nowNs: filter.nowNs }) === true) === keep;
  });
  return (row) => tests.every((t) => t(row));
}
