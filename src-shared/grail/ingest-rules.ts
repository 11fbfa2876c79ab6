/**
 * The rules Grail/OpenPipeline apply to an ingested business event, in one place.
 * Sources: reference §3.2–3.5 (docs + real stored records). Lines marked ⚠ are our choices where
 * Dynatrace's behaviour is not documented; change them here and flatten.ts follows.
 */
import { NS_PER_SECOND } from './timestamp';

/** Fields OpenPipeline adds to every event from the bizevents ingest API. */
export const OPENPIPELINE_SOURCE = '/api/v2/bizevents/ingest';
export const OPENPIPELINE_PIPELINES: readonly string[] = ['bizevents:default'];
export const DEFAULT_BUCKET = 'default_bizevents';
/** "always set to BIZ_EVENT regardless of the ingested value" (enrichment table). */
export const EVENT_KIND = 'BIZ_EVENT';
/** Observed value when event.provider / event.type are missing. */
export const UNKNOWN_VALUE = 'unknown';

/** Timestamps more than 10 minutes in the future are set to ingest time + 10 minutes. */
export const MAX_FUTURE_NS = 10n * 60n * NS_PER_SECOND;

/** The four CloudEvents attributes the spec requires; a CloudEvent missing one is rejected. */
export const CLOUDEVENT_REQUIRED = ['specversion', 'id', 'source', 'type'] as const;

/**
 * CloudEvent attributes consumed by the mapping (source→event.provider, type→event.type,
 * id→event.id, time→timestamp, data members lifted). None of them is stored under its own name.
 * ⚠ Every other attribute (subject, datacontenttype, dataschema, traceparent, dtcontext,
 * data_base64, extension attributes) is kept as a top-level field: nothing we were sent is
 * silently dropped, and the composer shows it. Dynatrace's treatment of these is undocumented.
 */
export const CLOUDEVENT_CONSUMED: ReadonlySet<string> = new Set([
  'specversion',
  'id',
  'source',
  'type',
  'time',
  'data',
]);

/**
 * ⚠ Precedence when names collide inside a CloudEvent: extra attributes < data members < mapped
 * fields (event.id / event.provider / event.type / timestamp). The CE envelope is authoritative.
 * ⚠ A CloudEvent whose `data` is present but not a JSON object (string, array, number) is rejected:
 * Grail stores data *members*, and there are none to lift.
 */
export const CLOUDEVENT_DATA_MUST_BE_OBJECT = true;

/**
 * ⚠ Top-level `null` values are not stored: Grail records have no null fields (an absent field
 * already reads as null in DQL), so storing one would only change `types` output.
 */
export const DROP_TOP_LEVEL_NULLS = true;

/**
 * ⚠ Integer lexemes outside the int64 range are stored as double (with a warning), as a JSON
 * library without big-integer support would.
 * ⚠ Duplicate keys in an object: the last one wins (Jackson's default).
 * ⚠ Nested objects are re-serialized compactly; number lexemes are preserved exactly, but keys
 * that look like array indexes ("1", "2") come out in ascending order (a limit of JS objects).
 */
export const LAST_DUPLICATE_KEY_WINS = true;

/**
 * ⚠ Stored field order: `timestamp` first, then the other names sorted by UTF-16 code unit — the
 * order of the documented stored example (`timestamp`, `customer`, `event.id`, …, `total`).
 */
export function compareStoredFieldNames(a: string, b: string): number {
  if (a === b) return 0;
  if (a === 'timestamp') return -1;
  if (b === 'timestamp') return 1;
  return a < b ? -1 : 1;
}

/**
 * Read-only field name prefixes in OpenPipeline (reference §3.5).
 * ⚠ Payload fields under them are dropped with a warning; the three fields above are then set.
 */
export const READ_ONLY_PREFIXES = ['dt.ingest.', 'dt.openpipeline.', 'dt.retain.', 'dt.system.'] as const;

export type IngestFormat = 'json' | 'cloudevent' | 'cloudevent-batch';

/**
 * Maps a Content-Type header to a payload format, or undefined when unsupported (→ 415).
 * Accepts the `cloudevent(s)` spellings, any case, and only a UTF-8 charset parameter.
 */
export function classifyContentType(contentType: string | undefined): IngestFormat | undefined {
  if (!contentType) return undefined;
  const [mime = '', ...params] = contentType.split(';').map((p) => p.trim().toLowerCase());
  for (const p of params) {
    const [k, v] = p.split('=').map((s) => s.trim());
    if (k === 'charset' && v !== 'utf-8' && v !== 'utf8' && v !== '"utf-8"') return undefined;
  }
  switch (mime) {
    case 'application/json':
      return 'json';
    case 'application/cloudevent+json':
    case 'application/cloudevents+json':
      return 'cloudevent';
    case 'application/cloudevent-batch+json':
    case 'application/cloudevents-batch+json':
      return 'cloudevent-batch';
    default:
      return undefined;
  }
}
