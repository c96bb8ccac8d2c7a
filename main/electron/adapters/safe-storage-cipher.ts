import type { SafeStorage } from 'electron';
import { DomainError } from '../../../shared/errors';
import { foreignValueReason, hasTag, SAFE_STORAGE_TAG, type Cipher } from '../../storage/cipher';

/** The part of Electron's safeStorage we use; passed in, so this module loads (and tests) without Electron. */
export type SafeStorageApi = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'>;

/** When to accept safeStorage. */
export interface SafeStorageCipherOptions {
  /** Defaults to process.platform. */
  platform?: NodeJS.Platform;
  /**
   * Linux without a keyring: safeStorage falls back to "basic_text", a key built into Chromium, which
   * protects nothing. Refused unless this is set (the composition root should rather use the key file).
   */
  allowBasicText?: boolean;
}

/**
 * Cipher over the OS keychain (DPAPI, Keychain, libsecret/kwallet) through Electron's safeStorage.
 * safeStorage seals strings, so bytes travel as base64; sealed values carry the tag "CMS1".
 */
export class SafeStorageCipher implements Cipher {
  private constructor(private readonly safeStorage: SafeStorageApi) {}

  /** Check that safeStorage really encrypts (call after app 'ready'), else throw a DomainError saying why. */
  static open(safeStorage: SafeStorageApi, options: SafeStorageCipherOptions = {}): SafeStorageCipher {
    if (!safeStorage.isEncryptionAvailable()) {
      throw new DomainError('IO_ERROR', 'The OS keychain is not available to CertMapper (Electron safeStorage), so secrets cannot be stored encrypted');
    }
    if ((options.platform ?? process.platform) === 'linux') {
      const backend = safeStorage.getSelectedStorageBackend();
      if (backend === 'unknown') throw new DomainError('INTERNAL', 'safeStorage was asked before Electron was ready');
      if (backend === 'basic_text' && !options.allowBasicText) {
        throw new DomainError(
          'IO_ERROR',
          'No keyring (GNOME libsecret or KWallet) is available, and safeStorage would only obfuscate secrets with a built-in key',
        );
      }
    }
    return new SafeStorageCipher(safeStorage);
  }

  /** Seal `plain` with the OS keychain's key. */
  encrypt(plain: Uint8Array): Uint8Array {
    const sealed = this.safeStorage.encryptString(Buffer.from(plain).toString('base64'));
    return Buffer.concat([SAFE_STORAGE_TAG, sealed]);
  }

  /** Open a value sealed by encrypt(); throws an Error saying whether it is foreign or could not be opened. */
  decrypt(sealed: Uint8Array): Uint8Array {
    if (!hasTag(sealed, SAFE_STORAGE_TAG)) throw new Error(foreignValueReason(sealed));
    const body = Buffer.from(sealed.buffer, sealed.byteOffset + SAFE_STORAGE_TAG.length, sealed.byteLength - SAFE_STORAGE_TAG.length);
    let base64: string;
    try {
      base64 = this.safeStorage.decryptString(body);
    } catch (error) {
      throw new Error(`the OS keychain could not open it (changed, or sealed for another user or machine): ${(error as Error).message}`);
    }
    return new Uint8Array(Buffer.from(base64, 'base64'));
  }
}
