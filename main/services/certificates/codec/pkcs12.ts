import { createHmac, getHashes, timingSafeEqual } from 'node:crypto';
import { DomainError } from '../../../../shared/errors';
import { children, expectTag, malformed, nextSibling, octetString, readOid, readSmallInt, readTlv, readWhole, TAG, type Tlv } from './der';
import { CONTAINERS, describeOid, HASHES, HMACS } from './oids';
import { DecryptionFailed, decryptPasswordBased, deriveKey, passwordEncodings, type PasswordBytes } from './password-based';
import { KDF_ID, pkcs12Kdf, pkcs12KdfSupports } from './pkcs12-kdf';

/** What a PKCS#12 file holds, as DER: certificates, CRLs and PKCS#8 private keys (decrypted). */
export interface Pkcs12Contents {
  certificates: Uint8Array[];
  crls: Uint8Array[];
  keys: Uint8Array[];
}

const PBMAC1_OID = '1.2.840.113549.1.5.14';

type Mac =
  | { kind: 'pkcs12'; hash: string; digest: Uint8Array; salt: Uint8Array; iterations: number }
  | { kind: 'pbmac1'; hash: string; digest: Uint8Array; kdf: Tlv };

/** The MAC, or the error that makes it unusable (reported only once the password is known to be right). */
function readMac(buf: Uint8Array, macData: Tlv): Mac | DomainError {
  try {
    const digestInfo = expectTag(readTlv(buf, macData.contentStart, macData.contentEnd), TAG.SEQUENCE, 'the PKCS#12 MAC');
    const algId = expectTag(readTlv(buf, digestInfo.contentStart, digestInfo.contentEnd), TAG.SEQUENCE, 'the PKCS#12 MAC algorithm');
    const digest = octetString(buf, expectTag(readTlv(buf, algId.end, digestInfo.contentEnd), TAG.OCTET_STRING, 'the PKCS#12 MAC value'));
    const oidTlv = readTlv(buf, algId.contentStart, algId.contentEnd);
    const oid = readOid(buf, oidTlv);
    if (oid === PBMAC1_OID) {
      // RFC 9579: PBKDF2 derives the HMAC key; MacData's own salt and iterations are ignored.
      const params = expectTag(nextSibling(buf, algId, oidTlv), TAG.SEQUENCE, 'PBMAC1 parameters');
      const kdf = expectTag(readTlv(buf, params.contentStart, params.contentEnd), TAG.SEQUENCE, 'the PBMAC1 key derivation');
      const scheme = expectTag(readTlv(buf, kdf.end, params.contentEnd), TAG.SEQUENCE, 'the PBMAC1 MAC scheme');
      const schemeOid = readOid(buf, readTlv(buf, scheme.contentStart, scheme.contentEnd));
      const hash = HMACS[schemeOid];
      if (!hash) return new DomainError('UNSUPPORTED_ENCRYPTION', `The PKCS#12 file uses an unsupported MAC: ${describeOid(schemeOid)}.`);
      const kdfOid = readOid(buf, readTlv(buf, kdf.contentStart, kdf.contentEnd));
      if (kdfOid !== '1.2.840.113549.1.5.12') return new DomainError('UNSUPPORTED_ENCRYPTION', `The PKCS#12 MAC uses an unsupported key derivation: ${describeOid(kdfOid)}.`);
      if (!pbkdf2HasKeyLength(buf, kdf)) return malformed('The PKCS#12 PBMAC1 parameters lack the PBKDF2 key length that RFC 9579 requires.');
      return { kind: 'pbmac1', hash, digest, kdf };
    }
    const hash = HASHES[oid];
    if (!hash || !pkcs12KdfSupports(hash) || !getHashes().includes(hash)) {
      return new DomainError('UNSUPPORTED_ENCRYPTION', `The PKCS#12 file uses an unsupported MAC algorithm: ${describeOid(oid)}.`);
    }
    const saltTlv = expectTag(readTlv(buf, digestInfo.end, macData.contentEnd), TAG.OCTET_STRING, 'the PKCS#12 MAC salt');
    const iterTlv = nextSibling(buf, macData, saltTlv);
    const iterations = iterTlv ? readSmallInt(buf, iterTlv) : 1;
    if (iterations > 10_000_000) return malformed('The PKCS#12 MAC asks for more iterations than any real file uses.');
    return { kind: 'pkcs12', hash, digest, salt: octetString(buf, saltTlv), iterations };
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
}

// PBKDF2-params: salt, iterationCount, keyLength OPTIONAL, prf DEFAULT: the third field, if an INTEGER.
function pbkdf2HasKeyLength(buf: Uint8Array, kdf: Tlv): boolean {
  const oidTlv = readTlv(buf, kdf.contentStart, kdf.contentEnd);
  const params = expectTag(nextSibling(buf, kdf, oidTlv), TAG.SEQUENCE, 'PBKDF2 parameters');
  return children(buf, params)[2]?.tag === TAG.INTEGER;
}

function macMatches(buf: Uint8Array, mac: Mac, password: PasswordBytes, data: Uint8Array): boolean {
  let key: Uint8Array;
  if (mac.kind === 'pbmac1') key = deriveKey(buf, mac.kdf, password.utf8, null);
  else key = pkcs12Kdf(mac.hash, password.bmp, mac.salt, KDF_ID.MAC, mac.iterations, mac.digest.length);
  const expected = createHmac(mac.hash, key).update(data).digest();
  return expected.length === mac.digest.length && timingSafeEqual(expected, mac.digest);
}

/** Read the AuthenticatedSafe with one password encoding; DecryptionFailed when it does not decrypt. */
function readAuthenticatedSafe(buf: Uint8Array, password: PasswordBytes): Pkcs12Contents & { decrypted: number } {
  const out = { certificates: [] as Uint8Array[], crls: [] as Uint8Array[], keys: [] as Uint8Array[], decrypted: 0 };
  const safe = expectTag(readWhole(buf, 'The PKCS#12 contents'), TAG.SEQUENCE, 'the PKCS#12 AuthenticatedSafe');
  for (const contentInfo of children(buf, safe)) {
    const typeTlv = readTlv(buf, contentInfo.contentStart, contentInfo.contentEnd);
    const type = readOid(buf, typeTlv);
    const wrapper = nextSibling(buf, contentInfo, typeTlv);
    if (!wrapper) continue;
    const content = readTlv(buf, wrapper.contentStart, wrapper.contentEnd);
    if (type === CONTAINERS.DATA) {
      readSafeContents(octetString(buf, content), password, out);
    } else if (type === CONTAINERS.ENCRYPTED_DATA) {
      const eci = expectTag(nextSibling(buf, content, readTlv(buf, content.contentStart, content.contentEnd)), TAG.SEQUENCE, 'PKCS#12 EncryptedContentInfo');
      const eciType = readTlv(buf, eci.contentStart, eci.contentEnd);
      const algId = expectTag(readTlv(buf, eciType.end, eci.contentEnd), TAG.SEQUENCE, 'the PKCS#12 encryption algorithm');
      const encrypted = algId.end < eci.contentEnd ? readTlv(buf, algId.end, eci.contentEnd) : null;
      if (!encrypted) continue;
      // [0] IMPLICIT OCTET STRING: primitive (0x80) or BER-constructed pieces (0xa0).
      const data = octetString(buf, { ...encrypted, tag: encrypted.tag & 0x20 ? 0x24 : 0x04 });
      readSafeContents(decryptPasswordBased(buf, algId, data, password), password, out);
      out.decrypted++;
    } else if (type === CONTAINERS.ENVELOPED_DATA) {
      throw new DomainError('UNSUPPORTED_ENCRYPTION', 'The PKCS#12 file is encrypted to a certificate (public-key privacy mode, envelopedData), which CertMapper cannot open.');
    }
  }
  return out;
}

function readSafeContents(bytes: Uint8Array, password: PasswordBytes, out: Pkcs12Contents & { decrypted: number }, depth = 0): void {
  const list = expectTag(readWhole(bytes, 'A PKCS#12 SafeContents'), TAG.SEQUENCE, 'PKCS#12 SafeContents');
  for (const bag of children(bytes, list)) {
    const idTlv = readTlv(bytes, bag.contentStart, bag.contentEnd);
    const bagId = readOid(bytes, idTlv);
    const wrapper = expectTag(nextSibling(bytes, bag, idTlv), 0xa0, 'a PKCS#12 bag value');
    const value = readTlv(bytes, wrapper.contentStart, wrapper.contentEnd);
    switch (bagId) {
      case CONTAINERS.KEY_BAG:
        out.keys.push(bytes.slice(value.start, value.end));
        break;
      case CONTAINERS.SHROUDED_KEY_BAG: {
        const algId = expectTag(readTlv(bytes, value.contentStart, value.contentEnd), TAG.SEQUENCE, 'the key encryption algorithm');
        const data = octetString(bytes, expectTag(readTlv(bytes, algId.end, value.contentEnd), TAG.OCTET_STRING, 'the encrypted key'));
        out.keys.push(decryptPasswordBased(bytes, algId, data, password));
        out.decrypted++;
        break;
      }
      case CONTAINERS.CERT_BAG:
      case CONTAINERS.CRL_BAG: {
        const typeTlv = readTlv(bytes, value.contentStart, value.contentEnd);
        const type = readOid(bytes, typeTlv);
        if (type !== CONTAINERS.X509_CERTIFICATE && type !== CONTAINERS.X509_CRL) break; // SDSI certificates etc.
        const inner = expectTag(nextSibling(bytes, value, typeTlv), 0xa0, 'a certificate in a PKCS#12 bag');
        const der = octetString(bytes, readTlv(bytes, inner.contentStart, inner.contentEnd));
        (bagId === CONTAINERS.CERT_BAG ? out.certificates : out.crls).push(der.slice());
        break;
      }
      case CONTAINERS.SAFE_CONTENTS_BAG:
        if (depth < 8) readSafeContents(bytes.subarray(value.start, value.end), password, out, depth + 1);
        break;
      default:
        break; // secret bags and unknown bags carry nothing CertMapper imports
    }
  }
}

const wrongPassword = () => new DomainError('WRONG_PASSWORD', 'The PKCS#12 password is wrong (the integrity check failed).');
const passwordRequired = () => new DomainError('PASSWORD_REQUIRED', 'This PKCS#12 (.pfx/.p12) file is protected by a password: enter it to open the file.');

/**
 * Open a PFX (RFC 7292) with its password: verify the MAC (classic PKCS#12 KDF with any SHA-2,
 * SHA-1, MD5 or BLAKE2b, or RFC 9579 PBMAC1), then decrypt the bags. A password that fails the
 * MAC but decrypts the contents means the file is damaged (INTEGRITY), not a wrong password.
 * `password` undefined tries the empty password and its "absent" variant before asking.
 */
export function decodePkcs12(buf: Uint8Array, pfx: Tlv, password: string | undefined): Pkcs12Contents {
  const versionTlv = expectTag(readTlv(buf, pfx.contentStart, pfx.contentEnd), TAG.INTEGER, 'the PKCS#12 version');
  const authSafe = expectTag(readTlv(buf, versionTlv.end, pfx.contentEnd), TAG.SEQUENCE, 'the PKCS#12 AuthenticatedSafe');
  const macTlv = authSafe.end < pfx.contentEnd ? readTlv(buf, authSafe.end, pfx.contentEnd) : null;
  const typeTlv = readTlv(buf, authSafe.contentStart, authSafe.contentEnd);
  const type = readOid(buf, typeTlv);
  if (type === CONTAINERS.SIGNED_DATA) {
    throw new DomainError('UNSUPPORTED_ENCRYPTION', 'The PKCS#12 file uses public-key integrity mode (signedData), which CertMapper cannot open.');
  }
  if (type !== CONTAINERS.DATA) throw malformed(`The PKCS#12 file holds content of type ${type} instead of data.`);
  const wrapper = expectTag(nextSibling(buf, authSafe, typeTlv), 0xa0, 'the PKCS#12 content');
  const inner = readTlv(buf, wrapper.contentStart, wrapper.contentEnd);
  if ((inner.tag & ~0x20) !== TAG.OCTET_STRING) throw malformed('Invalid structure: expected the PKCS#12 content as an OCTET STRING.');
  const content = octetString(buf, inner);
  const mac = macTlv ? readMac(buf, macTlv) : null;
  const candidates = passwordEncodings(password);

  if (mac && !(mac instanceof DomainError)) {
    const verified = candidates.find((candidate) => macMatches(buf, mac, candidate, content));
    if (verified) {
      try {
        return readAuthenticatedSafe(content, verified);
      } catch (error) {
        if (!(error instanceof DecryptionFailed)) throw error;
        throw malformed('The PKCS#12 file passed its integrity check, but its encrypted contents do not decrypt with the same password.');
      }
    }
    if (password === undefined) throw passwordRequired();
    // Wrong password, or right password and a damaged file: the encrypted contents tell which.
    for (const candidate of candidates) {
      try {
        if (readAuthenticatedSafe(content, candidate).decrypted > 0) {
          throw new DomainError('INTEGRITY', 'The PKCS#12 file is damaged: the password decrypts it, but its integrity check (MAC) failed.');
        }
      } catch (error) {
        if (!(error instanceof DecryptionFailed)) throw error;
      }
    }
    throw wrongPassword();
  }

  // No MAC (or one we cannot check): the password is right when the contents decrypt.
  for (const candidate of candidates) {
    try {
      const contents = readAuthenticatedSafe(content, candidate);
      if (mac instanceof DomainError) throw mac;
      return contents;
    } catch (error) {
      if (!(error instanceof DecryptionFailed)) throw error;
    }
  }
  if (password === undefined) throw passwordRequired();
  throw new DomainError('WRONG_PASSWORD', 'The PKCS#12 password is wrong (the contents could not be decrypted).');
}
