import { createDecipheriv, createHash, getHashes, pbkdf2Sync, scryptSync } from 'node:crypto';
import { DomainError } from '../../../../shared/errors';
import { expectTag, malformed, nextSibling, octetString, readOid, readSmallInt, readTlv, readWhole, TAG, type Tlv } from './der';
import { desCbcDecrypt, rc2CbcDecrypt, rc4 } from './legacy-ciphers';
import { describeOid, HMACS } from './oids';
import { KDF_ID, pkcs12Kdf } from './pkcs12-kdf';

/** One way of turning the user's password into bytes: PKCS#12 schemes use BMPString, PKCS#5 ones UTF-8. */
export interface PasswordBytes {
  bmp: Uint8Array;
  utf8: Uint8Array;
}

function bmpString(password: string): Uint8Array {
  const out = new Uint8Array(password.length * 2 + 2); // two-zero terminator (RFC 7292 B.1)
  for (let i = 0; i < password.length; i++) {
    const code = password.charCodeAt(i);
    out[i * 2] = code >> 8;
    out[i * 2 + 1] = code & 0xff;
  }
  return out;
}

/**
 * The encodings to try for a password. An empty or absent password has two: "" (BMP 00 00, what
 * OpenSSL writes) and "no password" (zero bytes, what some Windows and Java tools write).
 */
export function passwordEncodings(password: string | undefined): PasswordBytes[] {
  if (!password) {
    const utf8 = new Uint8Array(0);
    return [
      { bmp: new Uint8Array(2), utf8 },
      { bmp: new Uint8Array(0), utf8 },
    ];
  }
  return [{ bmp: bmpString(password), utf8: new Uint8Array(Buffer.from(password, 'utf8')) }];
}

/** Decryption did not produce valid data: with the right algorithm, a wrong password (or damage). */
export class DecryptionFailed extends Error {
  constructor() {
    super('decryption failed');
    this.name = 'DecryptionFailed';
  }
}

// Iteration counts and scrypt memory above these are an attack on the importer, not a real file.
const MAX_ITERATIONS = 10_000_000;
const MAX_SCRYPT_MEMORY = 1024 * 1024 * 1024;

function unsupported(oid: string, what = 'encryption'): DomainError {
  return new DomainError('UNSUPPORTED_ENCRYPTION', `The file uses an unsupported ${what} algorithm: ${describeOid(oid)}.`);
}

function iterationsOf(buf: Uint8Array, tlv: Tlv | null): number {
  const n = tlv ? readSmallInt(buf, tlv) : 1;
  if (n > MAX_ITERATIONS) throw malformed(`The file asks for ${n} key-derivation iterations, more than any real file uses.`);
  return Math.max(n, 1);
}

function nodeDecrypt(algorithm: string, key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  try {
    const decipher = createDecipheriv(algorithm, key, iv);
    return new Uint8Array(Buffer.concat([decipher.update(data), decipher.final()]));
  } catch {
    throw new DecryptionFailed();
  }
}

const PKCS12_PBE: Record<string, { cipher: 'rc4' | 'des-ede3' | 'des-ede' | 'rc2'; keyLength: number; rc2Bits?: number }> = {
  '1.2.840.113549.1.12.1.1': { cipher: 'rc4', keyLength: 16 },
  '1.2.840.113549.1.12.1.2': { cipher: 'rc4', keyLength: 5 },
  '1.2.840.113549.1.12.1.3': { cipher: 'des-ede3', keyLength: 24 },
  '1.2.840.113549.1.12.1.4': { cipher: 'des-ede', keyLength: 16 },
  '1.2.840.113549.1.12.1.5': { cipher: 'rc2', keyLength: 16, rc2Bits: 128 },
  '1.2.840.113549.1.12.1.6': { cipher: 'rc2', keyLength: 5, rc2Bits: 40 },
};

const PBES1: Record<string, { hash: string; cipher: 'des' | 'rc2' }> = {
  '1.2.840.113549.1.5.3': { hash: 'md5', cipher: 'des' },
  '1.2.840.113549.1.5.6': { hash: 'md5', cipher: 'rc2' },
  '1.2.840.113549.1.5.10': { hash: 'sha1', cipher: 'des' },
  '1.2.840.113549.1.5.11': { hash: 'sha1', cipher: 'rc2' },
};

const PBES2_OID = '1.2.840.113549.1.5.13';
const PBKDF2_OID = '1.2.840.113549.1.5.12';
const SCRYPT_OID = '1.3.6.1.4.1.11591.4.11';

const PBES2_CIPHERS: Record<string, { kind: 'cbc' | 'gcm' | 'des' | 'rc2'; node?: string; keyLength: number }> = {
  '2.16.840.1.101.3.4.1.2': { kind: 'cbc', node: 'aes-128-cbc', keyLength: 16 },
  '2.16.840.1.101.3.4.1.22': { kind: 'cbc', node: 'aes-192-cbc', keyLength: 24 },
  '2.16.840.1.101.3.4.1.42': { kind: 'cbc', node: 'aes-256-cbc', keyLength: 32 },
  '2.16.840.1.101.3.4.1.6': { kind: 'gcm', node: 'aes-128-gcm', keyLength: 16 },
  '2.16.840.1.101.3.4.1.26': { kind: 'gcm', node: 'aes-192-gcm', keyLength: 24 },
  '2.16.840.1.101.3.4.1.46': { kind: 'gcm', node: 'aes-256-gcm', keyLength: 32 },
  '1.2.840.113549.3.7': { kind: 'cbc', node: 'des-ede3-cbc', keyLength: 24 },
  '1.3.14.3.2.7': { kind: 'des', keyLength: 8 },
  '1.2.840.113549.3.2': { kind: 'rc2', keyLength: 16 },
};

/** RFC 8018 B.2.3: the RC2 "version" parameter encodes the effective key bits. */
function rc2EffectiveBits(version: number): number {
  if (version === 160) return 40;
  if (version === 120) return 64;
  if (version === 58) return 128;
  return version >= 256 ? version : 32;
}

/** Key derivation of PBES2 (PBKDF2 or scrypt); exported because PBMAC1 uses PBKDF2 too. */
export function deriveKey(buf: Uint8Array, kdf: Tlv, password: Uint8Array, defaultLength: number | null): Uint8Array {
  const oidTlv = readTlv(buf, kdf.contentStart, kdf.contentEnd);
  const oid = readOid(buf, oidTlv);
  const params = expectTag(nextSibling(buf, kdf, oidTlv), TAG.SEQUENCE, 'key-derivation parameters');
  const saltTlv = readTlv(buf, params.contentStart, params.contentEnd);
  if (saltTlv.tag !== TAG.OCTET_STRING) throw unsupported(oid, 'key-derivation salt source');
  const salt = octetString(buf, saltTlv);
  if (oid === PBKDF2_OID) {
    const iterTlv = readTlv(buf, saltTlv.end, params.contentEnd);
    const iterations = iterationsOf(buf, iterTlv);
    let keyLength: number | null = null;
    let hash = 'sha1';
    for (let p = iterTlv.end; p < params.contentEnd; ) {
      const field = readTlv(buf, p, params.contentEnd);
      p = field.end;
      if (field.tag === TAG.INTEGER) keyLength = readSmallInt(buf, field);
      else if (field.tag === TAG.SEQUENCE) {
        const prf = readOid(buf, readTlv(buf, field.contentStart, field.contentEnd));
        const name = HMACS[prf];
        if (!name) throw unsupported(prf, 'key-derivation (PRF)');
        hash = name;
      }
    }
    const length = keyLength ?? defaultLength;
    if (length === null) throw malformed('The PBKDF2 parameters lack the key length.');
    return new Uint8Array(pbkdf2Sync(password, salt, iterations, length, hash));
  }
  if (oid === SCRYPT_OID) {
    const nTlv = readTlv(buf, saltTlv.end, params.contentEnd);
    const rTlv = readTlv(buf, nTlv.end, params.contentEnd);
    const pTlv = readTlv(buf, rTlv.end, params.contentEnd);
    const [N, r, p] = [readSmallInt(buf, nTlv), readSmallInt(buf, rTlv), readSmallInt(buf, pTlv)];
    const lengthTlv = pTlv.end < params.contentEnd ? readTlv(buf, pTlv.end, params.contentEnd) : null;
    const length = lengthTlv ? readSmallInt(buf, lengthTlv) : defaultLength;
    if (length === null) throw malformed('The scrypt parameters lack the key length.');
    const memory = 128 * N * r * p + 1024 * 1024;
    if (memory > MAX_SCRYPT_MEMORY) throw malformed('The scrypt parameters ask for more memory than any real file uses.');
    return new Uint8Array(scryptSync(password, salt, length, { N, r, p, maxmem: memory * 2 }));
  }
  throw unsupported(oid, 'key-derivation');
}

function decryptPbes2(buf: Uint8Array, params: Tlv, data: Uint8Array, password: PasswordBytes): Uint8Array {
  const kdf = expectTag(readTlv(buf, params.contentStart, params.contentEnd), TAG.SEQUENCE, 'PBES2 key derivation');
  const scheme = expectTag(readTlv(buf, kdf.end, params.contentEnd), TAG.SEQUENCE, 'PBES2 encryption scheme');
  const cipherOidTlv = readTlv(buf, scheme.contentStart, scheme.contentEnd);
  const cipherOid = readOid(buf, cipherOidTlv);
  const cipher = PBES2_CIPHERS[cipherOid];
  if (!cipher) throw unsupported(cipherOid);
  const cipherParams = nextSibling(buf, scheme, cipherOidTlv);
  if (!cipherParams) throw malformed('The encryption parameters (IV) are missing.');
  const key = deriveKey(buf, kdf, password.utf8, cipher.keyLength);
  switch (cipher.kind) {
    case 'cbc':
      return nodeDecrypt(cipher.node!, key, octetString(buf, expectTag(cipherParams, TAG.OCTET_STRING, 'an IV')), data);
    case 'des': {
      const plain = desCbcDecrypt(key, octetString(buf, expectTag(cipherParams, TAG.OCTET_STRING, 'an IV')), data);
      if (!plain) throw new DecryptionFailed();
      return plain;
    }
    case 'gcm': {
      // RFC 5084 GCMParameters { nonce, icvLen DEFAULT 12 }; some writers put only the nonce.
      let nonce: Uint8Array;
      let tagLength = 16;
      if (cipherParams.tag === TAG.SEQUENCE) {
        const nonceTlv = readTlv(buf, cipherParams.contentStart, cipherParams.contentEnd);
        nonce = octetString(buf, nonceTlv);
        const icv = nextSibling(buf, cipherParams, nonceTlv);
        tagLength = icv ? readSmallInt(buf, icv) : 12;
      } else {
        nonce = octetString(buf, expectTag(cipherParams, TAG.OCTET_STRING, 'a GCM nonce'));
      }
      if (data.length < tagLength || tagLength < 4 || tagLength > 16) throw new DecryptionFailed();
      try {
        const decipher = createDecipheriv(cipher.node! as 'aes-128-gcm', key, nonce, { authTagLength: tagLength });
        decipher.setAuthTag(data.subarray(data.length - tagLength));
        return new Uint8Array(Buffer.concat([decipher.update(data.subarray(0, data.length - tagLength)), decipher.final()]));
      } catch {
        throw new DecryptionFailed();
      }
    }
    case 'rc2': {
      let iv: Uint8Array;
      let bits = 32;
      if (cipherParams.tag === TAG.SEQUENCE) {
        const first = readTlv(buf, cipherParams.contentStart, cipherParams.contentEnd);
        const ivTlv = first.tag === TAG.INTEGER ? readTlv(buf, first.end, cipherParams.contentEnd) : first;
        if (first.tag === TAG.INTEGER) bits = rc2EffectiveBits(readSmallInt(buf, first));
        iv = octetString(buf, ivTlv);
      } else {
        iv = octetString(buf, cipherParams);
      }
      const plain = rc2CbcDecrypt(key, iv, data, bits);
      if (!plain) throw new DecryptionFailed();
      return plain;
    }
  }
}

function decryptPkcs12Pbe(buf: Uint8Array, oid: string, params: Tlv, data: Uint8Array, password: PasswordBytes): Uint8Array {
  const spec = PKCS12_PBE[oid]!;
  const saltTlv = expectTag(readTlv(buf, params.contentStart, params.contentEnd), TAG.OCTET_STRING, 'a salt');
  const salt = octetString(buf, saltTlv);
  const iterations = iterationsOf(buf, nextSibling(buf, params, saltTlv));
  const key = pkcs12Kdf('sha1', password.bmp, salt, KDF_ID.KEY, iterations, spec.keyLength);
  if (spec.cipher === 'rc4') return rc4(key, data);
  const iv = pkcs12Kdf('sha1', password.bmp, salt, KDF_ID.IV, iterations, 8);
  if (spec.cipher === 'des-ede3') return nodeDecrypt('des-ede3-cbc', key, iv, data);
  if (spec.cipher === 'des-ede') {
    const full = new Uint8Array(24); // two-key 3DES is three-key with K3 = K1
    full.set(key, 0);
    full.set(key.subarray(0, 8), 16);
    return nodeDecrypt('des-ede3-cbc', full, iv, data);
  }
  const plain = rc2CbcDecrypt(key, iv, data, spec.rc2Bits!);
  if (!plain) throw new DecryptionFailed();
  return plain;
}

function decryptPbes1(buf: Uint8Array, oid: string, params: Tlv, data: Uint8Array, password: PasswordBytes): Uint8Array {
  const spec = PBES1[oid]!;
  const saltTlv = expectTag(readTlv(buf, params.contentStart, params.contentEnd), TAG.OCTET_STRING, 'a salt');
  const salt = octetString(buf, saltTlv);
  const iterations = iterationsOf(buf, nextSibling(buf, params, saltTlv));
  if (!getHashes().includes(spec.hash)) throw unsupported(oid);
  // PBKDF1 (RFC 8018 5.1): T = Hash^c(P || S); key = T[0..8], IV = T[8..16].
  let t: Uint8Array = createHash(spec.hash).update(password.utf8).update(salt).digest();
  for (let i = 1; i < iterations; i++) t = createHash(spec.hash).update(t).digest();
  const key = t.subarray(0, 8);
  const iv = t.subarray(8, 16);
  const plain = spec.cipher === 'des' ? desCbcDecrypt(key, iv, data) : rc2CbcDecrypt(key, iv, data, 64);
  if (!plain) throw new DecryptionFailed();
  return plain;
}

/**
 * Decrypt data protected by a password-based scheme named by an AlgorithmIdentifier: PKCS#5
 * PBES2 (PBKDF2 or scrypt with AES-CBC/GCM, 3DES, DES, RC2), PKCS#5 PBES1, or the PKCS#12 PBE
 * family (RC2, 3DES, RC4). The result must be one whole DER element, or DecryptionFailed is
 * thrown: that is how a wrong password shows when padding happens to look right (or with RC4).
 * Unknown algorithms throw UNSUPPORTED_ENCRYPTION naming the OID.
 */
export function decryptPasswordBased(buf: Uint8Array, algId: Tlv, data: Uint8Array, password: PasswordBytes): Uint8Array {
  const oidTlv = readTlv(buf, algId.contentStart, algId.contentEnd);
  const oid = readOid(buf, oidTlv);
  const params = nextSibling(buf, algId, oidTlv);
  let plain: Uint8Array;
  if (oid === PBES2_OID) plain = decryptPbes2(buf, expectTag(params, TAG.SEQUENCE, 'PBES2 parameters'), data, password);
  else if (PKCS12_PBE[oid]) plain = decryptPkcs12Pbe(buf, oid, expectTag(params, TAG.SEQUENCE, 'PBE parameters'), data, password);
  else if (PBES1[oid]) plain = decryptPbes1(buf, oid, expectTag(params, TAG.SEQUENCE, 'PBE parameters'), data, password);
  else throw unsupported(oid);
  try {
    readWhole(plain, 'The decrypted data');
  } catch {
    throw new DecryptionFailed();
  }
  return plain;
}
