/**
 * The only place in the renderer that touches the transport. window.bizlens is provided by the
 * preload (Electron) or by the same preload running over the web edition's socket.
 */
import { AppError, AppErrorData } from '../../src-shared/errors';
import type {
  BizlensBridge,
  Channel,
  Envelope,
  EventName,
  EventPayload,
  RequestOf,
  ResponseOf,
} from '../../src-shared/ipc/contract';

declare global {
  interface Window {
    bizlens?: BizlensBridge;
  }
}

function bridge(): BizlensBridge {
  const b = window.bizlens;
  if (!b) throw new AppError('NO_BRIDGE', 'The application bridge is not available.');
  return b;
}

export async function invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
  const envelope = (await bridge().invoke(channel, request)) as Envelope<ResponseOf<C>>;
  if (envelope.ok) return envelope.value;
  throw AppError.fromData(AppErrorData.parse(envelope.error));
}

export function on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return bridge().on(event, (payload) => listener(payload as EventPayload<E>));
}
