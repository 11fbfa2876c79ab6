/**
 * The one IPC contract between renderer and main: every call as `domain:verbNoun` with a zod
 * request and response schema, and every event main can push. Types are derived from here only.
 * Transports (Electron IPC, the web edition's WebSocket, direct calls in tests) all carry it.
 */
import { z } from 'zod';
import { AppErrorData } from '../errors';
import { INGEST_CONTENT_TYPES, QueryResult, QueryState } from '../grail/wire';
import type { EVENT_CHANNELS, INVOKE_CHANNELS } from './channels';

const Id = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9._:-]+$/, 'only letters, digits and . _ : -');

export const SecretBackendStatus = z.object({
  /** keychain: OS keychain via keytar; session: memory only, chosen explicitly; unavailable: neither yet. */
  kind: z.enum(['keychain', 'session', 'unavailable']),
  detail: z.string(),
});
export type SecretBackendStatus = z.infer<typeof SecretBackendStatus>;

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  edition: z.enum(['desktop', 'web']),
  secretBackend: SecretBackendStatus,
});
export type AppInfo = z.infer<typeof AppInfo>;

export const AuthKind = z.enum(['oauth', 'apiToken', 'platformToken']);
export type AuthKind = z.infer<typeof AuthKind>;
export const LabelColor = z.enum(['gray', 'blue', 'green', 'yellow', 'orange', 'red', 'purple']);
export type LabelColor = z.infer<typeof LabelColor>;
/** production: writes ask for confirmation; read-only: writes are refused (enforced in main). */
export const SafetyLevel = z.enum(['normal', 'production', 'read-only']);
export type SafetyLevel = z.infer<typeof SafetyLevel>;

export const EnvironmentSummary = z.object({
  id: Id,
  name: z.string(),
  kind: z.enum(['sandbox', 'tenant']),
  /** Base URL without credentials or query string. */
  url: z.string(),
  authKind: AuthKind,
  secretConfigured: z.boolean(),
  status: z.enum(['ready', 'starting', 'needs-secret', 'error']),
  statusMessage: z.string().optional(),
  color: LabelColor.optional(),
  safety: SafetyLevel.optional(),
  /** `prefix.public` of the stored secret, when it has the documented format. */
  tokenIdentifier: z.string().optional(),
  /** When the cached OAuth access token expires (epoch ms), if one is cached. */
  tokenExpiresAt: z.number().optional(),
});
export type EnvironmentSummary = z.infer<typeof EnvironmentSummary>;

export const EnvironmentList = z.object({
  environments: z.array(EnvironmentSummary),
  selectedId: Id.nullable(),
});
export type EnvironmentList = z.infer<typeof EnvironmentList>;

const IsoTimestamp = z.iso.datetime({ offset: true });

export const QueryExecuteRequest = z.object({
  requestId: Id,
  environmentId: Id,
  query: z.string().min(1).max(200_000),
  defaultTimeframeStart: IsoTimestamp.optional(),
  defaultTimeframeEnd: IsoTimestamp.optional(),
  timezone: z.string().max(64).optional(),
  maxResultRecords: z.number().int().positive().max(10_000_000).optional(),
});
export type QueryExecuteRequest = z.infer<typeof QueryExecuteRequest>;

export const QueryOutcome = z.object({
  state: z.enum(['SUCCEEDED', 'CANCELLED']),
  result: QueryResult.optional(),
  durationMs: z.number(),
});
export type QueryOutcome = z.infer<typeof QueryOutcome>;

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

/** One run of a query, kept main-side per environment (the editor's searchable history). */
export const QueryHistoryEntry = z.object({
  id: Id,
  environmentId: Id,
  query: z.string().min(1).max(200_000),
  /** ISO time the run finished (set by main). */
  ranAt: z.string(),
  /** The timeframe as the picker showed it ("Last 2 hours", or an absolute range). */
  timeframe: z.string().max(200),
  state: z.enum(['SUCCEEDED', 'FAILED', 'CANCELLED']),
  durationMs: z.number().nonnegative(),
  records: z.number().int().nonnegative().optional(),
  scannedBytes: z.number().nonnegative().optional(),
  /** Starred entries are never dropped when the history is trimmed. */
  starred: z.boolean(),
});
export type QueryHistoryEntry = z.infer<typeof QueryHistoryEntry>;

/** Newest first. */
export const QueryHistoryList = z.object({ entries: z.array(QueryHistoryEntry) });
export type QueryHistoryList = z.infer<typeof QueryHistoryList>;

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

/** A profile as the user edits it. The secret is write-only: it is never part of any response. */
export const ProfileDraft = z
  .object({
    /** Absent when adding a new profile. */
    id: Id.optional(),
    name: z.string().trim().min(1, 'Enter a name.').max(200),
    url: z.string().max(2048),
    authKind: AuthKind,
    clientId: z.string().trim().max(200).optional(),
    scopes: z.array(z.string().max(200)).max(100).optional(),
    resource: z.string().trim().max(200).optional(),
    tokenUrl: z.string().trim().max(2048).optional(),
    color: LabelColor,
    safety: SafetyLevel,
    /** New secret (client secret, API token or platform token); absent keeps the stored one. */
    secret: z.string().max(4096).optional(),
  })
  .strict();
export type ProfileDraft = z.infer<typeof ProfileDraft>;

export const ProfileView = z.object({
  id: Id,
  name: z.string(),
  kind: z.enum(['sandbox', 'tenant']),
  url: z.string(),
  authKind: AuthKind,
  clientId: z.string().optional(),
  scopes: z.array(z.string()),
  resource: z.string().optional(),
  tokenUrl: z.string().optional(),
  color: LabelColor,
  safety: SafetyLevel,
  /** All the renderer ever learns about a secret. */
  secret: z.object({ configured: z.boolean(), tokenIdentifier: z.string().nullable() }),
  derived: z.object({
    kind: z.enum(['saas', 'managed', 'custom']),
    classicBase: z.string(),
    platformBase: z.string().nullable(),
  }),
});
export type ProfileView = z.infer<typeof ProfileView>;

export const CheckStatus = z.enum(['ok', 'warn', 'fail', 'skip']);
export type CheckStatus = z.infer<typeof CheckStatus>;

export const DiagnosticCheck = z.object({
  id: z.string(),
  label: z.string(),
  status: CheckStatus,
  message: z.string(),
  durationMs: z.number().optional(),
});
export type DiagnosticCheck = z.infer<typeof DiagnosticCheck>;

export const ScopeFinding = z.object({
  feature: z.string(),
  label: z.string(),
  scope: z.string(),
  status: z.enum(['granted', 'missing', 'not-requested', 'unknown']),
});
export type ScopeFinding = z.infer<typeof ScopeFinding>;

export const DiagnosticsReport = z.object({
  environmentId: Id,
  checks: z.array(DiagnosticCheck),
  scopes: z.array(ScopeFinding),
  missingScopes: z.array(z.string()),
  /** IAM policy statements that would grant what is missing (seed 000 step 2). */
  policy: z.array(z.string()),
  clockSkewSeconds: z.number().nullable(),
  proxy: z.string().nullable(),
  /** Plain-text report for a ticket, redacted. */
  report: z.string(),
});
export type DiagnosticsReport = z.infer<typeof DiagnosticsReport>;

/** Platform API console (seed 001): any platform or classic API path of the selected environment. */
export const ConsoleRequest = z
  .object({
    environmentId: Id,
    method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
    /** Path (and query) below the environment, e.g. /platform/app-engine/app-functions/v1/apps/<app>/api/<fn>. */
    path: z.string().min(1).max(4096),
    body: z
      .string()
      .max(1024 * 1024)
      .optional(),
    contentType: z.string().max(200).optional(),
    /** The user confirmed a write to a production environment. */
    confirmProduction: z.literal(true).optional(),
  })
  .strict();
export type ConsoleRequest = z.infer<typeof ConsoleRequest>;

export const ConsoleResponse = z.object({
  status: z.number().int(),
  /** Response headers; credentials and cookies redacted. */
  headers: z.array(z.tuple([z.string(), z.string()])),
  body: z.string(),
  truncated: z.boolean(),
  durationMs: z.number(),
  /** The same call as curl, with placeholders instead of the secret. */
  curl: z.string(),
});
export type ConsoleResponse = z.infer<typeof ConsoleResponse>;

const EnvironmentRef = z.object({ id: Id }).strict();

const Empty = z.object({}).strict();

export const contract = {
  'app:getInfo': { request: Empty, response: AppInfo },
  'secrets:useSessionOnly': { request: Empty, response: SecretBackendStatus },
  'environments:list': { request: Empty, response: EnvironmentList },
  'environments:get': { request: EnvironmentRef, response: ProfileView },
  'environments:save': { request: ProfileDraft, response: ProfileView },
  'environments:remove': { request: EnvironmentRef, response: EnvironmentList },
  'environments:select': { request: EnvironmentRef, response: EnvironmentList },
  'environments:resetSecret': {
    request: z.object({ id: Id, what: z.enum(['secret', 'token']) }).strict(),
    response: ProfileView,
  },
  'environments:export': {
    request: Empty,
    response: z.object({ text: z.string(), count: z.number().int() }),
  },
  'environments:import': {
    request: z.object({ text: z.string().max(1_000_000) }).strict(),
    response: z.object({
      imported: z.array(z.object({ id: Id, name: z.string() })),
      skipped: z.array(z.object({ name: z.string(), reason: z.string() })),
    }),
  },
  'environments:test': { request: EnvironmentRef, response: DiagnosticsReport },
  'console:call': { request: ConsoleRequest, response: ConsoleResponse },
  'query:execute': { request: QueryExecuteRequest, response: QueryOutcome },
  'query:cancel': {
    request: z.object({ requestId: Id }).strict(),
    response: z.object({ cancelled: z.boolean() }),
  },
  'ingest:send': { request: IngestSendRequest, response: IngestSendResponse },
  'ingest:countEvents': { request: IngestCountEventsRequest, response: IngestCountEventsResponse },
  'ingest:confirmArrival': { request: IngestConfirmArrivalRequest, response: IngestArrivalOutcome },
  'ingest:cancelArrival': {
    request: z.object({ requestId: Id }).strict(),
    response: z.object({ cancelled: z.boolean() }),
  },
  /** Where this environment's ingest endpoint is (for "Copy as curl"); never a credential. */
  'ingest:endpoint': {
    request: z.object({ environmentId: Id }).strict(),
    response: z.object({ url: z.string() }),
  },
  'templates:list': { request: Empty, response: UserTemplateList },
  /** Saves under a name; saving an existing name replaces that template. */
  'templates:save': {
    request: UserTemplate.pick({ name: true, contentType: true, body: true }).strict(),
    response: UserTemplateList,
  },
  'templates:remove': { request: z.object({ id: Id }).strict(), response: UserTemplateList },
  'history:list': { request: z.object({ environmentId: Id }).strict(), response: QueryHistoryList },
  /** Records a finished run; answers the environment's history. */
  'history:add': {
    request: QueryHistoryEntry.omit({ id: true, ranAt: true, starred: true }).strict(),
    response: QueryHistoryList,
  },
  'history:star': {
    request: z.object({ id: Id, starred: z.boolean() }).strict(),
    response: QueryHistoryList,
  },
} satisfies Record<(typeof INVOKE_CHANNELS)[number], { request: z.ZodType; response: z.ZodType }>;

export const events = {
  'query:progress': z.object({ requestId: Id, state: QueryState, progress: z.number().optional() }),
  'environments:changed': EnvironmentList,
  'ingest:arrivalProgress': z.object({
    requestId: Id,
    found: z.number().int(),
    expected: z.number().int(),
    elapsedMs: z.number(),
  }),
} satisfies Record<(typeof EVENT_CHANNELS)[number], z.ZodType>;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type RequestOf<C extends Channel> = z.input<Contract[C]['request']>;
export type ParsedRequestOf<C extends Channel> = z.output<Contract[C]['request']>;
export type ResponseOf<C extends Channel> = z.output<Contract[C]['response']>;
export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

/** What every transport returns: errors are data, never thrown across the boundary. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: AppErrorData };

export const EnvelopeSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: AppErrorData }),
]);

/** The renderer-facing API (what the preload exposes as window.bizlens). */
export interface BizlensBridge {
  invoke(channel: string, request: unknown): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}
