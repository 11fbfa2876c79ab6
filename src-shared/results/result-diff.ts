/**
 * Compare two results by a key (one or more columns): rows only in the second are added, only in
 * the first removed, in both with any differing field changed (with the fields that differ).
 * Values compare as sent (JSON text), so "5" (a long) and 5 (a double) differ, as they do in Grail.
 * Repeated keys are counted and reported rather than silently matched to one another.
 */
import type { ResultRecord } from '../grail/wire';

type Rows = readonly (ResultRecord | null)[];

export interface ChangedRow {
  key: string;
  before: ResultRecord;
  after: ResultRecord;
  fields: string[];
}

export interface ResultDiff {
  keyColumns: string[];
  added: ResultRecord[];
  removed: ResultRecord[];
  changed: ChangedRow[];
  unchanged: number;
  /** Keys that occur more than once in either result (only the first occurrence is compared). */
  duplicateKeys: string[];
}

export function rowKey(record: ResultRecord, keyColumns: readonly string[]): string {
  return JSON.stringify(keyColumns.map((c) => record[c] ?? null));
}

function index(rows: Rows, keyColumns: readonly string[], duplicates: Set<string>) {
  const byKey = new Map<string, ResultRecord>();
  for (const record of rows) {
    if (!record) continue;
    const k = rowKey(record, keyColumns);
    if (byKey.has(k)) duplicates.add(k);
    else byKey.set(k, record);
  }
  return byKey;
}

function same(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

export function diffResults(before: Rows, after: Rows, keyColumns: readonly string[]): ResultDiff {
  if (keyColumns.length === 0) throw new Error('Choose at least one key column to compare by.');
  const duplicates = new Set<string>();
  const left = index(before, keyColumns, duplicates);
  const right = index(after, keyColumns, duplicates);
  const diff: ResultDiff = {
    keyColumns: [...keyColumns],
    added: [],
    removed: [],
    changed: [],
    unchanged: 0,
    duplicateKeys: [...duplicates],
  };
  for (const [k, record] of left) {
    const other = right.get(k);
    if (!other) {
      diff.removed.push(record);
      continue;
    }
    const fields = [...new Set([...Object.keys(record), ...Object.keys(other)])].filter(
      (f) => !same(record[f], other[f]),
    );
    if (fields.length > 0) diff.changed.push({ key: k, before: record, after: other, fields });
    else diff.unchanged++;
  }
  for (const [k, record] of right) if (!left.has(k)) diff.added.push(record);
  return diff;
}
