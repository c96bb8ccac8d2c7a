/** Seals vault values: the key file under Node, the OS keychain (Electron safeStorage) on the desktop. */
export interface Cipher {
  encrypt(plain: Uint8Array): Uint8Array;
  /** Throws when the value was changed or sealed by another cipher or key; the message says which. */
  decrypt(sealed: Uint8Array): Uint8Array;
}

// Every sealed value starts with its cipher's tag, so a cipher handed a value sealed by the other one
// (desktop and CLI may share a data folder) says so instead of reporting it as tampered.
/** Tag of values sealed by the key-file cipher (AES-256-GCM, vault.key). */
export const KEY_FILE_TAG = Buffer.from('CMK1', 'latin1');
/** Tag of values sealed by the safeStorage cipher (desktop, OS keychain). */
export const SAFE_STORAGE_TAG = Buffer.from('CMS1', 'latin1');

/** True when `sealed` starts with `tag`. */
export function hasTag(sealed: Uint8Array, tag: Uint8Array): boolean {
  return sealed.length >= tag.length && Buffer.from(sealed.buffer, sealed.byteOffset, tag.length).equals(tag);
}

/** Why a cipher does not recognise a value: which other cipher sealed it, if any. */
export function foreignValueReason(sealed: Uint8Array): string {
  if (hasTag(sealed, KEY_FILE_TAG)) return 'it was sealed with a vault.key file (by the command line or the web console), not by this cipher';
  if (hasTag(sealed, SAFE_STORAGE_TAG)) return "it was sealed with the desktop app's OS keychain (Electron safeStorage), which only the desktop app can open";
  return 'it is not a CertMapper vault value';
}
