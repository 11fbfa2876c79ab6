/** Main → renderer broadcast events (state changes not tied to one call). */
import type { EventName, EventPayload } from '../../src-shared/ipc/contract';

export type BusListener = (name: EventName, payload: unknown) => void;

export class EventBus {
  private readonly listeners = new Set<BusListener>();

  subscribe(listener: BusListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) listener(name, payload);
  }
}
