import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, fstatSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { DomainError } from '../../shared/errors';
import { foreignValueReason, hasTag, KEY_FILE_TAG, type Cipher } from './cipher';
import { readSealedValues, VAULT_FILE_NAME } from './vault-file';

/** The key's file in the data folder. */
export const VAULT_KEY_FILE_NAME = 'vault.key';

const KEY_BYTES = 32;
const KEY_ID_BYTES = 4;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = KEY_FILE_TAG.length + KEY_ID_BYTES;
const ALGORITHM = 'aes-256-gcm';

/**
 * AES-256-GCM with a random 32-byte key in `<dir>/vault.key` (mode 0600). A sealed value is
 * tag "CMK1" | key id (4) | IV (12, random per value) | auth tag (16) | ciphertext; tag and key id are
 * authenticated too. The key id tells "sealed with another vault.key" apart from "changed on disk".
 */
export class KeyFileCipher implements Cipher {
  private readonly keyId: Buffer;

  private constructor(
    /** The key file, for messages. */
    readonly keyPath: string,
    private readonly key: Buffer,
  ) {
    this.keyId = keyIdOf(key);
  }

  /**
   * Use `<dir>/vault.key`, creating it (exclusively, complete or not at all) on first use. Refuses a key
   * file others can read, and refuses to create a new key while vault.json holds secrets sealed with a lost one.
   */
  static open(dir: string): KeyFileCipher {
    const keyPath = join(dir, VAULT_KEY_FILE_NAME);
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
    } catch (error) {
      throw new DomainError('IO_ERROR', `Cannot create the data folder ${dir}: ${(error as Error).message}`);
    }
    const existing = readKey(keyPath);
    if (existing) return new KeyFileCipher(keyPath, existing);
    refuseIfSecretsNeedLostKey(dir, keyPath);
    return new KeyFileCipher(keyPath, createKey(keyPath));
  }

  /** Seal `plain` with a fresh random IV. */
  encrypt(plain: Uint8Array): Uint8Array {
    const header = Buffer.concat([KEY_FILE_TAG, this.keyId]);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(header);
    const ciphertext = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([header, iv, cipher.getAuthTag(), ciphertext]);
  }

  /** Open a sealed value; throws an Error saying whether it is foreign, from another key, or changed. */
  decrypt(sealed: Uint8Array): Uint8Array {
    const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
    if (!hasTag(bytes, KEY_FILE_TAG)) throw new Error(foreignValueReason(bytes));
    if (bytes.length < HEADER_BYTES + IV_BYTES + TAG_BYTES) throw new Error('it is truncated');
    const header = bytes.subarray(0, HEADER_BYTES);
    if (!header.subarray(KEY_FILE_TAG.length).equals(this.keyId)) {
      throw new Error(`it was sealed with another vault key, not the one in ${this.keyPath}`);
    }
    const iv = bytes.subarray(HEADER_BYTES, HEADER_BYTES + IV_BYTES);
    const tag = bytes.subarray(HEADER_BYTES + IV_BYTES, HEADER_BYTES + IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv(ALGORITHM, this.key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(header);
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(bytes.subarray(HEADER_BYTES + IV_BYTES + TAG_BYTES)), decipher.final()]);
    } catch {
      throw new Error('it failed its integrity check: it was changed after it was written');
    }
  }
}

// Not secret (4 bytes of a hash of a 256-bit key), just enough to recognise the key a value needs.
function keyIdOf(key: Buffer): Buffer {
  return createHash('sha256').update('CertMapper vault key id\0').update(key).digest().subarray(0, KEY_ID_BYTES);
}

function readKey(keyPath: string): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(keyPath, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new DomainError('IO_ERROR', `Cannot read the vault key ${keyPath}: ${(error as Error).message}`);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new DomainError('IO_ERROR', `The vault key ${keyPath} is not a file`);
    // Like ssh with a private key: a key others could read may have leaked, so we stop and say so
    // rather than quietly tightening the mode. Windows has no such mode bits (ACLs instead).
    if (process.platform !== 'win32' && (stats.mode & 0o077) !== 0) {
      throw new DomainError(
        'IO_ERROR',
        `The vault key ${keyPath} can be read by other users (mode ${(stats.mode & 0o777).toString(8)}); it protects every secret in the vault, ` +
          `so CertMapper will not use it. If nobody else could have read it, make it private with: chmod 600 "${keyPath}"`,
      );
    }
    const key = readFileSync(fd);
    if (key.length !== KEY_BYTES) {
      throw new DomainError('STORE_CORRUPTED', `The vault key ${keyPath} is ${key.length} bytes long; a vault key is ${KEY_BYTES} bytes`);
    }
    return key;
  } finally {
    closeSync(fd);
  }
}

function refuseIfSecretsNeedLostKey(dir: string, keyPath: string): void {
  const orphans = (readSealedValues(dir) ?? []).filter((sealed) => hasTag(sealed, KEY_FILE_TAG)).length;
  if (orphans === 0) return;
  throw new DomainError(
    'STORE_CORRUPTED',
    `The vault key ${keyPath} is missing, but ${join(dir, VAULT_FILE_NAME)} holds ${orphans} secret(s) sealed with it. ` +
      `Restore ${VAULT_KEY_FILE_NAME} from a backup; or, to give those secrets up, move ${VAULT_FILE_NAME} aside and start again.`,
  );
}

/** Create the key file so that it appears complete or not at all, and a concurrent creator's key wins. */
function createKey(keyPath: string): Buffer {
  const key = randomBytes(KEY_BYTES);
  const temp = `${keyPath}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`;
  try {
    writeKeyFile(temp, key);
    try {
      // link() publishes the finished file and fails if one exists: O_EXCL without a half-written window.
      linkSync(temp, keyPath);
      return key;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readKey(keyPath) ?? key;
    }
    // Filesystems without hard links: plain O_EXCL on the final name.
    try {
      writeKeyFile(keyPath, key);
      return key;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readKey(keyPath) ?? key;
      throw error;
    }
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new DomainError('IO_ERROR', `Cannot create the vault key ${keyPath}: ${(error as Error).message}`);
  } finally {
    rmSync(temp, { force: true });
  }
}

function writeKeyFile(path: string, key: Buffer): void {
  const fd = openSync(path, 'wx', 0o600);
  try {
    if (process.platform !== 'win32') fchmodSync(fd, 0o600);
    if (writeSync(fd, key) !== key.length) throw new Error('short write');
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
