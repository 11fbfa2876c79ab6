/** Main-side handler types derived from the contract: plain async functions (request, ctx) → response. */
import type {
  Channel,
  EventName,
  EventPayload,
  ParsedRequestOf,
  ResponseOf,
} from '../../src-shared/ipc/contract';

/** Context a handler receives: who to notify and when to stop. */
export interface CallContext {
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
  signal: AbortSignal;
}

export type Handlers = {
  [C in Channel]: (request: ParsedRequestOf<C>, ctx: CallContext) => Promise<ResponseOf<C>>;
};
