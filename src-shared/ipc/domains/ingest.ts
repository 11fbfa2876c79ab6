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
  'templates:list': { request: Empty, response: UserTemplateList },
  'templates:save': {
    request: UserTemplate.pick({ name: true, contentType: true, body: true }).strict(),
    response: UserTemplateList,
  },
  'templates:remove': { request: z.object({ id: Id }).strict(), response: UserTemplateList },
} as const;

export const ingestEvents = {
  'ingest:arrivalProgress': z.object({
    requestId: Id,
    found: z.number().int(),
    expected: z.number().int(),
    elapsedMs: z.number(),
  }),
} as const;
