import type { DataChangedEvent, EventName } from '../../shared/ipc';

type Listener = (event: EventName, payload: DataChangedEvent) => void;

/** Fan-out of main's `*.changed` events to every connected console, whatever its transport. */
export class EventHub {
  private readonly listeners = new Set<Listener>();

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: EventName, payload: DataChangedEvent): void {
    for (const listener of this.listeners) listener(event, payload);
  }
}
