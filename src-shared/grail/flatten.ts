/**
 * What Grail stores for a posted bizevents payload. One implementation, used by the sandbox's ingest
 * route and by the composer's "what Grail stores" preview, so the two cannot disagree.
 *
 * Shape rules (reference §3.4): top-level scalars keep their JSON type (integer lexemes → exact
 * long, other numbers → double); nested objects and arrays → compact JSON strings with the original
 * number lexemes; dotted keys are plain flat names. Enrichment and ⚠ choices: ingest-rules.ts.
 * Warnings (what a user should fix before sending): flatten-warnings.ts.
 */
import { EventScanner } from './event-scanner';
import type { FlattenWarning } from './flatten-warnings';
import { warningText } from './flatten-warnings';
import { Flattening } from './flattening';
import { MAX_NESTING_DEPTH, MAX_REQUEST_BYTES, classifyContentType } from './ingest-rules';
import type { IngestFormat } from './ingest-rules';
import { parseJsonDocument } from './json-document';
import type { JsonNode, JsonSpan, KeyIssue } from './json-document';
import { storeScannedEvent } from './scanned-event';
import type { Row, Value } from './values';
import { utf8ByteLength } from './utf8';

export type { FlattenWarning, FlattenWarningCode } from './flatten-warnings';
export { epochIntegerToNs } from './timestamp';

export interface FlattenContext {
  /** Ingest time in ns since epoch (the clock is a parameter: src-shared is pure). */
  nowNs: bigint;
  /** Generates an `event.id` for events without one (a UUID in production). */
  newId: () => string;
  /**
   * Takes the stored events, in body order, instead of the outcome's `events` (left empty): the
   * sandbox builds its column batches from them (src-main/sandbox/event-batch.ts).
   */
  sink?: EventSink;
}

export interface EventSink {
  /** An event as its row. */
  row(event: FlattenedEvent): void;
  /**
   * An event of the fast array path, without its Map: `values[k]` is the value of `names[k]`,
   * `timestamp` included; `names` is in stored order and the same array for every event of the
   * shape. Both arrays are reused for the next event: read them at once.
   */
  named(timestampNs: bigint, names: readonly string[], values: readonly Value[]): void;
}

export interface FlattenedEvent {
  /** Position of the event in the request body (0 for a single object). */
  index: number;
  /** The stored `timestamp`, in ns since epoch. */
  timestampNs: bigint;
  /** Stored fields in stored order (`timestamp` first); includes `timestamp` itself. */
  fields: Row;
}

export interface RejectedEvent {
  index: number;
  message: string;
  /** CloudEvent `id` / `source` when available (echoed in the ingest API's error entries). */
  id?: string;
  source?: string;
}

export type FlattenOutcome =
  | { ok: false; error: { message: string; position?: number } }
  | {
      ok: true;
      events: FlattenedEvent[];
      rejected: RejectedEvent[];
      warnings: FlattenWarning[];
      /** Where each event (by index) sits in the text: marks rejected events at their place. */
      spans: JsonSpan[];
    };

export function flattenIngestBody(text: string, contentType: string, ctx: FlattenContext): FlattenOutcome {
  return flatten(text, contentType, ctx, true);
}

/**
 * The same flattening with the whole document parsed before any event is flattened, and every
 * event built as nodes: the reference the streamed path and its fast array scanner are checked
 * against (test/unit/src-shared/grail/flatten-streaming.test.ts, flatten-fast-path.test.ts).
 */
export function flattenIngestBodyUnstreamed(
  text: string,
  contentType: string,
  ctx: FlattenContext,
): FlattenOutcome {
  return flatten(text, contentType, ctx, false);
}

function flatten(text: string, contentType: string, ctx: FlattenContext, streamed: boolean): FlattenOutcome {
  const format = classifyContentType(contentType);
  if (!format) {
    return {
      ok: false,
      error: { message: `The content type '${contentType.slice(0, 100)}' is not supported.` },
    };
  }
  // A UTF-8 byte order mark is not JSON whitespace, but every HTTP stack tolerates it.
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const body = bom ? text.slice(1) : text;
  // Pure JSON arrays are flattened element by element while parsing, so a batch's parse trees die
  // young (garbage collection was most of a large batch's time). On a syntax error later in the
  // text the events flattened so far are dropped with the run: nothing of the body is stored.
  const run = new Flattening(body, ctx, bom);
  const spans: JsonSpan[] = [];
  const onRootItem =
    streamed && format === 'json'
      ? (item: JsonNode, index: number, issues: readonly KeyIssue[]) => {
          run.streamed(item, index, issues);
          spans.push({ start: item.start + bom, end: item.end + bom });
        }
      : undefined;
  // The elements of a pure JSON array are first offered to a scanner that stores the common
  // events without building their nodes; the parser builds (and reports) the ones it declines.
  const scanner = onRootItem ? new EventScanner(body) : undefined;
  const readRootItem = scanner
    ? (start: number, index: number): number => {
        const end = scanner.scan(start);
        if (end >= 0) {
          storeScannedEvent(run, scanner, index, start);
          spans.push({ start: start + bom, end: end + bom });
        }
        return end;
      }
    : undefined;
  // Pure JSON events only need the spans of their nested values (CloudEvents lift `data`).
  const parsed = parseJsonDocument(body, MAX_NESTING_DEPTH, {
    opaqueInsideEvents: format === 'json',
    ...(onRootItem ? { onRootItem, readRootItem } : {}),
  });
  if (!parsed.ok) {
    return {
      ok: false,
      error: {
        message: `The request body is not valid JSON: ${parsed.message}.`,
        position: parsed.position + bom,
      },
    };
  }
  const items = topLevelItems(parsed.root, format);
  if (!items.ok) return { ok: false, error: { message: items.message } };

  if (onRootItem && parsed.root.kind === 'array') run.streamedKeyIssues();
  else {
    run.addIssues(parsed.keyIssues);
    items.values.forEach((item, index) => run.item(item, index, format));
    run.keyIssues(parsed.keyIssues, items.values, format);
    for (const v of items.values) spans.push({ start: v.start + bom, end: v.end + bom });
  }
  // At most 3 bytes per UTF-16 code unit: most texts cannot be over the limit, so are not counted.
  // An ASCII text's size is its length (the native regex scan is several times faster than counting).
  const bytes =
    text.length * 3 > MAX_REQUEST_BYTES && NON_ASCII.test(text) ? utf8ByteLength(text) : text.length;
  if (bytes > MAX_REQUEST_BYTES)
    run.warnings.unshift({ code: 'payload-too-large', message: warningText.payloadTooLarge(bytes) });
  return { ok: true, events: run.events, rejected: run.rejected, warnings: run.warnings, spans };
}

const NON_ASCII = /[\u0080-\uffff]/;

type Items = { ok: true; values: JsonNode[] } | { ok: false; message: string };

function topLevelItems(root: JsonNode, format: IngestFormat): Items {
  switch (format) {
    case 'json':
      if (root.kind === 'array') return { ok: true, values: root.items };
      if (root.kind === 'object') return { ok: true, values: [root] };
      return { ok: false, message: 'The request body must be a JSON object or an array of JSON objects.' };
    case 'cloudevent':
      if (root.kind === 'object') return { ok: true, values: [root] };
      return { ok: false, message: 'The request body must be a single CloudEvent (a JSON object).' };
    case 'cloudevent-batch':
      if (root.kind === 'array') return { ok: true, values: root.items };
      return { ok: false, message: 'The request body must be a CloudEvents batch (a JSON array).' };
  }
}
