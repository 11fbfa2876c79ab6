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
 * ⚠ Duplicate keys in an object: the last one wins (Jackson's default), at every level; in a
 * nested object's stored string the last value sits where the key first appeared.
 */
export const LAST_DUPLICATE_KEY_WINS = true;

/**
 * ⚠ Deeper documents are rejected whole (400, nothing stored): 1000 is the default nesting limit
 * of Jackson (2.15+), the JSON library Dynatrace's Java services are built on.
 */
export const MAX_NESTING_DEPTH = 1000;

/** "The Business events API limits payload size to 5 MB per request" — 5 MiB per the SDK (→ 413). */
export const MAX_REQUEST_BYTES = 5 * 1024 * 1024;

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

/**
 * Every point where Bizlens had to choose because Dynatrace does not document the behaviour
 * (the ⚠ marks above and in the reference), in words for the composer's help. One place: the
 * constants above implement them, this list explains them.
 */
export interface IngestChoice {
  topic: string;
  choice: string;
}

export const INGEST_CHOICES: readonly IngestChoice[] = [
  {
    topic: 'Other CloudEvent attributes',
    choice:
      'subject, datacontenttype, dataschema, traceparent, dtcontext, data_base64 and extension attributes are kept as top-level fields; only specversion, id, source, type, time and data are consumed by the mapping.',
  },
  {
    topic: 'Name collisions in a CloudEvent',
    choice:
      'extra attributes < data members < the mapped event.id, event.provider, event.type and timestamp: the envelope wins.',
  },
  {
    topic: 'CloudEvent data that is not an object',
    choice:
      'the event is rejected (400 for that event): Grail stores data members, and there are none to lift.',
  },
  {
    topic: 'CloudEvent validity',
    choice:
      'a missing or empty specversion, id, source or type rejects the event; anything else the CloudEvents SDK objects to (source not a URI reference, time not RFC 3339, upper-case attribute names, spec version other than 1.0) is a warning, and the event is stored.',
  },
  {
    topic: 'Top-level nulls',
    choice: 'not stored: an absent field already reads as null in DQL.',
  },
  {
    topic: 'Duplicate keys',
    choice:
      'the last value wins, at every level; in a nested object’s stored string it sits where the key first appeared.',
  },
  {
    topic: 'Nested objects and arrays',
    choice:
      'stored as the compact text that was sent: whitespace removed, key order, number lexemes (1.50, 1e2) and string escapes kept as written.',
  },
  {
    topic: 'Integers beyond 64 bits',
    choice: 'stored as double, with a warning.',
  },
  {
    topic: 'Nesting depth',
    choice: `documents nested deeper than ${MAX_NESTING_DEPTH} levels are rejected whole (Jackson's default limit).`,
  },
  {
    topic: 'Read-only dt.* fields',
    choice:
      'payload fields under dt.ingest., dt.openpipeline., dt.retain. and dt.system. are dropped; dt.openpipeline.source, dt.openpipeline.pipelines and dt.system.bucket are then set.',
  },
  {
    topic: 'Timestamps',
    choice:
      'RFC 3339 without an offset is read as UTC; digits beyond nanoseconds are cut; RFC 3164 (syslog, no year) is read as UTC in the ingest year, or the year before when that would be more than a day ahead; timestamps before year 1677 (outside int64 nanoseconds) use the ingest time.',
  },
  {
    topic: 'Stored field order',
    choice: 'timestamp first, then the other names in code-unit order, as in the documented stored example.',
  },
];
