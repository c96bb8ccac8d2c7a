/**
 * Writes a PFX (RFC 7292) the way OpenSSL 3 does by default, so OpenSSL, curl, NSS (pk12util,
 * Chromium), Windows and our own codec open it:
 *
 *   writePkcs12({ certificates: DER[] (leaf first, then its chain), privateKeyPkcs8, password,
 *                 friendlyName?, iterations? }): Uint8Array (DER)
 *
 * Certificates go in one PBES2-encrypted SafeContents, the key in a pkcs8ShroudedKeyBag
 * (PBES2: PBKDF2-HMAC-SHA256, AES-256-CBC); integrity is an HMAC-SHA256 MAC keyed by the PKCS#12
 * KDF. The leaf and the key share a localKeyId (the leaf's SHA-1, as OpenSSL sets it).
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { KDF_ID, pkcs12Kdf } from '../certificates/codec/pkcs12-kdf';
import { passwordEncodings } from '../certificates/codec/password-based';
import { bmpString, explicit, implicitOctets, integer, nullValue, octetString, oid, sequence, setOf } from '../certificates/codec/der-values';
import { DEFAULT_ITERATIONS, pbes2Encrypt } from './pbes2';

const OID = {
  data: '1.2.840.113549.1.7.1',
  encryptedData: '1.2.840.113549.1.7.6',
  shroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  certBag: '1.2.840.113549.1.12.10.1.3',
  x509Certificate: '1.2.840.113549.1.9.22.1',
  friendlyName: '1.2.840.113549.1.9.20',
  localKeyId: '1.2.840.113549.1.9.21',
  sha256: '2.16.840.1.101.3.4.2.1',
} as const;

export interface Pkcs12Input {
  /** DER certificates: the leaf (the key's certificate) first, then its chain. */
  certificates: Uint8Array[];
  privateKeyPkcs8: Uint8Array;
  password: string;
  /** Shown by Windows and NSS as the certificate's name; on the leaf and the key. */
  friendlyName?: string;
  iterations?: number;
}

function attributes(friendlyName: string | undefined, localKeyId: Uint8Array | undefined): Uint8Array[] {
  const list: Uint8Array[] = [];
  if (friendlyName !== undefined) list.push(sequence(oid(OID.friendlyName), setOf(bmpString(friendlyName))));
  if (localKeyId) list.push(sequence(oid(OID.localKeyId), setOf(octetString(localKeyId))));
  return list.length > 0 ? [setOf(...list)] : [];
}

function safeBag(bagId: string, value: Uint8Array, attrs: Uint8Array[]): Uint8Array {
  return sequence(oid(bagId), explicit(0, value), ...attrs);
}

function dataContentInfo(content: Uint8Array): Uint8Array {
  return sequence(oid(OID.data), explicit(0, octetString(content)));
}

function encryptedContentInfo(content: Uint8Array, password: string, iterations: number): Uint8Array {
  const { algorithm, ciphertext } = pbes2Encrypt(content, password, iterations);
  const encryptedData = sequence(integer(0), sequence(oid(OID.data), algorithm, implicitOctets(0, ciphertext)));
  return sequence(oid(OID.encryptedData), explicit(0, encryptedData));
}

function macData(authSafe: Uint8Array, password: string, iterations: number): Uint8Array {
  const salt = randomBytes(16);
  const [encoding] = passwordEncodings(password);
  const key = pkcs12Kdf('sha256', encoding!.bmp, salt, KDF_ID.MAC, iterations, 32);
  const digest = createHmac('sha256', key).update(authSafe).digest();
  return sequence(sequence(sequence(oid(OID.sha256), nullValue()), octetString(digest)), octetString(salt), integer(iterations));
}

export function writePkcs12(input: Pkcs12Input): Uint8Array {
  if (input.certificates.length === 0) throw new RangeError('A PKCS#12 file needs at least the key\'s certificate.');
  const iterations = input.iterations ?? DEFAULT_ITERATIONS;
  const localKeyId = createHash('sha1').update(input.certificates[0]!).digest();

  const certBags = input.certificates.map((der, i) =>
    safeBag(
      OID.certBag,
      sequence(oid(OID.x509Certificate), explicit(0, octetString(der))),
      i === 0 ? attributes(input.friendlyName, localKeyId) : [],
    ),
  );
  const shrouded = pbes2Encrypt(input.privateKeyPkcs8, input.password, iterations);
  const keyBag = safeBag(OID.shroudedKeyBag, sequence(shrouded.algorithm, octetString(shrouded.ciphertext)), attributes(input.friendlyName, localKeyId));

  const authSafe = sequence(
    encryptedContentInfo(sequence(...certBags), input.password, iterations),
    dataContentInfo(sequence(keyBag)),
  );
  return sequence(integer(3), dataContentInfo(authSafe), macData(authSafe, input.password, iterations));
}
