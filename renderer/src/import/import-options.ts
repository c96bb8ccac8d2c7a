import type { StoreName } from '../../../shared/ipc';

/** What the user chose in the import dialog: a forced store (else each certificate's suggested one) and a PKCS#12 password. */
export interface ImportOptions {
  store?: StoreName;
  password?: string;
}

/** Error codes after which the file can be retried with another password. */
export const PASSWORD_CODES = new Set(['PASSWORD_REQUIRED', 'WRONG_PASSWORD']);
