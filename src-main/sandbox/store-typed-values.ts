/**
 * Reading a pure field back from its typed columns (store-columns.ts): its columns as SQL select
 * items, and the value of one result row — the one non-NULL column, or null when all are NULL.
 */
import type { DuckDBValue } from '@duckdb/node-api';
import type { Value } from '../../src-shared/grail/values';
import { COLUMN_TYPES } from './store-columns';
import type { ColumnType, FieldColumns } from './store-columns';

export interface TypedKey {
  /** Comma-separated select items (at least one). */
  readonly sql: string;
  /** How many result columns `sql` yields. */
  readonly width: number;
  /** The field's value from the result row's columns starting at `at`. */
  decode(row: readonly DuckDBValue[], at: number): Value;
}

export function typedKeySql(f: FieldColumns): TypedKey {
  const present = COLUMN_TYPES.filter((t) => f.columns[t] !== undefined);
  if (present.length === 0) return { sql: 'NULL', width: 1, decode: () => null };
  return {
    sql: present.map((t) => f.columns[t] as string).join(', '),
    width: present.length,
    decode(row, at) {
      for (let i = 0; i < present.length; i++) {
        const v = row[at + i];
        if (v !== null && v !== undefined) return fromColumn(present[i] as ColumnType, v);
      }
      return null;
    },
  };
}

export function fromColumn(type: ColumnType, v: DuckDBValue): Value {
  switch (type) {
    case 's':
      return String(v);
    case 'l':
      return BigInt(String(v));
    case 'd':
      return Number(v);
    case 'b':
      return v === true;
  }
}
