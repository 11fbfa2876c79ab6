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

export const EnvironmentSummary = z.object({
  id: Id,
  name: z.string(),
  kind: z.enum(['sandbox', 'tenant']),
  /** Base URL without credentials or query string. */
  url: z.string(),
  authKind: z.enum(['oauth', 'apiToken', 'platformToken']),
  secretConfigured: z.boolean(),
  status: z.enum(['ready', 'starting', 'needs-secret', 'error']),
  statusMessage: z.string().optional(),
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
});
export type IngestSendRequest = z.infer<typeof IngestSendRequest>;

export const IngestSendResponse = z.object({
  status: z.number().int(),
  accepted: z.boolean(),
  /** Response body text (never contains request headers or credentials). */
  body: z.string(),
  durationMs: z.number(),
});
export type IngestSendResponse = z.infer<typeof IngestSendResponse>;

const Empty = z.object({}).strict();

export const contract = {
  'app:getInfo': { request: Empty, response: AppInfo },
  'secrets:useSessionOnly': { request: Empty, response: SecretBackendStatus },
  'environments:list': { request: Empty, response: EnvironmentList },
  'query:execute': { request: QueryExecuteRequest, response: QueryOutcome },
  'query:cancel': {
    request: z.object({ requestId: Id }).strict(),
    response: z.object({ cancelled: z.boolean() }),
  },
  'ingest:send': { request: IngestSendRequest, response: IngestSendResponse },
} satisfies Record<(typeof INVOKE_CHANNELS)[number], { request: z.ZodType; response: z.ZodType }>;

export const events = {
  'query:progress': z.object({ requestId: Id, state: QueryState, progress: z.number().optional() }),
  'environments:changed': EnvironmentList,
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
