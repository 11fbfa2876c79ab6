/**
 * A stored event is its typed columns (store-columns.ts), `ts_ns`, and a text (store-codec.ts) of
 * only the pairs no column holds — null values, impure fields' values (schema 5). Writing the
 * whole row as text cost more than all the rest of an append (issue 3's benchmark), and the
 * typed columns already hold most of it.
 *
 * Reading puts the row back together: the text's pairs, plus every non-NULL typed column whose
 * field the text lacks, plus the time key from `ts_ns`. The text wins where both hold a field:
 * rows stored whole (by older sandboxes, or whose names were not in stored order) and fields whose
 * values were copied into the text when they turned impure (store-columns.ts) read as written.
 * A row that gained fields from its columns is put in stored order (compareStoredFieldNames):
 * its text held a row in that order (the only kind stored as a residue), so this is its order.
 */
import { BIGINT, INTEGER, VARCHAR } from '@duckdb/node-api';
import type { DuckDBConnection, DuckDBType, DuckDBValue } from '@duckdb/node-api';
import { compareStoredFieldNames } from '../../src-shared/grail/ingest-rules';
import { timestampValue } from '../../src-shared/grail/values';
import type { Row, Value } from '../../src-shared/grail/values';
import type { EventBatch } from './event-batch';
import { decodeRowText, encodeRow } from './store-codec';
import { COLUMN_TYPES, appendColumns, columnName } from './store-columns';
import type { ColumnCatalog, ColumnType, ColumnValue, TypedColumn } from './store-columns';
import { TIME_KEY } from './event-batch';
import { fromColumn } from './store-typed-values';

/** Rows `from` (inclusive) to `to` of a batch. */
export interface BatchPart {
  readonly batch: EventBatch;
  readonly from: number;
  readonly to: number;
}

/**
 * One chunk of the event table (store-schema.ts: seq, ts_ns, ingest_ns, fields, fields_length,
 * then the typed columns in catalogue order) from parts of batches, or undefined when the
 * catalogue lacks a column the values need or does not yet know a field is impure. Typed values
 * of a field the catalogue already holds impure go into the text instead, in stored order.
 */
export function chunkColumns(
  catalog: ColumnCatalog,
  parts: readonly BatchPart[],
  firstSeq: bigint,
): { types: DuckDBType[]; values: (DuckDBValue | null)[][] } | undefined {
  const n = parts.reduce((k, p) => k + p.to - p.from, 0);
  const columnAt = new Map(catalog.columns.map((c, i) => [columnName(c.ord), i]));
  const typed = catalog.columns.map(() => new Array<DuckDBValue | null>(n).fill(null));
  const seqs = new Array<bigint>(n);
  const timestamps = new Array<bigint>(n);
  const ingest = new Array<bigint>(n);
  const texts = new Array<string>(n);
  const lengths = new Array<number>(n);
  /** Values that go into the text after all, by chunk row. */
  const intoText = new Map<number, [string, Value][]>();
  let at = 0;
  for (const { batch, from, to } of parts) {
    for (const f of batch.untyped) if (catalog.field(f).pure) return undefined;
    const whole = batch.wholeRows.length > 0 ? new Set(batch.wholeRows) : undefined;
    for (const { field, type, values } of batch.typed) {
      const f = catalog.field(field);
      if (!f.pure) {
        for (let r = from; r < to; r++) {
          const v = values[r];
          if (v === null || v === undefined || whole?.has(r)) continue;
          const k = at + r - from;
          const pairs = intoText.get(k);
          if (pairs) pairs.push([field, v]);
          else intoText.set(k, [[field, v]]);
        }
        continue;
      }
      const name = f.columns[type];
      const column = name === undefined ? undefined : typed[columnAt.get(name) as number];
      if (column === undefined) return undefined;
      for (let r = from; r < to; r++) column[at + r - from] = values[r] as ColumnValue | null;
    }
    for (let r = from; r < to; r++, at++) {
      seqs[at] = firstSeq + BigInt(at);
      timestamps[at] = batch.timestampNs[r] as bigint;
      ingest[at] = batch.ingestNs;
      texts[at] = batch.texts[r] as string;
      lengths[at] = batch.lengths[r] as number;
    }
  }
  intoText.forEach((pairs, k) => {
    const row = decodeRowText(texts[k] as string);
    for (const [field, v] of pairs) row.set(field, v);
    texts[k] = encodeRow(inStoredOrder(row));
  });
  return {
    types: [BIGINT, BIGINT, BIGINT, VARCHAR, INTEGER, ...catalog.types],
    values: [seqs, timestamps, ingest, texts, lengths, ...typed],
  };
}

/** The columns of `SELECT * FROM bizevents` (store-schema.ts) a reader needs. */
export interface StoredLayout {
  readonly tsNs: number;
  readonly seq: number;
  readonly text: number;
  readonly length: number;
  /** Typed columns by result index. */
  readonly typed: readonly { readonly at: number; readonly column: TypedColumn }[];
}

/**
 * Where a `SELECT *` result holds what a row is read from. Columns are matched by name, and the
 * catalogue is committed (and applied) before any row uses a column, so it knows every one.
 */
export function storedLayout(names: readonly string[], catalog: ColumnCatalog): StoredLayout {
  const byName = new Map(catalog.columns.map((c) => [columnName(c.ord), c]));
  const at = (name: string): number => {
    const i = names.indexOf(name);
    if (i < 0) throw new Error(`The event table lacks its ${name} column.`);
    return i;
  };
  const typed: { at: number; column: TypedColumn }[] = [];
  names.forEach((name, i) => {
    if (!/^c[0-9]+$/.test(name)) return;
    const column = byName.get(name);
    if (!column) throw new Error(`The column catalogue does not describe ${name}.`);
    typed.push({ at: i, column });
  });
  return { tsNs: at('ts_ns'), seq: at('seq'), text: at('fields'), length: at('fields_length'), typed };
}

/** One result row of `SELECT * FROM bizevents`, whole again. */
export function readStoredRow(layout: StoredLayout, values: readonly DuckDBValue[]): Row {
  const row = decodeRowText(String(values[layout.text]));
  let added = false;
  if (!row.has(TIME_KEY)) {
    row.set(TIME_KEY, timestampValue(BigInt(String(values[layout.tsNs]))));
    added = true;
  }
  for (const { at, column } of layout.typed) {
    const v = values[at];
    if (v === null || v === undefined || row.has(column.field)) continue;
    row.set(column.field, fromColumn(column.type, v));
    added = true;
  }
  return added ? inStoredOrder(row) : row;
}

const inStoredOrder = (row: Row): Row =>
  new Map([...row].sort((a, b) => compareStoredFieldNames(a[0], b[0])));

/**
 * Fields turning impure are read from the text from then on (store-filter-sql.ts), so their values
 * so far, held only in their typed columns, are copied into the texts that lack them. Run before
 * the catalogue marks them; the caller owns the transaction. The columns keep their values: a
 * reader may still be using them, and the text wins anyway. It reads every row holding the field
 * at once: a field turns impure once in a data dir's life, and the table must not change meanwhile.
 */
export async function copyIntoText(
  conn: DuckDBConnection,
  catalog: ColumnCatalog,
  impure: readonly string[],
): Promise<void> {
  for (const field of impure) {
    const f = catalog.field(field);
    const columns = COLUMN_TYPES.flatMap((t) => (f.columns[t] ? [[t, f.columns[t]] as const] : []));
    if (!f.pure || columns.length === 0) continue;
    const stored = await conn.runAndReadAll(
      `SELECT seq, fields, ${columns.map(([, c]) => c).join(', ')} FROM bizevents
       WHERE ${columns.map(([, c]) => `${c} IS NOT NULL`).join(' OR ')}`,
    );
    const seqs: bigint[] = [];
    const texts: string[] = [];
    for (const values of stored.getRows()) {
      const row = decodeRowText(String(values[1]));
      if (row.has(field)) continue;
      const k = columns.findIndex((_, i) => values[2 + i] !== null);
      const [type] = columns[k] as readonly [ColumnType, string];
      row.set(field, fromColumn(type, values[2 + k] as DuckDBValue));
      seqs.push(BigInt(String(values[0])));
      texts.push(encodeRow(inStoredOrder(row)));
    }
    if (seqs.length === 0) continue;
    await conn.run('CREATE TABLE bizevents_texts (seq BIGINT, fields VARCHAR)');
    const appender = await conn.createAppender('bizevents_texts');
    appendColumns(appender, [BIGINT, VARCHAR], [seqs, texts]);
    appender.closeSync();
    await conn.run(
      `UPDATE bizevents SET fields = t.fields FROM bizevents_texts AS t WHERE bizevents.seq = t.seq;
       DROP TABLE bizevents_texts`,
    );
  }
}
