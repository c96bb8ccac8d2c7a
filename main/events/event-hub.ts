import type { EventName, EventPayloads } from '../../shared/ipc';

type Listener = <E extends EventName>(event: E, payload: EventPayloads[E]) => void;

/** Fan-out of main's events (data changes, audit records) to every connected console, whatever its transport. */
export class EventHub {
  private readonly listeners = new Set<Listener>();
  private consoles = 0;
  private readonly audience = new Set<(present: boolean) => void>();

  /**
   * A console is connected (a web console's event stream, the desktop window): returns its
   * disconnect. What only a console shows (live audit records) is produced only while one is.
   */
  attachConsole(): () => void {
    if (this.consoles++ === 0) for (const listener of this.audience) listener(true);
    let attached = true;
    return () => {
      if (!attached) return;
      attached = false;
      if (--this.consoles === 0) for (const listener of this.audience) listener(false);
    };
  }

  /** Told true when the first console connects and false when the last one goes (and at once, whether one is there). */
  onAudience(listener: (present: boolean) => void): () => void {
    this.audience.add(listener);
    listener(this.consoles > 0);
    return () => this.audience.delete(listener);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void {
    for (const listener of this.listeners) listener(event, payload);
  }
}
