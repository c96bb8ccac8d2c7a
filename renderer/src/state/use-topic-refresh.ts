import { useCallback, useEffect, useRef, useState } from 'react';
import type { DataChangedEvent } from '../../../shared/ipc';
import { errorMessage, onEvent } from '../api';

/**
 * Load once, then again whenever main announces a change to one of `topics`. Never two loads at once
 * (a list can be 50,000 summaries); a refresh asked for while one runs runs once more afterwards,
 * because the running one may predate the change.
 */
export function useTopicRefresh(load: () => Promise<void>, topics: ReadonlySet<DataChangedEvent['topic']>) {
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const inFlight = useRef<Promise<void> | null>(null);
  const again = useRef(false);
  const loadRef = useRef(load);
  loadRef.current = load;

  const refresh = useCallback((): Promise<void> => {
    if (inFlight.current) {
      again.current = true;
      return inFlight.current;
    }
    const run = async () => {
      do {
        again.current = false;
        try {
          await loadRef.current();
          setError(null);
        } catch (caught) {
          setError(errorMessage(caught));
        }
      } while (again.current);
      setLoaded(true);
      inFlight.current = null;
    };
    inFlight.current = run();
    return inFlight.current;
  }, []);

  useEffect(() => {
    void refresh();
    return onEvent('data.changed', ({ topic }) => {
      if (topics.has(topic)) void refresh();
    });
  }, [refresh, topics]);

  return { loaded, error, refresh };
}
