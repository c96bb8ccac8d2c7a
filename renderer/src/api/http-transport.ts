import type { DataChangedEvent, EventName, Result } from '../../../shared/ipc';
import type { Transport } from './transport';

/** The topics announced after a reconnection, so that every cache refreshes once. */
const RESYNC_TOPICS: DataChangedEvent['topic'][] = ['certificates', 'sites', 'accounts'];

/** Answers that are not an envelope (a proxy's error page, a dropped connection) become one here. */
function isEnvelope(value: unknown): value is Result<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

/** The browser console: POST /api/invoke/<channel> with the bearer token; events over SSE. */
export function createHttpTransport(token: string, onUnauthorized: () => void): Transport {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let source: EventSource | undefined;
  let lostConnection = false;

  const emit = (event: EventName, payload: unknown) => {
    for (const listener of listeners.get(event) ?? []) listener(payload);
  };

  // One EventSource for every subscriber, opened on first use. It reconnects by itself; after a gap we
  // may have missed changes, so subscribers are told to refresh as if an event had arrived.
  const ensureSource = () => {
    if (source) return;
    source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
    source.addEventListener('data.changed', (message) => {
      try {
        emit('data.changed', JSON.parse((message as MessageEvent<string>).data));
      } catch {
        emit('data.changed', { topic: 'certificates' });
      }
    });
    source.addEventListener('audit.record', (message) => {
      // A garbled record is dropped: the audit log re-reads audit.recent when it reopens.
      try {
        emit('audit.record', JSON.parse((message as MessageEvent<string>).data));
      } catch {
        /* ignored */
      }
    });
    source.addEventListener('error', () => {
      lostConnection = true;
    });
    source.addEventListener('open', () => {
      // After a gap every cache may be stale: one event per topic a console caches.
      if (lostConnection) for (const topic of RESYNC_TOPICS) emit('data.changed', { topic });
      lostConnection = false;
    });
  };

  return {
    kind: 'http',
    async invoke(channel, input) {
      let response: Response;
      try {
        response = await fetch(`/api/invoke/${channel}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: JSON.stringify(input ?? {}),
        });
      } catch (error) {
        return { ok: false, error: { code: 'INTERNAL', message: `The CertMapper server did not answer (${String(error)}). Is \`certmapper serve\` still running?` } };
      }
      if (response.status === 401) onUnauthorized();
      const body: unknown = await response.json().catch(() => undefined);
      if (isEnvelope(body)) return body;
      return { ok: false, error: { code: 'INTERNAL', message: `Unexpected answer from the server: HTTP ${response.status} ${response.statusText}` } };
    },
    on(event, listener) {
      ensureSource();
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
  };
}
