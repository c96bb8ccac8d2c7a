import { createHash } from 'node:crypto';
import { iterateDigest } from './iterated-hash';

/** Digest length u and block size v (bytes) of the hashes the PKCS#12 KDF may use. */
const SIZES: Record<string, { u: number; v: number }> = {
  md5: { u: 16, v: 64 },
  sha1: { u: 20, v: 64 },
  sha224: { u: 28, v: 64 },
  sha256: { u: 32, v: 64 },
  sha384: { u: 48, v: 128 },
  sha512: { u: 64, v: 128 },
  'sha512-224': { u: 28, v: 128 },
  'sha512-256': { u: 32, v: 128 },
  blake2b512: { u: 64, v: 128 },
};

/** True when the PKCS#12 KDF can use this hash. */
export function pkcs12KdfSupports(hash: string): boolean {
  return hash in SIZES;
}

/** Key material purposes of RFC 7292 appendix B.3. */
export const KDF_ID = { KEY: 1, IV: 2, MAC: 3 } as const;

/**
 * RFC 7292 appendix B.2: derive `size` bytes from a BMPString password (already encoded, with
 * its two-zero terminator, or empty for an absent password).
 */
export function pkcs12Kdf(hash: string, password: Uint8Array, salt: Uint8Array, id: number, iterations: number, size: number): Uint8Array {
  const sizes = SIZES[hash];
  if (!sizes) throw new Error(`PKCS#12 KDF: unsupported hash ${hash}`);
  const { u, v } = sizes;
  const diversifier = new Uint8Array(v).fill(id);
  const sLen = v * Math.ceil(salt.length / v);
  const pLen = v * Math.ceil(password.length / v);
  const input = new Uint8Array(sLen + pLen);
  for (let i = 0; i < sLen; i++) input[i] = salt[i % salt.length]!;
  for (let i = 0; i < pLen; i++) input[sLen + i] = password[i % password.length]!;
  const out = new Uint8Array(size);
  const block = new Uint8Array(v);
  for (let offset = 0; offset < size; offset += u) {
    const first = createHash(hash).update(diversifier).update(input).digest();
    const a = iterateDigest(hash, new Uint8Array(first.buffer, first.byteOffset, first.length), Math.max(iterations, 1) - 1);
    out.set(a.subarray(0, Math.min(u, size - offset)), offset);
    if (offset + u >= size) break;
    for (let i = 0; i < v; i++) block[i] = a[i % u]!;
    // I_j = (I_j + B + 1) mod 2^(8v), for each v-byte block of I.
    for (let j = 0; j < input.length; j += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k--) {
        const sum = input[j + k]! + block[k]! + carry;
        input[j + k] = sum & 0xff;
        carry = sum >>> 8;
      }
    }
  }
  return out;
}
