import { certificateLayout, decodeCertificateDer } from '../certificates/codec/certificate';
import { readTlv, type Tlv } from '../certificates/codec/der';
import { nameKeyOf } from '../certificates/codec/names';
import type { DecodedCertificate } from '../certificates/codec/types';
import { readValidationExtensions, type ValidationExtensions } from './cert-extensions';
import { canonicalSerial, rdnKeysOf, subjectEmailsOf } from './general-names';
import { signedPartsOf, type SignedParts } from './signature';

/** Everything validation reads from one certificate, computed once (at compile time for the trust context). */
export interface CertView {
  sha256: string;
  der: Uint8Array;
  /** "CN=x, O=y" for messages. */
  subject: string;
  issuer: string;
  subjectKey: string;
  issuerKey: string;
  /** Subject RDN keys, for directoryName constraints. */
  subjectRdns: string[];
  /** Issuer RDN keys, to resolve CRL distribution point names relative to the issuer. */
  issuerRdns: string[];
  /** emailAddress attributes of the subject DN (covered by rfc822Name constraints). */
  subjectEmails: string[];
  /** Canonical serial (see canonicalSerial), as the CRL index stores serials. */
  serial: string;
  notBefore: number;
  notAfter: number;
  version: number;
  selfIssued: boolean;
  signed: SignedParts;
  /** DER of the inner (TBS) signature AlgorithmIdentifier; RFC 5280 4.1.1.2 wants it equal to the outer one. */
  innerAlgorithmDer: Uint8Array;
  spki: Uint8Array;
  ext: ValidationExtensions;
  decoded: DecodedCertificate;
}

// TBSCertificate: [0] version, serialNumber, signature AlgorithmIdentifier, ...
function innerAlgorithmOf(der: Uint8Array, tbs: Tlv): Uint8Array {
  let field = readTlv(der, tbs.contentStart, tbs.contentEnd);
  if (field.tag === 0xa0) field = readTlv(der, field.end, tbs.contentEnd);
  const alg = readTlv(der, field.end, tbs.contentEnd);
  return der.subarray(alg.start, alg.end);
}

/** Parse a DER certificate into a CertView. Throws a DomainError (MALFORMED/TRUNCATED) when it is not a certificate. */
export function toCertView(der: Uint8Array, decoded: DecodedCertificate = decodeCertificateDer(der)): CertView {
  const layout = certificateLayout(der);
  const outer = readTlv(der, 0, der.length);
  const subjectKey = nameKeyOf(decoded.facts.subjectFields);
  const issuerKey = nameKeyOf(decoded.facts.issuerFields);
  return {
    sha256: decoded.sha256,
    der,
    subject: decoded.summary.subject || '(empty subject)',
    issuer: decoded.summary.issuer || '(empty issuer)',
    subjectKey,
    issuerKey,
    subjectRdns: rdnKeysOf(der, layout.subject),
    issuerRdns: rdnKeysOf(der, layout.issuer),
    subjectEmails: subjectEmailsOf(der, layout.subject),
    serial: canonicalSerial(der, layout.serial),
    notBefore: Date.parse(decoded.summary.notBefore),
    notAfter: Date.parse(decoded.summary.notAfter),
    version: layout.version,
    selfIssued: subjectKey === issuerKey,
    signed: signedPartsOf(der, outer),
    innerAlgorithmDer: innerAlgorithmOf(der, layout.tbs),
    spki: der.subarray(layout.spki.start, layout.spki.end),
    ext: readValidationExtensions(der, layout.extensions),
    decoded,
  };
}

/** A short label naming a certificate in messages: its subject and the start of its fingerprint. */
export function labelOf(cert: CertView): string {
  return `"${cert.subject}" (${cert.sha256.slice(0, 12)})`;
}

/** Whether basicConstraints asserts cA (RFC 5280 6.1.4 (k): the only way for an intermediate to be a CA). */
export function isCaCertificate(cert: CertView): boolean {
  return cert.ext.basicConstraints?.ca === true;
}
