import { errorMessage } from '../api';
import { useConsoleActions } from '../state/console-context';

/** Run a change and put its outcome in the status bar: `text` on success, the server's reason on failure. */
export function useReportedCall(): (text: string, action: () => Promise<unknown>) => Promise<void> {
  const { report } = useConsoleActions();
  return async (text, action) => {
    try {
      await action();
      report(text, 'success');
    } catch (error) {
      report(errorMessage(error), 'error');
    }
  };
}
