import { createCipheriv, pbkdf2Sync, randomBytes } from 'node:crypto';
import { integer, nullValue, octetString, oid, sequence } from '../certificates/codec/der-values';

const PBES2 = '1.2.840.113549.1.5.13';
const PBKDF2 = '1.2.840.113549.1.5.12';
const HMAC_WITH_SHA256 = '1.2.840.113549.2.9';
const AES_256_CBC = '2.16.840.1.101.3.4.1.42';

/** OpenSSL 3's default for `pkcs12 -export` and `pkcs8 -topk8`: readers everywhere accept it. */
export const DEFAULT_ITERATIONS = 2048;

/**
 * Encrypt with PBES2 (RFC 8018): PBKDF2-HMAC-SHA256 over the UTF-8 password, AES-256-CBC.
 * Returns the AlgorithmIdentifier and the ciphertext, the two halves of an EncryptedPrivateKeyInfo
 * and of a PKCS#12 EncryptedContentInfo.
 */
export function pbes2Encrypt(plain: Uint8Array, password: string, iterations = DEFAULT_ITERATIONS): { algorithm: Uint8Array; ciphertext: Uint8Array } {
  const salt = randomBytes(16);
  const iv = randomBytes(16);
  const key = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iterations, 32, 'sha256');
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  const ciphertext = new Uint8Array(Buffer.concat([cipher.update(plain), cipher.final()]));
  const kdf = sequence(oid(PBKDF2), sequence(octetString(salt), integer(iterations), sequence(oid(HMAC_WITH_SHA256), nullValue())));
  const algorithm = sequence(oid(PBES2), sequence(kdf, sequence(oid(AES_256_CBC), octetString(iv))));
  return { algorithm, ciphertext };
}

/** EncryptedPrivateKeyInfo ("BEGIN ENCRYPTED PRIVATE KEY") for a PKCS#8 key. */
export function encryptPkcs8(pkcs8: Uint8Array, password: string, iterations = DEFAULT_ITERATIONS): Uint8Array {
  const { algorithm, ciphertext } = pbes2Encrypt(pkcs8, password, iterations);
  return sequence(algorithm, octetString(ciphertext));
}
