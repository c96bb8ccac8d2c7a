import { describe, expect, it } from 'vitest';
import { SafeStorageCipher } from '../../../main/electron/adapters/safe-storage-cipher';
import { KEY_FILE_TAG } from '../../../main/storage/cipher';
import { fakeSafeStorage } from './fake-safe-storage';

describe('SafeStorageCipher', () => {
  it('refuses to start when safeStorage cannot encrypt', () => {
    expect(() => SafeStorageCipher.open(fakeSafeStorage({ available: false }), { platform: 'darwin' })).toThrow(/keychain is not available/);
  });

  it("refuses Linux's basic_text fallback unless allowed", () => {
    const storage = fakeSafeStorage({ backend: 'basic_text' });
    expect(() => SafeStorageCipher.open(storage, { platform: 'linux' })).toThrow(/No keyring/);
    expect(() => SafeStorageCipher.open(storage, { platform: 'linux', allowBasicText: true })).not.toThrow();
    expect(() => SafeStorageCipher.open(storage, { platform: 'win32' })).not.toThrow();
  });

  it('round-trips bytes through the string API, tagged as its own', () => {
    const cipher = SafeStorageCipher.open(fakeSafeStorage(), { platform: 'linux' });
    const plain = new Uint8Array([0, 1, 2, 250, 255]);
    const sealed = cipher.encrypt(plain);
    expect(Buffer.from(sealed).subarray(0, 4).toString('latin1')).toBe('CMS1');
    expect(cipher.decrypt(sealed)).toEqual(plain);
  });

  it('says a key-file value comes from the command line, not that it was tampered with', () => {
    const cipher = SafeStorageCipher.open(fakeSafeStorage(), { platform: 'win32' });
    expect(() => cipher.decrypt(Buffer.concat([KEY_FILE_TAG, Buffer.alloc(40)]))).toThrow(/vault\.key/);
  });

  it('reports a value the keychain cannot open', () => {
    const cipher = SafeStorageCipher.open(fakeSafeStorage(), { platform: 'win32' });
    const other = SafeStorageCipher.open(fakeSafeStorage(), { platform: 'win32' });
    expect(() => other.decrypt(cipher.encrypt(new Uint8Array([1])))).toThrow(/OS keychain could not open it/);
  });
});
