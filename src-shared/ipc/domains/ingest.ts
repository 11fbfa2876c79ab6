/** IPC domain: sending events, confirming their arrival, and the composer's saved templates. */
import { z } from 'zod';
import { INGEST_CONTENT_TYPES } from '../../grail/wire';
import { Empty, Id, IsoTimestamp } from './common';

export const IngestSendRequest = z.object({
  environmentId: Id,
  /** Raw payload text; sent as-is so the server judges exactly what the user wrote. */
  body: z.string().max(8 * 1024 * 1024),
  contentType: z.enum(INGEST_CONTENT_TYPES),
  /** The user confirmed sending to a production environment (main refuses without it). */
  confirmProduction: z.literal(true).optional(),
});
export type IngestSendRequest = z.infer<typeof IngestSendRequest>;

export const IngestSendResponse = z.object({
  status: z.number().int(),
  accepted: z.boolean(),
  /** Response body text (never contains request headers or credentials). */
  body: z.string(),
  durationMs: z.number(),
  /** Seconds from a `Retry-After` header (429/503), when the server sent one. */
  retryAfterSeconds: z.number().nonnegative().optional(),
});
export type IngestSendResponse = z.infer<typeof IngestSendResponse>;

/** A payload the user saved in the composer (kept main-side, in the data directory). */
export const UserTemplate = z.object({
  id: Id,
  name: z.string().trim().min(1, 'Enter a name.').max(100),
  contentType: z.enum(INGEST_CONTENT_TYPES),
  body: z.string().max(1024 * 1024),
  /** ISO time of the last save. */
  savedAt: z.string(),
});
export type UserTemplate = z.infer<typeof UserTemplate>;

export const UserTemplateList = z.object({ templates: z.array(UserTemplate) });
export type UserTemplateList = z.infer<typeof UserTemplateList>;

/** Where to look for sent events: the stored timestamps of what was sent lie inside it. */
const ArrivalWindow = z.object({
  environmentId: Id,
  timeframeStart: IsoTimestamp,
  timeframeEnd: IsoTimestamp,
});

const EventIds = z.array(z.string().min(1).max(1000)).min(1).max(10_000);

export const IngestCountEventsRequest = ArrivalWindow.extend({ eventIds: EventIds });
export type IngestCountEventsRequest = z.infer<typeof IngestCountEventsRequest>;

/** How many stored events carry each id (ids never seen are absent). */
export const IngestCountEventsResponse = z.object({ counts: z.record(z.string(), z.number().int()) });
export type IngestCountEventsResponse = z.infer<typeof IngestCountEventsResponse>;

export const IngestConfirmArrivalRequest = ArrivalWindow.extend({
  requestId: Id,
  /** How many events with each id must be queryable (counted before the send + sent). */
  expected: z
    .array(z.object({ eventId: z.string().min(1).max(1000), count: z.number().int().positive() }))
    .min(1)
    .max(10_000),
  timeoutMs: z.number().int().min(1_000).max(600_000),
});
export type IngestConfirmArrivalRequest = z.infer<typeof IngestConfirmArrivalRequest>;

export const IngestArrivalOutcome = z.object({
  state: z.enum(['arrived', 'timeout', 'cancelled']),
  /** Events found / expected (by the counts asked for). */
  found: z.number().int(),
  expected: z.number().int(),
  /** From the start of the confirmation (right after the send was acknowledged) to the end. */
  elapsedMs: z.number(),
  polls: z.number().int(),
});
export type IngestArrivalOutcome = z.infer<typeof IngestArrivalOutcome>;

/** A field generator of a bulk generator job (see src-shared/ingest/generator.ts). */
const FieldName = z.string().min(1).max(200);
export const FieldGeneratorSchema = z.discriminatedUnion('kind', [
  z.object({
    field: FieldName,
    kind: z.literal('sequence'),
    start: z.number().finite(),
    step: z.number().finite(),
    prefix: z.string().max(200).optional(),
  }),
  z.object({ field: FieldName, kind: z.literal('uuid') }),
  z.object({ field: FieldName, kind: z.literal('timestampRange'), from: IsoTimestamp, to: IsoTimestamp }),
  z.object({ field: FieldName, kind: z.literal('pick'), values: z.array(z.json()).min(1).max(1000) }),
  z.object({
    field: FieldName,
    kind: z.literal('randomNumber'),
    min: z.number().finite(),
    max: z.number().finite(),
    decimals: z.number().int().min(0).max(10),
  }),
]);

export const BULK_FILE_FORMATS = ['ndjson', 'json-array', 'csv'] as const;

/** What a bulk job sends, where, and how fast: journaled in the outbox before anything is sent. */
export const BulkJobSpec = z.object({
  environmentId: Id,
  source: z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('file'),
      name: z.string().min(1).max(500),
      format: z.enum(BULK_FILE_FORMATS),
      /** Size in bytes; the upload is complete when this many have arrived. */
      size: z
        .number()
        .int()
        .nonnegative()
        .max(64 * 1024 ** 3),
    }),
    z.object({
      kind: z.literal('generator'),
      template: z
        .string()
        .min(2)
        .max(1024 * 1024),
      count: z.number().int().min(1).max(100_000_000),
      seed: z.number().int().min(0).max(0xffffffff),
      fields: z.array(FieldGeneratorSchema).max(100),
    }),
  ]),
  /** Most events per request (batches also stay under the 5 MiB request limit). */
  batchEvents: z.number().int().min(1).max(100_000).default(5_000),
  /** Requests in flight at once. */
  concurrency: z.number().int().min(1).max(16).default(4),
});
export type BulkJobSpec = z.infer<typeof BulkJobSpec>;

export const BulkJobView = z.object({
  jobId: z.string(),
  environmentId: z.string(),
  /** The file name, or "N generated events". */
  label: z.string(),
  state: z.enum(['receiving', 'validating', 'ready', 'sending', 'paused', 'done', 'cancelled', 'failed']),
  total: z.number().int().optional(),
  /** Events acknowledged as stored, and events the server rejected. */
  sent: z.number().int(),
  failed: z.number().int(),
  eventsPerSecond: z.number(),
  /** Seconds left at the current rate, when known. */
  etaSeconds: z.number().optional(),
  /** Waiting to retry after 429/5xx/network trouble. */
  retrying: z.string().optional(),
  /** Why the job stopped; positioned for bad input ("line 3, column 7: …"). */
  error: z.string().optional(),
  /** For bad input: 1-based line (row for CSV) and column. */
  errorLine: z.number().int().optional(),
  errorColumn: z.number().int().optional(),
});
export type BulkJobView = z.infer<typeof BulkJobView>;

const JobId = z.object({ jobId: Id }).strict();

export const BulkArrival = z.object({
  /** Distinct Bizlens-assigned ids found, and how many the job assigned. */
  found: z.number().int(),
  expected: z.number().int(),
  /** Stored copies beyond one per id (a batch resent after a crash before its acknowledgement). */
  duplicates: z.number().int(),
  /** Events that carried their own id: not counted here. */
  ownIds: z.number().int(),
});
export type BulkArrival = z.infer<typeof BulkArrival>;

/** Desktop: main shows its open dialog and reads the chosen file itself (the path stays in main). */
export const BulkPickFileRequest = BulkJobSpec.omit({ source: true })
  .extend({
    format: z.enum(['auto', ...BULK_FILE_FORMATS]).default('auto'),
    confirmProduction: z.literal(true).optional(),
  })
  .strict();
export type BulkPickFileRequest = z.infer<typeof BulkPickFileRequest>;

export const BulkPickFileResponse = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('cancelled') }),
  /** The job, its file already copied into the outbox: ready for ingest:bulkStart. */
  z.object({ kind: z.literal('job'), job: BulkJobView }),
]);
export type BulkPickFileResponse = z.infer<typeof BulkPickFileResponse>;

export const ingestCalls = {
  'ingest:send': { request: IngestSendRequest, response: IngestSendResponse },
  'ingest:countEvents': { request: IngestCountEventsRequest, response: IngestCountEventsResponse },
  'ingest:confirmArrival': { request: IngestConfirmArrivalRequest, response: IngestArrivalOutcome },
  'ingest:cancelArrival': {
    request: z.object({ requestId: Id }).strict(),
    response: z.object({ cancelled: z.boolean() }),
  },
  'ingest:endpoint': {
    request: z.object({ environmentId: Id }).strict(),
    response: z.object({ url: z.string() }),
  },
  'ingest:bulkCreate': {
    request: BulkJobSpec.extend({ confirmProduction: z.literal(true).optional() }).strict(),
    response: BulkJobView,
  },
  /** One chunk of an uploaded file, base64 (bytes as they are: main checks the UTF-8 itself). */
  'ingest:bulkUpload': {
    request: z
      .object({ jobId: Id, offset: z.number().int().nonnegative(), data: z.string().max(6 * 1024 * 1024) })
      .strict(),
    response: BulkJobView,
  },
  /** Validates the whole source (nothing is sent if any event is bad), then sends in the background. */
  'ingest:bulkStart': { request: JobId, response: BulkJobView },
  'ingest:bulkCancel': { request: JobId, response: BulkJobView },
  /** Stops sending but keeps the job (and its copy of the file) to resume later. */
  'ingest:bulkPause': { request: JobId, response: BulkJobView },
  /** Forgets an unfinished job: its journal and its copy of the file are deleted. */
  'ingest:bulkDiscard': { request: JobId, response: z.object({ jobId: z.string() }) },
  'ingest:bulkPickFile': { request: BulkPickFileRequest, response: BulkPickFileResponse },
  'ingest:bulkList': { request: Empty, response: z.object({ jobs: z.array(BulkJobView) }) },
  /** Counts the job's events in the environment by their Bizlens-assigned ids. */
  'ingest:bulkVerify': { request: JobId, response: BulkArrival },
  'templates:list': { request: Empty, response: UserTemplateList },
  'templates:save': {
    request: UserTemplate.pick({ name: true, contentType: true, body: true }).strict(),
    response: UserTemplateList,
  },
  'templates:remove': { request: z.object({ id: Id }).strict(), response: UserTemplateList },
} as const;

export const ingestEvents = {
  'ingest:bulkProgress': BulkJobView,
  'ingest:arrivalProgress': z.object({
    requestId: Id,
    found: z.number().int(),
    expected: z.number().int(),
    elapsedMs: z.number(),
  }),
} as const;
