import type { StoreName } from '../../../shared/ipc';

/** Short store names for the list column, where the full STORE_LABELS would not fit. */
export const STORE_SHORT_LABELS: Record<StoreName, string> = {
  root: 'Trusted Root',
  intermediate: 'Intermediate',
  client: 'Client',
  server: 'Server (Personal)',
};
