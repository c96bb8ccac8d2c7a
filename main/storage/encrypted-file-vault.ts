import { closeSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DomainError } from '../../shared/errors';
import type { SecretVault } from '../ports';
import { writeFileAtomic } from './atomic-file';
import type { Cipher } from './cipher';
import { FileVersion, readSnapshot, type FileSnapshot } from './file-version';
import { packSecret, unpackSecret } from './secret-envelope';
import { parseVaultFile, serializeVaultFile, VAULT_FILE_MODE, VAULT_FILE_NAME } from './vault-file';

/**
 * SecretVault in `<dir>/vault.json` (mode 0600): id -> base64 of the sealed value, rewritten atomically
 * on each change. Like the stores it re-reads only when another process (the CLI) changed the file.
 */
export class EncryptedFileVault implements SecretVault {
  /** The vault file, for messages. */
  readonly path: string;
  private readonly version: FileVersion;
  private secrets = new Map<string, string>();

  constructor(
    dir: string,
    private readonly cipher: Cipher,
  ) {
    this.path = join(dir, VAULT_FILE_NAME);
    this.version = new FileVersion(this.path);
    // Loaded on first use, so a damaged vault fails the operations that need it, not every start.
  }

  /** Seal and store `secret` under `id`, replacing any previous one. */
  put(id: string, secret: Uint8Array): void {
    const packed = packSecret(id, secret);
    let sealed: string;
    try {
      sealed = Buffer.from(this.cipher.encrypt(packed)).toString('base64');
    } finally {
      packed.fill(0);
    }
    const next = new Map(this.current());
    next.set(id, sealed);
    this.save(next);
  }

  /** The secret stored under `id`, or undefined; throws STORE_CORRUPTED, naming the vault file, if it cannot be opened. */
  get(id: string): Uint8Array | undefined {
    const sealed = this.current().get(id);
    if (sealed === undefined) return undefined;
    let packed: Uint8Array | undefined;
    try {
      packed = this.cipher.decrypt(Buffer.from(sealed, 'base64'));
      return unpackSecret(id, packed);
    } catch (error) {
      throw new DomainError('STORE_CORRUPTED', `The secret "${id}" in ${this.path} cannot be decrypted: ${(error as Error).message}`);
    } finally {
      packed?.fill(0);
    }
  }

  /** Remove the secret stored under `id` (nothing is written if there is none). */
  delete(id: string): void {
    if (!this.current().has(id)) return;
    const next = new Map(this.current());
    next.delete(id);
    this.save(next);
  }

  /** Whether a secret is stored under `id` (without decrypting it). */
  has(id: string): boolean {
    return this.current().has(id);
  }

  /** Release the descriptor pinning the cached version (tests). */
  close(): void {
    this.version.close();
  }

  private current(): ReadonlyMap<string, string> {
    if (!this.version.isCurrent()) this.reload();
    return this.secrets;
  }

  private reload(): void {
    let snapshot: FileSnapshot | undefined;
    try {
      snapshot = readSnapshot(this.path);
    } catch (error) {
      throw new DomainError('IO_ERROR', `Cannot read the vault ${this.path}: ${(error as Error).message}`);
    }
    if (!snapshot) {
      this.secrets = new Map();
      this.version.hold(undefined);
      return;
    }
    try {
      this.secrets = parseVaultFile(snapshot.text);
    } catch (error) {
      closeSync(snapshot.fd);
      // Never start over silently: that would throw away every key. Not held, so a fixed file is picked up.
      throw new DomainError(
        'STORE_CORRUPTED',
        `The vault ${this.path} is damaged (${(error as Error).message}); restore it from a backup, or move it aside to start an empty vault.`,
      );
    }
    this.version.hold(snapshot.signature, snapshot.fd);
  }

  private save(secrets: Map<string, string>): void {
    try {
      mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
      const written = writeFileAtomic(this.path, serializeVaultFile(secrets), { mode: VAULT_FILE_MODE, keepOpen: true });
      this.secrets = secrets;
      this.version.hold(written.signature, written.fd);
    } catch (error) {
      throw new DomainError('IO_ERROR', `Cannot write the vault ${this.path}: ${(error as Error).message}`);
    }
  }
}
