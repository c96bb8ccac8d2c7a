import { DomainError } from '../../../../shared/errors';
import { children, expectTag, malformed, readOid, readTlv, TAG, type Tlv } from './der';
import { encodeOid, encodeSmallInt, encodeTlv } from './der-writer';
import { CONTAINERS, CONTENT_TYPE_NAMES } from './oids';

/** The certificates and CRLs carried by a PKCS#7 / CMS SignedData, as DER slices. */
export interface Pkcs7Contents {
  certificates: Uint8Array[];
  crls: Uint8Array[];
}

/**
 * Read a ContentInfo holding SignedData (.p7b, .p7c, .p7s, CMS). BER indefinite lengths are
 * accepted because Windows and S/MIME clients write them. Signatures are not checked: the
 * file is only a carrier for certificates.
 */
export function readPkcs7(buf: Uint8Array, contentInfo: Tlv): Pkcs7Contents {
  const typeTlv = readTlv(buf, contentInfo.contentStart, contentInfo.contentEnd);
  const type = readOid(buf, typeTlv);
  if (type !== CONTAINERS.SIGNED_DATA) {
    const name = CONTENT_TYPE_NAMES[type] ?? `content type ${type}`;
    throw new DomainError('NOT_A_CERTIFICATE', `The file is ${name}, which carries no certificates.`);
  }
  const wrapper = expectTag(readTlv(buf, typeTlv.end, contentInfo.contentEnd), 0xa0, 'the PKCS#7 SignedData content');
  const signedData = expectTag(readTlv(buf, wrapper.contentStart, wrapper.contentEnd), TAG.SEQUENCE, 'PKCS#7 SignedData');
  const out: Pkcs7Contents = { certificates: [], crls: [] };
  for (const field of children(buf, signedData)) {
    if (field.tag === 0xa0) {
      // CertificateChoices: plain certificates are SEQUENCEs; attribute certificates etc. are tagged.
      for (const choice of children(buf, field)) if (choice.tag === TAG.SEQUENCE) out.certificates.push(buf.slice(choice.start, choice.end));
    } else if (field.tag === 0xa1) {
      for (const choice of children(buf, field)) if (choice.tag === TAG.SEQUENCE) out.crls.push(buf.slice(choice.start, choice.end));
    }
  }
  return out;
}

/** True when a SEQUENCE is a ContentInfo (OID then [0]), i.e. PKCS#7 / CMS rather than a bare structure. */
export function contentTypeOf(buf: Uint8Array, outer: Tlv): string | null {
  try {
    const first = readTlv(buf, outer.contentStart, outer.contentEnd);
    return first.tag === TAG.OID ? readOid(buf, first) : null;
  } catch {
    return null;
  }
}

/**
 * A degenerate "certs-only" SignedData (.p7b): no content, no signers, the certificates in the
 * order given (leaf first reads naturally; OpenSSL and Windows accept any order).
 */
export function toPkcs7(ders: Uint8Array[]): Uint8Array {
  if (ders.some((der) => der.length === 0 || der[0] !== TAG.SEQUENCE)) throw malformed('toPkcs7 needs DER certificates.');
  const signedData = encodeTlv(
    TAG.SEQUENCE,
    encodeSmallInt(1),
    encodeTlv(TAG.SET), // digestAlgorithms: none
    encodeTlv(TAG.SEQUENCE, encodeOid(CONTAINERS.DATA)), // encapContentInfo without content
    encodeTlv(0xa0, ...ders), // [0] IMPLICIT certificates
    encodeTlv(TAG.SET), // signerInfos: none
  );
  return encodeTlv(TAG.SEQUENCE, encodeOid(CONTAINERS.SIGNED_DATA), encodeTlv(0xa0, signedData));
}
