/**
 * The one IPC contract between renderer and main: every call as `domain:verbNoun` with a zod
 * request and response schema, and every event main can push. Each domain keeps its schemas in
 * `domains/<domain>.ts`; this file joins them and derives the types every transport uses.
 */
import { z } from 'zod';
import { AppErrorData } from '../errors';
import type { EVENT_CHANNELS, INVOKE_CHANNELS } from './channels';
import { appCalls } from './domains/app';
import { environmentCalls, environmentEvents } from './domains/environments';
import { healthCalls, healthEvents } from './domains/health';
import { ingestCalls, ingestEvents } from './domains/ingest';
import { queryCalls, queryEvents } from './domains/query';
import { resultCalls } from './domains/results';
import { sandboxCalls } from './domains/sandbox';

export * from './domains/app';
export * from './domains/environments';
export * from './domains/health';
export * from './domains/ingest';
export * from './domains/query';
export * from './domains/results';
export * from './domains/sandbox';

export const contract = {
  ...appCalls,
  ...environmentCalls,
  ...queryCalls,
  ...ingestCalls,
  ...healthCalls,
  ...resultCalls,
  ...sandboxCalls,
} satisfies Record<(typeof INVOKE_CHANNELS)[number], { request: z.ZodType; response: z.ZodType }>;

export const events = {
  ...queryEvents,
  ...environmentEvents,
  ...ingestEvents,
  ...healthEvents,
} satisfies Record<(typeof EVENT_CHANNELS)[number], z.ZodType>;

// Spreads escape excess-property checks, so check the other direction too: no call or event
// exists that the preload's allow-list (channels.ts) does not name.
type Extra<A, B> = Exclude<keyof A, B>;
const noExtraCalls: Extra<typeof contract, (typeof INVOKE_CHANNELS)[number]> extends never ? true : never =
  true;
const noExtraEvents: Extra<typeof events, (typeof EVENT_CHANNELS)[number]> extends never ? true : never =
  true;
void noExtraCalls;
void noExtraEvents;

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
