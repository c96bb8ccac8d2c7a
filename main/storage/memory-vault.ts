import type { SecretVault } from '../ports';

/** In-memory SecretVault for tests; copies in and out, as the file vault (which seals and re-reads) does. */
export class MemoryVault implements SecretVault {
  private readonly secrets = new Map<string, Uint8Array>();

  /** Store a copy of `secret` under `id`. */
  put(id: string, secret: Uint8Array): void {
    this.secrets.set(id, new Uint8Array(secret));
  }

  /** A fresh copy of the secret under `id`, or undefined. */
  get(id: string): Uint8Array | undefined {
    const secret = this.secrets.get(id);
    return secret && new Uint8Array(secret);
  }

  /** Remove the secret under `id`, if any. */
  delete(id: string): void {
    this.secrets.delete(id);
  }

  /** Whether a secret is stored under `id`. */
  has(id: string): boolean {
    return this.secrets.has(id);
  }
}
