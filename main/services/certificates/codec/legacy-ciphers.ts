import forgeCipher from 'node-forge/lib/cipher';
import 'node-forge/lib/des';
import forgeRc2 from 'node-forge/lib/rc2';
import forgeUtil from 'node-forge/lib/util';

/**
 * Ciphers that old PKCS#12 and PKCS#8 files use but Node 20's OpenSSL 3 only has in the legacy
 * provider (RC2, single DES, RC4). Returns null when the padding is wrong, which with these
 * ciphers almost always means a wrong password.
 */

const toBinary = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('binary');
const fromBinary = (text: string) => new Uint8Array(Buffer.from(text, 'binary'));

/** RC2-CBC decryption with PKCS#7 padding; `effectiveBits` is 40 for the common legacy PKCS#12. */
export function rc2CbcDecrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array, effectiveBits: number): Uint8Array | null {
  if (data.length === 0 || data.length % 8 !== 0) return null;
  const cipher = forgeRc2.createDecryptionCipher(forgeUtil.createBuffer(toBinary(key)), effectiveBits);
  cipher.start(forgeUtil.createBuffer(toBinary(iv)));
  cipher.update(forgeUtil.createBuffer(toBinary(data)));
  return cipher.finish() ? fromBinary(cipher.output.getBytes()) : null;
}

/** Single-DES-CBC decryption with PKCS#7 padding. */
export function desCbcDecrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array | null {
  if (data.length === 0 || data.length % 8 !== 0) return null;
  const decipher = forgeCipher.createDecipher('DES-CBC', forgeUtil.createBuffer(toBinary(key)));
  decipher.start({ iv: forgeUtil.createBuffer(toBinary(iv)) });
  decipher.update(forgeUtil.createBuffer(toBinary(data)));
  return decipher.finish() ? fromBinary(decipher.output.getBytes()) : null;
}

/** RC4 (a stream cipher: no padding, so a wrong password shows only in the decrypted structure). */
export function rc4(key: Uint8Array, data: Uint8Array): Uint8Array {
  const s = new Uint8Array(256);
  for (let i = 0; i < 256; i++) s[i] = i;
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i]! + key[i % key.length]!) & 0xff;
    [s[i], s[j]] = [s[j]!, s[i]!];
  }
  const out = new Uint8Array(data.length);
  for (let n = 0, i = 0, j = 0; n < data.length; n++) {
    i = (i + 1) & 0xff;
    j = (j + s[i]!) & 0xff;
    [s[i], s[j]] = [s[j]!, s[i]!];
    out[n] = data[n]! ^ s[(s[i]! + s[j]!) & 0xff]!;
  }
  return out;
}
