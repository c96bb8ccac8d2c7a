/**
 * Where secrets (private keys, mapping passwords) live. Values are encrypted before they touch disk:
 * with Electron's safeStorage on the desktop, with a 0600 key file under Node.
 */
export interface SecretVault {
  put(id: string, secret: Uint8Array): void;
  get(id: string): Uint8Array | undefined;
  delete(id: string): void;
  has(id: string): boolean;
}
