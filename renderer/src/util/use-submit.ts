import { useCallback, useState } from 'react';
import { errorMessage } from '../api';

/** A dialog's submit state: busy while the call runs, the error message if it failed. */
export interface Submit {
  busy: boolean;
  error: string | null;
  setError(error: string | null): void;
  /** Run the action; resolves true when it succeeded, false when it threw (its message is kept in `error`). */
  run(action: () => Promise<void>): Promise<boolean>;
}

/** Busy and error state around one asynchronous action, so every dialog reports failures the same way. */
export function useSubmit(): Submit {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      return true;
    } catch (caught) {
      setError(errorMessage(caught));
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}
