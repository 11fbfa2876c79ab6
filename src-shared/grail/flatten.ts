/**
 * What Grail stores for a posted bizevents payload. One implementation, used by the sandbox's ingest
 * route and by the composer's "what Grail stores" preview, so the two cannot disagree.
 *
 * Shape rules (reference §3.4): top-level scalars keep their JSON type (integer lexemes → exact
 * long, other numbers → double); nested objects and arrays → compact JSON strings with the original
 * number lexemes; dotted keys are plain flat names. Enrichment and ⚠ choices: ingest-rules.ts.
 */
import { isLosslessNumber } from 'lossless-json';
import type { LosslessNumber } from 'lossless-json';
import {
  CLOUDEVENT_CONSUMED,
  CLOUDEVENT_DATA_MUST_BE_OBJECT,
  CLOUDEVENT_REQUIRED,
  DEFAULT_BUCKET,
  DROP_TOP_LEVEL_NULLS,
  EVENT_KIND,
  MAX_FUTURE_NS,
  OPENPIPELINE_PIPELINES,
  OPENPIPELINE_SOURCE,
  READ_ONLY_PREFIXES,
  UNKNOWN_VALUE,
  classifyContentType,
  compareStoredFieldNames,
} from './ingest-rules';
import type { IngestFormat } from './ingest-rules';
import { isPlainObject, parseLossless, stringifyLossless } from './lossless-json';
import { epochLexemeToNs, parseTimestampString } from './timestamp';
import { LONG_MAX, LONG_MIN, timestampValue } from './values';
import type { Row, Value } from './values';

export interface FlattenContext {
  /** Ingest time in ns since epoch (the clock is a parameter: src-shared is pure). */
  nowNs: bigint;
  /** Generates an `event.id` for events without one (a UUID in production). */
  newId: () => string;
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

export interface FlattenWarning {
  index?: number;
  message: string;
}

export type FlattenOutcome =
  | { ok: false; error: { message: string; position?: number } }
  | { ok: true; events: FlattenedEvent[]; rejected: RejectedEvent[]; warnings: FlattenWarning[] };

export function flattenIngestBody(text: string, contentType: string, ctx: FlattenContext): FlattenOutcome {
  const format = classifyContentType(contentType);
  if (!format) {
    return {
      ok: false,
      error: { message: `The content type '${contentType.slice(0, 100)}' is not supported.` },
    };
  }
  // A UTF-8 byte order mark is not JSON whitespace, but every HTTP stack tolerates it.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const parsed = parseLossless(body);
  if (!parsed.ok) {
    const position = parsed.position === undefined ? undefined : parsed.position + (body === text ? 0 : 1);
    return {
      ok: false,
      error: {
        message: `The request body is not valid JSON: ${parsed.message}`,
        ...(position === undefined ? {} : { position }),
      },
    };
  }
  const items = topLevelItems(parsed.value, format);
  if (!items.ok) return { ok: false, error: { message: items.message } };

  const events: FlattenedEvent[] = [];
  const rejected: RejectedEvent[] = [];
  const warnings: FlattenWarning[] = [];
  items.values.forEach((item, index) => {
    if (!isPlainObject(item)) {
      rejected.push({ index, message: `The event at index ${index} is not a JSON object.` });
      return;
    }
    const warn = (message: string): void => {
      warnings.push({ index, message });
    };
    const result =
      format === 'json' ? fromPureJson(item, index, ctx, warn) : fromCloudEvent(item, index, ctx, warn);
    if ('message' in result) rejected.push(result);
    else events.push(result);
  });
  return { ok: true, events, rejected, warnings };
}

type Items = { ok: true; values: unknown[] } | { ok: false; message: string };

function topLevelItems(value: unknown, format: IngestFormat): Items {
  switch (format) {
    case 'json':
      if (Array.isArray(value)) return { ok: true, values: value };
      if (isPlainObject(value)) return { ok: true, values: [value] };
      return { ok: false, message: 'The request body must be a JSON object or an array of JSON objects.' };
    case 'cloudevent':
      if (isPlainObject(value)) return { ok: true, values: [value] };
      return { ok: false, message: 'The request body must be a single CloudEvent (a JSON object).' };
    case 'cloudevent-batch':
      if (Array.isArray(value)) return { ok: true, values: value };
      return { ok: false, message: 'The request body must be a CloudEvents batch (a JSON array).' };
  }
}

type Warn = (message: string) => void;

function fromPureJson(
  obj: Record<string, unknown>,
  index: number,
  ctx: FlattenContext,
  warn: Warn,
): FlattenedEvent {
  const fields = new Map<string, Value>();
  putMembers(fields, obj, warn);
  const timestampNs = resolveTimestamp(obj.timestamp, 'timestamp', ctx, warn);
  return finish(fields, timestampNs, index, ctx, warn);
}

function fromCloudEvent(
  ce: Record<string, unknown>,
  index: number,
  ctx: FlattenContext,
  warn: Warn,
): FlattenedEvent | RejectedEvent {
  const id = typeof ce.id === 'string' ? ce.id : undefined;
  const source = typeof ce.source === 'string' ? ce.source : undefined;
  const reject = (message: string): RejectedEvent => ({
    index,
    message,
    ...(id !== undefined ? { id } : {}),
    ...(source !== undefined ? { source } : {}),
  });
  for (const attr of CLOUDEVENT_REQUIRED) {
    const v = ce[attr];
    if (v === undefined || v === null)
      return reject(`The CloudEvent is missing the required attribute '${attr}'.`);
    if (typeof v !== 'string' || v === '')
      return reject(`The CloudEvent attribute '${attr}' must be a non-empty string.`);
  }
  const data = ce.data ?? undefined;
  if (data !== undefined && !isPlainObject(data) && CLOUDEVENT_DATA_MUST_BE_OBJECT) {
    return reject("The CloudEvent attribute 'data' must be a JSON object.");
  }

  const fields = new Map<string, Value>();
  const attributes = Object.fromEntries(Object.entries(ce).filter(([k]) => !CLOUDEVENT_CONSUMED.has(k)));
  putMembers(fields, attributes, warn);
  if (isPlainObject(data)) putMembers(fields, data, warn);
  fields.set('event.id', ce.id as string);
  fields.set('event.provider', ce.source as string);
  fields.set('event.type', ce.type as string);

  // `time` is the CloudEvents timestamp; a `timestamp` member in data (or as an extension) is the fallback.
  const [timeName, timeRaw] = cloudEventTime(ce, data);
  const timestampNs = resolveTimestamp(timeRaw, timeName, ctx, warn);
  return finish(fields, timestampNs, index, ctx, warn);
}

/** Where a CloudEvent's timestamp comes from: `time`, else a `timestamp` member of data or the envelope. */
function cloudEventTime(ce: Record<string, unknown>, data: unknown): [name: string, raw: unknown] {
  if (ce.time !== undefined) return ['time', ce.time];
  if (isPlainObject(data) && data.timestamp !== undefined) return ['timestamp', data.timestamp];
  return ['timestamp', ce.timestamp];
}

/** Copies JSON members as stored top-level fields (scalars typed, objects/arrays stringified). */
function putMembers(fields: Map<string, Value>, obj: Record<string, unknown>, warn: Warn): void {
  for (const [key, raw] of Object.entries(obj)) {
    if (key === 'timestamp') continue; // becomes the typed `timestamp` field
    const value = toStoredValue(key, raw, warn);
    if (value === undefined) fields.delete(key);
    else fields.set(key, value);
  }
}

function toStoredValue(key: string, raw: unknown, warn: Warn): Value | undefined {
  if (raw === null || raw === undefined) return DROP_TOP_LEVEL_NULLS ? undefined : null;
  if (typeof raw === 'string' || typeof raw === 'boolean') return raw;
  if (isLosslessNumber(raw)) return numberValue(key, raw, warn);
  return stringifyLossless(raw); // nested object or array → compact JSON string
}

const INTEGER_LEXEME = /^-?\d+$/;

function numberValue(key: string, n: LosslessNumber, warn: Warn): Value {
  const lexeme = n.toString();
  if (INTEGER_LEXEME.test(lexeme)) {
    const big = BigInt(lexeme);
    if (big >= LONG_MIN && big <= LONG_MAX) return big;
    warn(`The integer in '${key}' is outside the long range and is stored as a double.`);
  }
  const d = Number(lexeme);
  if (!Number.isFinite(d)) warn(`The number in '${key}' is outside the double range and is stored as ${d}.`);
  return d;
}

/** Payload timestamp → ns, with OpenPipeline's fallbacks (ingest time) and future clamp. */
function resolveTimestamp(raw: unknown, name: string, ctx: FlattenContext, warn: Warn): bigint {
  if (raw === undefined || raw === null) return ctx.nowNs;
  let ns: bigint | undefined;
  if (isLosslessNumber(raw)) ns = epochLexemeToNs(raw.toString());
  else if (typeof raw === 'string') ns = parseTimestampString(raw);
  if (ns === undefined) {
    warn(`The '${name}' value could not be parsed as a timestamp; the ingest time is used.`);
    return ctx.nowNs;
  }
  const latest = ctx.nowNs + MAX_FUTURE_NS;
  if (ns > latest) {
    warn(`The '${name}' value is more than 10 minutes in the future; it is set to ingest time + 10 minutes.`);
    return latest;
  }
  if (ns < LONG_MIN) {
    warn(`The '${name}' value is before the earliest representable timestamp; the ingest time is used.`);
    return ctx.nowNs;
  }
  return ns;
}

/** Adds the enrichment fields and produces the stored field order. */
function finish(
  fields: Map<string, Value>,
  timestampNs: bigint,
  index: number,
  ctx: FlattenContext,
  warn: Warn,
): FlattenedEvent {
  const kind = fields.get('event.kind');
  if (kind !== undefined && kind !== EVENT_KIND) warn(`'event.kind' is always stored as '${EVENT_KIND}'.`);
  fields.set('event.kind', EVENT_KIND);
  if (!fields.has('event.id')) fields.set('event.id', ctx.newId());
  if (!fields.has('event.provider')) fields.set('event.provider', UNKNOWN_VALUE);
  if (!fields.has('event.type')) fields.set('event.type', UNKNOWN_VALUE);

  for (const name of fields.keys()) {
    if (READ_ONLY_PREFIXES.some((p) => name.startsWith(p))) {
      warn(`'${name}' is a read-only field; the value sent is replaced or ignored.`);
      fields.delete(name);
    }
  }
  fields.set('dt.openpipeline.source', OPENPIPELINE_SOURCE);
  fields.set('dt.openpipeline.pipelines', [...OPENPIPELINE_PIPELINES]);
  fields.set('dt.system.bucket', DEFAULT_BUCKET);
  fields.set('timestamp', timestampValue(timestampNs));

  const ordered = new Map([...fields.entries()].sort(([a], [b]) => compareStoredFieldNames(a, b)));
  return { index, timestampNs, fields: ordered };
}
