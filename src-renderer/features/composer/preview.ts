/**
 * The composer's "what Grail stores" model: the same flattening the sandbox's ingest applies
 * (src-shared/grail/flatten.ts) and the same wire form a query returns (serialize.ts).
 */
import {
  flattenIngestBody,
  type FlattenContext,
  type FlattenedEvent,
  type FlattenWarning,
  type RejectedEvent,
} from '../../../src-shared/grail/flatten';
import type { JsonSpan } from '../../../src-shared/grail/json-document';
import { toWireRecord } from '../../../src-shared/grail/serialize';
import type { WireFieldTypeName } from '../../../src-shared/grail/wire';
import { lineColumnAt } from '../../lib/format';
import { formatCell, type CellKind } from '../results/columns';

export type PreviewModel =
  | { kind: 'empty' }
  | { kind: 'error'; message: string; position?: number; line?: number; column?: number }
  | {
      kind: 'ok';
      events: FlattenedEvent[];
      rejected: RejectedEvent[];
      warnings: FlattenWarning[];
      /** Where each event (by index) sits in the text. */
      spans: JsonSpan[];
    };

export function computePreview(text: string, contentType: string, ctx: FlattenContext): PreviewModel {
  if (text.trim() === '') return { kind: 'empty' };
  const outcome = flattenIngestBody(text, contentType, ctx);
  if (!outcome.ok) {
    const { message, position } = outcome.error;
    return position === undefined
      ? { kind: 'error', message }
      : { kind: 'error', message, position, ...lineColumnAt(text, position) };
  }
  const { events, rejected, warnings, spans } = outcome;
  return { kind: 'ok', events, rejected, warnings, spans };
}

export interface StoredField {
  name: string;
  type: WireFieldTypeName | undefined;
  text: string;
  kind: CellKind;
}

export interface StoredEvent {
  fields: StoredField[];
  /** The record exactly as a query would return it, pretty-printed. */
  json: string;
}

/** One flattened event in wire form: typed rows for the table and the JSON for the JSON view. */
export function storedEvent(event: FlattenedEvent, timezone: string): StoredEvent {
  const { record, types } = toWireRecord(event, timezone);
  const fields = [...event.fields.keys()].map((name): StoredField => {
    const type = types[name]?.type;
    const cell = formatCell(record[name], type);
    return { name, type, text: cell.text, kind: cell.kind };
  });
  return { fields, json: JSON.stringify(record, null, 2) };
}

/** Runs `fn` and says how long it took (the preview shows its own cost). */
export function timed<T>(fn: () => T): { value: T; elapsedMs: number } {
  const started = performance.now();
  const value = fn();
  return { value, elapsedMs: performance.now() - started };
}

/** The ingest clock for a preview (ns since epoch). */
export function nowNs(): bigint {
  return BigInt(Date.now()) * 1_000_000n;
}

/**
 * Generated `event.id`s that stay put while the user types: the n-th id asked for in one preview
 * is the n-th id of the previous preview, so the table does not flicker on every keystroke.
 */
export class StablePreviewIds {
  private readonly ids: string[] = [];
  private readonly issued = new Set<string>();

  /** True for ids this generator made up (events that had no `event.id` of their own). */
  isGenerated(id: unknown): boolean {
    return typeof id === 'string' && this.issued.has(id);
  }

  /** A fresh `newId` for one preview computation. */
  sequence(): () => string {
    let next = 0;
    return () => {
      const i = next++;
      let id = this.ids[i];
      if (id === undefined) {
        id = randomId();
        this.ids[i] = id;
        this.issued.add(id);
      }
      return id;
    };
  }
}

function randomId(): string {
  return typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `00000000-0000-4000-8000-${Math.floor(Math.random() * 0xffffffffffff)
        .toString(16)
        .padStart(12, '0')}`;
}
