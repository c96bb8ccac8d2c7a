import { EKU_ANY, EKU_CLIENT_AUTH, EKU_SERVER_AUTH, SIGNATURE_ALGORITHMS } from './oids';
import { expectTag, malformed, readOid, readSmallInt, readTlv, TAG, type Tlv } from './der';
import { emptyExtensionFacts, readExtensions } from './extensions';
import { nameKeyOf, readName } from './names';
import { describePublicKey } from './public-key';
import { digestHex, hexUpper } from './text';
import { readTime } from './time';
import type { DecodedCertificate } from './types';

/** Serial number as uppercase hex without leading zero octets (Node's form); negative serials keep their octets. */
export function serialHex(buf: Uint8Array, tlv: Tlv): string {
  let i = tlv.contentStart;
  while (i < tlv.contentEnd - 1 && buf[i] === 0) i++;
  return hexUpper(buf, i, tlv.contentEnd);
}

/** Where the parts of a certificate are, for callers that need one part again (key matching). */
export interface CertificateLayout {
  tbs: Tlv;
  signatureAlgorithm: Tlv;
  issuer: Tlv;
  subject: Tlv;
  spki: Tlv;
}

/** Locate the TBSCertificate parts; throws MALFORMED when the structure is not a certificate. */
export function certificateLayout(der: Uint8Array): CertificateLayout & { serial: Tlv; validity: Tlv; version: number; extensions: Tlv | null } {
  const outer = readTlv(der, 0, der.length);
  if (outer.tag !== TAG.SEQUENCE) throw malformed('The data is not a certificate (it does not start with an ASN.1 SEQUENCE).');
  if (outer.end !== der.length) throw malformed(`The certificate has ${der.length - outer.end} unexpected bytes after its end.`);
  const tbs = expectTag(readTlv(der, outer.contentStart, outer.contentEnd), TAG.SEQUENCE, 'the to-be-signed part of a certificate');
  const signatureAlgorithm = expectTag(readTlv(der, tbs.end, outer.contentEnd), TAG.SEQUENCE, 'the certificate signature algorithm');
  expectTag(readTlv(der, signatureAlgorithm.end, outer.contentEnd), TAG.BIT_STRING, 'the certificate signature');

  let field = readTlv(der, tbs.contentStart, tbs.contentEnd);
  let version = 1;
  if (field.tag === 0xa0) {
    version = readSmallInt(der, readTlv(der, field.contentStart, field.contentEnd)) + 1;
    field = readTlv(der, field.end, tbs.contentEnd);
  }
  const serial = expectTag(field, TAG.INTEGER, 'the certificate serial number');
  const innerAlgorithm = expectTag(readTlv(der, serial.end, tbs.contentEnd), TAG.SEQUENCE, 'the certificate signature algorithm');
  const issuer = expectTag(readTlv(der, innerAlgorithm.end, tbs.contentEnd), TAG.SEQUENCE, 'the certificate issuer name');
  const validity = expectTag(readTlv(der, issuer.end, tbs.contentEnd), TAG.SEQUENCE, 'the certificate validity period');
  const subject = expectTag(readTlv(der, validity.end, tbs.contentEnd), TAG.SEQUENCE, 'the certificate subject name');
  const spki = expectTag(readTlv(der, subject.end, tbs.contentEnd), TAG.SEQUENCE, 'the certificate public key');
  let extensions: Tlv | null = null;
  let p = spki.end;
  while (p < tbs.contentEnd) {
    const optional = readTlv(der, p, tbs.contentEnd);
    if (optional.tag === 0xa3) extensions = optional;
    p = optional.end;
  }
  return { tbs, signatureAlgorithm, issuer, subject, spki, serial, validity, version, extensions };
}

function algorithmName(der: Uint8Array, algId: Tlv): string {
  const oid = readOid(der, readTlv(der, algId.contentStart, algId.contentEnd));
  return SIGNATURE_ALGORITHMS[oid] ?? oid;
}

/**
 * Decode one DER certificate: one pass over the bytes gives the fingerprints, every fact the
 * product stores and the list summary. Throws DomainError (TRUNCATED / MALFORMED).
 */
export function decodeCertificateDer(der: Uint8Array): DecodedCertificate {
  const layout = certificateLayout(der);
  const subject = readName(der, layout.subject);
  const issuer = readName(der, layout.issuer);
  const notBeforeTlv = readTlv(der, layout.validity.contentStart, layout.validity.contentEnd);
  const notBefore = readTime(der, notBeforeTlv);
  const notAfter = readTime(der, readTlv(der, notBeforeTlv.end, layout.validity.contentEnd));
  const key = describePublicKey(der, layout.spki);
  const extensionFacts = layout.extensions ? readExtensions(der, layout.extensions) : emptyExtensionFacts();

  const subjectKey = nameKeyOf(subject.fields);
  const issuerKey = nameKeyOf(issuer.fields);
  const { subjectKeyIdentifier: ski, authorityKeyIdentifier: aki, basicConstraints, extendedKeyUsage, keyUsage } = extensionFacts;
  const selfSigned = subjectKey === issuerKey && (!ski || !aki || ski === aki);
  // v1/v2 self-signed roots (and rare v3 roots without basicConstraints but with keyCertSign) act as CAs.
  const isCA = basicConstraints ? basicConstraints.ca : selfSigned && (layout.version < 3 || keyUsage.includes('keyCertSign'));
  const ekuOids = extendedKeyUsage.map((e) => e.oid);
  const allows = (oid: string) => ekuOids.length === 0 || ekuOids.includes(oid) || ekuOids.includes(EKU_ANY);

  const cn = subject.fields.filter((f) => f.oid === '2.5.4.3').pop()?.value;
  const displayName = cn || extensionFacts.subjectAltNames[0]?.value || subject.display || `Serial ${serialHex(der, layout.serial)}`;

  return {
    der,
    sha256: digestHex('sha256', der),
    sha1: digestHex('sha1', der),
    facts: {
      subjectFields: subject.fields,
      issuerFields: issuer.fields,
      version: layout.version,
      signatureAlgorithm: algorithmName(der, layout.signatureAlgorithm),
      keySize: key.keySize,
      ...extensionFacts,
    },
    summary: {
      subject: subject.display,
      issuer: issuer.display,
      displayName,
      serial: serialHex(der, layout.serial),
      notBefore,
      notAfter,
      isCA,
      selfSigned,
      keyAlgorithm: key.keyAlgorithm,
      clientAuth: allows(EKU_CLIENT_AUTH),
      serverAuth: allows(EKU_SERVER_AUTH),
    },
  };
}

/** Structural test used by content detection: does this SEQUENCE look like a certificate rather than a CRL? */
export function looksLikeCertificate(buf: Uint8Array, outer: Tlv): boolean {
  try {
    const tbs = readTlv(buf, outer.contentStart, outer.contentEnd);
    if (tbs.tag !== TAG.SEQUENCE) return false;
    const first = readTlv(buf, tbs.contentStart, tbs.contentEnd);
    if (first.tag === 0xa0) return true;
    if (first.tag !== TAG.INTEGER) return false;
    const second = readTlv(buf, first.end, tbs.contentEnd);
    const third = readTlv(buf, second.end, tbs.contentEnd);
    const fourth = readTlv(buf, third.end, tbs.contentEnd);
    // A v2 CRL starts version, algorithm, issuer, thisUpdate (a time); a v1 certificate starts
    // serial, algorithm, issuer, validity (a SEQUENCE).
    return second.tag === TAG.SEQUENCE && third.tag === TAG.SEQUENCE && fourth.tag === TAG.SEQUENCE;
  } catch {
    return false;
  }
}
