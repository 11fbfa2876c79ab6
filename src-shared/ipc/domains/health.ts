/** IPC domain: ingestion health (panel queries and their findings), the canary probe and the report. */
import { z } from 'zod';
import { AppErrorData } from '../../errors';
import { Id, IsoTimestamp } from './common';

export const HEALTH_PANEL_IDS = ['volume', 'providers', 'missing', 'duplicates', 'sizes'] as const;
export const HealthPanelId = z.enum(HEALTH_PANEL_IDS);
export type HealthPanelId = z.infer<typeof HealthPanelId>;

/** One panel's query run: the DQL exactly as sent (the editor opens it as is). */
export const HealthPanelRun = z.object({
  id: HealthPanelId,
  title: z.string(),
  query: z.string(),
  durationMs: z.number().nonnegative(),
  records: z.number().int().nonnegative(),
  /** The result hit the record limit asked for. */
  truncated: z.boolean(),
  error: AppErrorData.optional(),
});
export type HealthPanelRun = z.infer<typeof HealthPanelRun>;

const Count = z.number().int().nonnegative();

export const VolumeSeries = z.object({
  provider: z.string(),
  type: z.string(),
  total: Count,
  /** Events per bucket, aligned with `bucketStarts`. */
  counts: z.array(Count),
});
export type VolumeSeries = z.infer<typeof VolumeSeries>;

export const Volume = z.object({
  intervalMs: z.number().int().positive(),
  /** ISO starts of the time buckets, oldest first. */
  bucketStarts: z.array(z.string()),
  /** Biggest first. */
  series: z.array(VolumeSeries),
  total: Count,
});
export type Volume = z.infer<typeof Volume>;

export const ProviderActivity = z.object({
  provider: z.string(),
  current: Count,
  previous: Count,
  /** Newest event of the provider within the previous and the current period (wire timestamp). */
  lastSeen: z.string().nullable(),
  /** Sent in the previous period, nothing in this one. */
  silent: z.boolean(),
  /** Bizlens' own canary events (never reported as silent). */
  canary: z.boolean(),
});
export type ProviderActivity = z.infer<typeof ProviderActivity>;

export const MissingFields = z.object({
  total: Count,
  missingProvider: Count,
  missingType: Count,
  /** Providers with events missing a field (events without a provider appear under "unknown"). */
  byProvider: z.array(
    z.object({ provider: z.string(), total: Count, missingProvider: Count, missingType: Count }),
  ),
});
export type MissingFields = z.infer<typeof MissingFields>;

export const Duplicates = z.object({
  /** event.ids stored more than once (among those returned). */
  duplicatedIds: Count,
  /** Stored copies beyond the first, summed over those ids. */
  extraCopies: Count,
  ids: z.array(z.object({ eventId: z.string(), copies: Count, providers: z.array(z.string()) })),
  /** More duplicated ids exist than were fetched. */
  truncated: z.boolean(),
});
export type Duplicates = z.infer<typeof Duplicates>;

export const SizeDistribution = z.object({
  /** Records measured (the newest ones, up to `sampleLimit`). */
  sampled: Count,
  sampleLimit: Count,
  buckets: z.array(
    z.object({ label: z.string(), minBytes: Count, maxBytes: Count.nullable(), count: Count }),
  ),
  p50Bytes: Count,
  p95Bytes: Count,
  maxBytes: Count,
  largest: z.object({ eventId: z.string(), provider: z.string(), bytes: Count }).nullable(),
});
export type SizeDistribution = z.infer<typeof SizeDistribution>;

export const FINDING_CODES = [
  'no-events',
  'silent-provider',
  'missing-provider',
  'missing-type',
  'duplicate-ids',
  'large-events',
  'panel-failed',
] as const;
export const Finding = z.object({
  severity: z.enum(['problem', 'warning']),
  code: z.enum(FINDING_CODES),
  title: z.string(),
  detail: z.string(),
});
export type Finding = z.infer<typeof Finding>;

export const Period = z.object({ start: z.string(), end: z.string() });
export type Period = z.infer<typeof Period>;

export const HealthSnapshot = z.object({
  environmentId: Id,
  ranAt: z.string(),
  current: Period,
  /** The period of the same length just before `current` (for silent providers). */
  previous: Period,
  durationMs: z.number().nonnegative(),
  panels: z.array(HealthPanelRun),
  volume: Volume.nullable(),
  providers: z.array(ProviderActivity).nullable(),
  missing: MissingFields.nullable(),
  duplicates: Duplicates.nullable(),
  sizes: SizeDistribution.nullable(),
  findings: z.array(Finding),
});
export type HealthSnapshot = z.infer<typeof HealthSnapshot>;

export const HealthRunRequest = z
  .object({
    requestId: Id,
    environmentId: Id,
    timeframeStart: IsoTimestamp,
    timeframeEnd: IsoTimestamp,
  })
  .strict()
  .refine((r) => Date.parse(r.timeframeStart) < Date.parse(r.timeframeEnd), {
    message: 'The start must be before the end.',
    path: ['timeframeStart'],
  });
export type HealthRunRequest = z.infer<typeof HealthRunRequest>;

export const CanaryRun = z.object({
  id: Id,
  environmentId: Id,
  trigger: z.enum(['manual', 'interval']),
  startedAt: z.string(),
  eventId: z.string(),
  state: z.enum(['arrived', 'timeout', 'failed', 'cancelled']),
  /** Time the ingest API took to acknowledge the event. */
  sendMs: z.number().nonnegative().nullable(),
  /** From the acknowledgement until a query found the event. */
  queryableMs: z.number().nonnegative().nullable(),
  polls: z.number().int().nonnegative(),
  /** Ingest HTTP status, when the send got an answer. */
  status: z.number().int().optional(),
  message: z.string().optional(),
});
export type CanaryRun = z.infer<typeof CanaryRun>;

export const CanaryStatus = z.object({
  environmentId: Id,
  intervalSeconds: z.number().int().positive().nullable(),
  running: z.boolean(),
  /** Newest last. */
  history: z.array(CanaryRun),
});
export type CanaryStatus = z.infer<typeof CanaryStatus>;

export const CANARY_MIN_INTERVAL_SECONDS = 15;

export const HealthReportFormat = z.enum(['markdown', 'html']);
export type HealthReportFormat = z.infer<typeof HealthReportFormat>;

export const healthCalls = {
  'health:run': { request: HealthRunRequest, response: HealthSnapshot },
  'health:cancel': {
    request: z.object({ requestId: Id }).strict(),
    response: z.object({ cancelled: z.boolean() }),
  },
  'health:report': {
    request: z.object({ environmentId: Id, format: HealthReportFormat }).strict(),
    response: z.object({ fileName: z.string(), mimeType: z.string(), text: z.string() }),
  },
  'health:canaryRun': {
    request: z
      .object({
        environmentId: Id,
        timeoutMs: z.number().int().min(1_000).max(600_000).optional(),
        /** The user confirmed sending to a production environment (main refuses without it). */
        confirmProduction: z.literal(true).optional(),
      })
      .strict(),
    response: CanaryRun,
  },
  'health:canarySchedule': {
    request: z
      .object({
        environmentId: Id,
        /** null stops the interval. */
        intervalSeconds: z.number().int().min(CANARY_MIN_INTERVAL_SECONDS).max(86_400).nullable(),
        confirmProduction: z.literal(true).optional(),
      })
      .strict(),
    response: CanaryStatus,
  },
  'health:canaryStatus': { request: z.object({ environmentId: Id }).strict(), response: CanaryStatus },
} as const;

export const healthEvents = {
  /** A canary run finished (manual or on the interval). */
  'health:canaryResult': CanaryRun,
} as const;
