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
import type { EventSink, FlattenedEvent, RejectedEvent } from '../../src-shared/grail/flatten';
import { isTimestamp } from '../../src-shared/grail/values';
import type { Row, Value } from '../../src-shared/grail/values';
import { encodeRow, encodedValueLength, joinPairs, pairText, quotedLength } from './store-codec';
import { decodeUtf8 } from './http-util';
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
  const builder = batchBuilder(ingestNs);
  for (const event of events) builder.row(event);
  return builder.finish();
}

/**
 * Builds a batch event by event: as rows, or as the flattening's sink (src-shared/grail/flatten.ts
 * EventSink), which hands over the events of the fast array path as names and values, so that
 * ingest never builds their Maps.
 */
export function batchBuilder(ingestNs: bigint): EventSink & { finish(): EventBatch } {
  const timestampNs: bigint[] = [];
  const lengths: number[] = [];
  const texts: string[] = [];
  const wholeRows: number[] = [];
  const typed: TypedValues[] = [];
  const byField = new Map<string, FieldEntry>();
  const untyped = new Set<string>();
  let r = 0;
  let parts: string[] = [];
  let lastParts: string[] = [];
  let lastText = joinPairs(lastParts);
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
    // Most values are strings a typed column holds as they are (no NUL, no surrogate), sized in
    // one pass; the others are typed and sized the general way.
    const quoted = typeof v === 'string' && name !== TIME_KEY ? quotedLength(v) : -1;
    const type = quoted >= 0 ? 's' : typedAs(v, name);
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
    const valueLength = quoted >= 0 ? quoted : encodedValueLength(v);
    length += entry.prefixLength + valueLength + 2;
    let values = entry.columns[type];
    if (values === undefined) {
      values = entry.columns[type] = [];
      typed.push({ field: name, type, values });
    }
    // Kept packed: the events before without this value get nulls first.
    while (values.length < r) values.push(null);
    values.push(v as ColumnValue);
  };
  /** Ends the event whose fields were put; `whole` encodes them all, for names out of order. */
  const end = (ns: bigint, size: number, whole: () => string): void => {
    timestampNs.push(ns);
    lengths.push(size === 0 ? 2 : length + 1); // `[` … `]]` around pairs joined by `],`
    if (ordered) {
      // Events of a shape usually leave the same pairs (the same constants' texts): one string.
      if (!samePairs(parts, lastParts)) {
        lastParts = parts;
        lastText = joinPairs(parts);
      }
      texts.push(lastText);
    } else {
      texts.push(whole());
      wholeRows.push(r);
    }
    if (!onSeq) {
      // Only names in stored order may be followed without comparing them.
      seqNames = ordered ? names : [];
      seqEntries = ordered ? entries : [];
    }
    if (parts === lastParts) parts = [];
    else parts.length = 0;
    length = 0;
    ordered = true;
    onSeq = true;
    j = 0;
    r++;
  };
  return {
    row({ fields, timestampNs: ns }) {
      checkTimestamp(fields, ns);
      // forEach, not for…of: no entry array per field (ingest runs this over every stored field).
      fields.forEach(put);
      end(ns, fields.size, () => encodeRow(fields));
    },
    named(ns, fieldNames, values) {
      for (let k = 0; k < fieldNames.length; k++) put(values[k] as Value, fieldNames[k] as string);
      end(ns, fieldNames.length, () =>
        encodeRow(new Map(fieldNames.map((name, k) => [name, values[k] as Value]))),
      );
    },
    finish() {
      for (const { values } of typed) while (values.length < r) values.push(null);
      return { count: r, ingestNs, timestampNs, lengths, texts, wholeRows, typed, untyped: [...untyped] };
    },
  };
}

const samePairs = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((p, k) => p === b[k]);

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

/** An ingest body's bytes: decoded as UTF-8 (else rejected), then flattened into a batch. */
export function flattenBytesToBatch(body: Uint8Array, contentType: string, ingestNs: bigint): BatchOutcome {
  const text = decodeUtf8(body);
  if (text === undefined) return { ok: false, error: { message: 'The request body is not valid UTF-8.' } };
  return flattenToBatch(text, contentType, ingestNs);
}

/** An ingest body flattened by the shared Grail rules (src-shared/grail) and made a batch. */
export function flattenToBatch(text: string, contentType: string, ingestNs: bigint): BatchOutcome {
  const sink = batchBuilder(ingestNs);
  const outcome = flattenIngestBody(text, contentType, { nowNs: ingestNs, newId: randomUUID, sink });
  if (!outcome.ok) return { ok: false, error: { message: outcome.error.message } };
  return { ok: true, batch: sink.finish(), rejected: outcome.rejected };
}
