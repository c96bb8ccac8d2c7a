import { createDecipheriv, createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { DomainError } from '../../../../shared/errors';
import { certificateLayout } from './certificate';
import { expectTag, malformed, octetString, readTlv, readWhole, TAG } from './der';
import { desCbcDecrypt } from './legacy-ciphers';
import { toPem } from './pem';
import { DecryptionFailed, decryptPasswordBased, passwordEncodings } from './password-based';
import type { DecodedCertificate, DecodedPrivateKey } from './types';

/** A private key that still needs the password: encrypted PKCS#8, or a traditional OpenSSL PEM with DEK-Info. */
export type EncryptedKey =
  | { kind: 'pkcs8'; der: Uint8Array }
  | { kind: 'traditional'; label: string; dekInfo: string; der: Uint8Array };

/** PKCS#1 / SEC1 / DSA ("RSA PRIVATE KEY" ...) to PKCS#8, through node:crypto. */
export function traditionalToPkcs8(label: string, der: Uint8Array): Uint8Array {
  try {
    const key = createPrivateKey({ key: toPem(der, label), format: 'pem' });
    return new Uint8Array(key.export({ type: 'pkcs8', format: 'der' }));
  } catch (error) {
    throw malformed(`The private key (${label}) could not be read: ${(error as Error).message}.`);
  }
}

// OpenSSL's EVP_BytesToKey with MD5 and one round: the key derivation of "Proc-Type: 4,ENCRYPTED" PEM.
function bytesToKey(password: Uint8Array, salt: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let previous: Uint8Array = new Uint8Array(0);
  for (let offset = 0; offset < length; offset += previous.length) {
    previous = createHash('md5').update(previous).update(password).update(salt).digest();
    out.set(previous.subarray(0, Math.min(previous.length, length - offset)), offset);
  }
  return out;
}

const DEK_CIPHERS: Record<string, { node?: string; keyLength: number }> = {
  'AES-128-CBC': { node: 'aes-128-cbc', keyLength: 16 },
  'AES-192-CBC': { node: 'aes-192-cbc', keyLength: 24 },
  'AES-256-CBC': { node: 'aes-256-cbc', keyLength: 32 },
  'DES-EDE3-CBC': { node: 'des-ede3-cbc', keyLength: 24 },
  'DES-CBC': { keyLength: 8 },
};

function decryptTraditional(key: Extract<EncryptedKey, { kind: 'traditional' }>, password: string): Uint8Array {
  const [name = '', ivHex = ''] = key.dekInfo.split(',').map((part) => part.trim());
  const cipher = DEK_CIPHERS[name.toUpperCase()];
  if (!cipher) throw new DomainError('UNSUPPORTED_ENCRYPTION', `The private key is encrypted with ${name || 'an unnamed cipher'}, which CertMapper does not support.`);
  const iv = new Uint8Array(Buffer.from(ivHex, 'hex'));
  if (iv.length < 8) throw malformed('The encrypted private key has a damaged DEK-Info header.');
  const derived = bytesToKey(new Uint8Array(Buffer.from(password, 'utf8')), iv.subarray(0, 8), cipher.keyLength);
  let plain: Uint8Array | null;
  if (cipher.node) {
    try {
      const decipher = createDecipheriv(cipher.node, derived, iv);
      plain = new Uint8Array(Buffer.concat([decipher.update(key.der), decipher.final()]));
    } catch {
      plain = null;
    }
  } else {
    plain = desCbcDecrypt(derived, iv, key.der);
  }
  try {
    if (!plain) throw new DecryptionFailed();
    readWhole(plain, 'The decrypted key');
  } catch {
    throw new DecryptionFailed();
  }
  return traditionalToPkcs8(key.label, plain);
}

/**
 * Decrypt a pending key with the password. PASSWORD_REQUIRED without one; WRONG_PASSWORD when
 * it does not decrypt; UNSUPPORTED_ENCRYPTION for unknown schemes.
 */
export function decryptKey(key: EncryptedKey, password: string | undefined): Uint8Array {
  if (password === undefined) throw new DomainError('PASSWORD_REQUIRED', 'The private key in this file is encrypted: enter its password.');
  const wrong = () => new DomainError('WRONG_PASSWORD', 'The password for the encrypted private key is wrong (the key does not decrypt).');
  if (key.kind === 'traditional') {
    try {
      return decryptTraditional(key, password);
    } catch (error) {
      if (error instanceof DecryptionFailed) throw wrong();
      throw error;
    }
  }
  const info = expectTag(readWhole(key.der, 'The encrypted private key'), TAG.SEQUENCE, 'an encrypted private key');
  const algId = expectTag(readTlv(key.der, info.contentStart, info.contentEnd), TAG.SEQUENCE, 'the key encryption algorithm');
  const data = octetString(key.der, expectTag(readTlv(key.der, algId.end, info.contentEnd), TAG.OCTET_STRING, 'the encrypted key'));
  for (const candidate of passwordEncodings(password)) {
    try {
      return decryptPasswordBased(key.der, algId, data, candidate);
    } catch (error) {
      if (!(error instanceof DecryptionFailed)) throw error;
    }
  }
  throw wrong();
}

// Both sides go through node:crypto's SPKI export so equal keys compare equal whatever their
// encoding (compressed EC points, explicit parameters).
function normalizedSpki(key: KeyObject): string {
  return key.export({ type: 'spki', format: 'der' }).toString('base64');
}

/**
 * Pair each key with the certificate whose public key it matches. Only containers with keys
 * pay for this (a PFX holds a handful of certificates), so the extra parse is fine here.
 */
export function matchKeysToCertificates(keys: Uint8Array[], certificates: DecodedCertificate[]): DecodedPrivateKey[] {
  if (keys.length === 0) return [];
  const certificateKeys = new Map<string, string>();
  for (const certificate of certificates) {
    try {
      const { spki } = certificateLayout(certificate.der);
      const publicKey = createPublicKey({ key: Buffer.from(certificate.der.subarray(spki.start, spki.end)), format: 'der', type: 'spki' });
      const id = normalizedSpki(publicKey);
      if (!certificateKeys.has(id)) certificateKeys.set(id, certificate.sha256);
    } catch {
      // A key type node:crypto cannot load: that certificate just gets no key.
    }
  }
  return keys.map((pkcs8Der) => {
    try {
      const privateKey = createPrivateKey({ key: Buffer.from(pkcs8Der), format: 'der', type: 'pkcs8' });
      const certificateSha256 = certificateKeys.get(normalizedSpki(createPublicKey(privateKey)));
      return certificateSha256 ? { pkcs8Der, certificateSha256 } : { pkcs8Der };
    } catch {
      return { pkcs8Der };
    }
  });
}
