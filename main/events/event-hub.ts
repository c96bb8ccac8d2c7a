import type { EventName, EventPayloads } from '../../shared/ipc';

type Listener = <E extends EventName>(event: E, payload: EventPayloads[E]) => void;

/** Fan-out of main's events (data changes, audit records) to every connected console, whatever its transport. */
export class EventHub {
  private readonly listeners = new Set<Listener>();

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void {
    for (const listener of this.listeners) listener(event, payload);
  }
}
