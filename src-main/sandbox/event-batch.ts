/**
 * One append's events as the store writes them (store-rows.ts), column by column: the values each
 * typed column can hold, by field and column type, and per event the text of the pairs no typed
 * column can hold, the time key, and the whole row's encoded length. Nothing here depends on the
 * store's column catalogue, so a batch is made where the events are flattened — in the flatten
 * worker for large ingest bodies (flatten-pool.ts) — and crosses threads as flat arrays, which
 * cost a fraction of the Maps they replace to copy.
 */
import { randomUUID } from 'node:crypto';
import { compareStoredFieldNames } from '../../src-shared/grail/ingest-rules';
import { flattenIngestBody } from '../../src-shared/grail/flatten';
import type { FlattenedEvent, RejectedEvent } from '../../src-shared/grail/flatten';
import { isTimestamp } from '../../src-shared/grail/values';
import type { Row, Value } from '../../src-shared/grail/values';
import { encodeRow, encodedValueLength, joinPairs, needsEscape, pairText } from './store-codec';
import { columnTypeOf } from './store-columns';
import type { ColumnType, ColumnValue } from './store-columns';

export const TIME_KEY = 'timestamp';

export interface TypedValues {
  readonly field: string;
  readonly type: ColumnType;
  /** Per event: its value of this type, or null. */
  readonly values: (ColumnValue | null)[];
}

export interface EventBatch {
  readonly count: number;
  readonly ingestNs: bigint;
  readonly timestampNs: bigint[];
  /** `encodeRow(row).length`: what a scan reports as the event's size, whatever part is text. */
  readonly lengths: number[];
  /**
   * Per event: the pairs of values no typed column can hold (null, arrays, impure strings …),
   * without the time key (ts_ns holds it), in stored order; or, for an event whose names are not
   * in stored order, its whole row (readers restore stored order only where columns add fields).
   */
  readonly texts: string[];
  /** Events whose text is their whole row. */
  readonly wholeRows: number[];
  /** In the order the (field, type) pairs first occur: the order new columns are added in. */
  readonly typed: TypedValues[];
  /** Fields with a non-null value no typed column can hold: they turn impure. */
  readonly untyped: string[];
}

/**
 * The batch of flattened events. Every event's `timestamp` must equal its timestampNs: the scan
 * orders by ts_ns where the engine sorts by `timestamp`, and the text leaves the time key out.
 */
export function toBatch(events: readonly FlattenedEvent[], ingestNs: bigint): EventBatch {
  const n = events.length;
  const batch: EventBatch = {
    count: n,
    ingestNs,
    timestampNs: new Array<bigint>(n),
    lengths: new Array<number>(n),
    texts: new Array<string>(n),
    wholeRows: [],
    typed: [],
    untyped: [],
  };
  const byField = new Map<string, FieldEntry>();
  const untyped = new Set<string>();
  let r = 0;
  let parts: string[] = [];
  let length = 0;
  let ordered = true;
  // Events of one shape share their names, in stored order and as the same string objects (the
  // scanner's plans, event-shape.ts): while an event's names are those of the last ordered event
  // that differed, their entries and order are known, and the lookups and comparisons are skipped.
  let seqNames: string[] = [];
  let seqEntries: FieldEntry[] = [];
  let names: string[] = seqNames;
  let entries: FieldEntry[] = seqEntries;
  let onSeq = true;
  let j = 0;
  // forEach, not for…of: no entry array per field (ingest runs this over every stored field).
  const put = (v: Value, name: string): void => {
    let entry: FieldEntry | undefined;
    if (onSeq && name === seqNames[j]) entry = seqEntries[j] as FieldEntry;
    else {
      if (onSeq) {
        onSeq = false;
        names = seqNames.slice(0, j);
        entries = seqEntries.slice(0, j);
      }
      if (j > 0 && compareStoredFieldNames(names[j - 1] as string, name) >= 0) ordered = false;
      entry = byField.get(name);
      if (entry === undefined) byField.set(name, (entry = newEntry(name)));
      names.push(name);
      entries.push(entry);
    }
    j++;
    // Most values are strings with nothing to escape: storable as they are, and only quoted.
    const plain = typeof v === 'string' && !needsEscape(v);
    const type = plain ? 's' : typedAs(v, name);
    if (type === null || type === undefined) {
      // The time key's text is never written; an unchanged value (a shared constant such as
      // dt.openpipeline.pipelines) keeps its text.
      if (name === TIME_KEY) length += entry.prefixLength + encodedValueLength(v) + 2;
      else {
        if (v !== entry.lastValue || entry.lastText === undefined) {
          entry.lastValue = v;
          entry.lastText = pairText(name, v);
        }
        length += entry.lastText.length + 2;
        parts.push(entry.lastText);
      }
      if (type === undefined) untyped.add(name);
      return;
    }
    // A string that is not plain needs escaping (needsEscape said so): its quoted text's length.
    const valueLength = plain
      ? (v as string).length + 2
      : typeof v === 'string'
        ? JSON.stringify(v).length
        : encodedValueLength(v);
    length += entry.prefixLength + valueLength + 2;
    let values = entry.columns[type];
    if (values === undefined) {
      values = entry.columns[type] = new Array<ColumnValue | null>(n).fill(null);
      batch.typed.push({ field: name, type, values });
    }
    values[r] = v as ColumnValue;
  };
  for (; r < n; r++) {
    const { fields, timestampNs } = events[r] as FlattenedEvent;
    checkTimestamp(fields, timestampNs);
    fields.forEach(put);
    batch.timestampNs[r] = timestampNs;
    batch.lengths[r] = fields.size === 0 ? 2 : length + 1; // `[` … `]]` around pairs joined by `],`
    if (ordered) batch.texts[r] = joinPairs(parts);
    else {
      batch.texts[r] = encodeRow(fields);
      batch.wholeRows.push(r);
    }
    if (!onSeq) {
      // Only names in stored order may be followed without comparing them.
      seqNames = ordered ? names : [];
      seqEntries = ordered ? entries : [];
    }
    parts = [];
    length = 0;
    ordered = true;
    onSeq = true;
    j = 0;
  }
  batch.untyped.push(...untyped);
  return batch;
}

/** A field's columns in the batch being built, and what its pairs' text costs to work out. */
interface FieldEntry {
  readonly columns: Partial<Record<ColumnType, (ColumnValue | null)[]>>;
  /** Length of `[<quoted name>,` (store-codec.ts pairText). */
  readonly prefixLength: number;
  lastValue: Value | undefined;
  lastText: string | undefined;
}

const newEntry = (name: string): FieldEntry => ({
  columns: {},
  prefixLength: pairText(name, null).length - 4,
  lastValue: undefined,
  lastText: undefined,
});

/** The column type of a value other than a plain string; null for none (null, the time key). */
const typedAs = (v: Value, name: string): ColumnType | null | undefined =>
  v === null || name === TIME_KEY ? null : columnTypeOf(v);

function checkTimestamp(fields: Row, timestampNs: bigint): void {
  const ts = fields.get(TIME_KEY);
  if (ts === undefined || ts === null || !isTimestamp(ts) || ts.ns !== timestampNs)
    throw new Error('A stored event needs a `timestamp` field equal to its timestampNs.');
}

export type BatchOutcome =
  { ok: false; error: { message: string } } | { ok: true; batch: EventBatch; rejected: RejectedEvent[] };

/** An ingest body flattened by the shared Grail rules (src-shared/grail) and made a batch. */
export function flattenToBatch(text: string, contentType: string, ingestNs: bigint): BatchOutcome {
  const outcome = flattenIngestBody(text, contentType, { nowNs: ingestNs, newId: randomUUID });
  if (!outcome.ok) return { ok: false, error: { message: outcome.error.message } };
  return { ok: true, batch: toBatch(outcome.events, ingestNs), rejected: outcome.rejected };
}
