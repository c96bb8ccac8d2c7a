import { sign, type KeyObject } from 'node:crypto';
import type { AuthorityKeyAlgorithm } from '../../../shared/models/authority';
import { certificateLayout } from '../certificates/codec/certificate';
import { encodeOid, encodeTlv } from '../certificates/codec/der-writer';
import * as DER from '../certificates/codec/der-values';

/** One revoked certificate as the CRL lists it. */
export interface CrlEntry {
  serialHex: string;
  revokedAt: Date;
  /** RFC 5280 CRLReason code; 0 (unspecified) is left out of the entry, as 5.3.1 recommends. */
  reasonCode: number;
}

export interface CrlRequest {
  /** The CA certificate (DER): its subject, byte for byte, is the CRL issuer. */
  issuerCertificate: Uint8Array;
  issuerSki: string;
  issuerAlgorithm: AuthorityKeyAlgorithm;
  issuerKey: KeyObject;
  number: number;
  thisUpdate: Date;
  nextUpdate: Date;
  entries: readonly CrlEntry[];
}

/** How each CA key signs a CRL with node:crypto, and the AlgorithmIdentifier that says so (RSA ones carry NULL parameters). */
const CRL_SIGNATURES: Record<AuthorityKeyAlgorithm, { digest: string; oid: string; nullParameters: boolean }> = {
  'ec-p256': { digest: 'sha256', oid: '1.2.840.10045.4.3.2', nullParameters: false },
  'ec-p384': { digest: 'sha384', oid: '1.2.840.10045.4.3.3', nullParameters: false },
  'rsa-2048': { digest: 'sha256', oid: '1.2.840.113549.1.1.11', nullParameters: true },
  'rsa-3072': { digest: 'sha256', oid: '1.2.840.113549.1.1.11', nullParameters: true },
  'rsa-4096': { digest: 'sha256', oid: '1.2.840.113549.1.1.11', nullParameters: true },
};

const OID = { AKI: '2.5.29.35', CRL_NUMBER: '2.5.29.20', REASON: '2.5.29.21' } as const;

const extension = (oid: string, value: Uint8Array) => DER.sequence(encodeOid(oid), DER.octetString(value));

/**
 * Entries share their few distinct parts (a handful of reason extensions, revocation times that
 * repeat within a second), so a 100,000-entry list encodes each part once, not 100,000 times.
 */
function entryEncoder(): (entry: CrlEntry) => Uint8Array {
  const reasons = new Map<number, Uint8Array>();
  const times = new Map<number, Uint8Array>();
  return (entry) => {
    let reason = reasons.get(entry.reasonCode);
    if (!reason) reasons.set(entry.reasonCode, (reason = entry.reasonCode === 0 ? new Uint8Array(0) : DER.sequence(extension(OID.REASON, DER.enumerated(entry.reasonCode)))));
    const second = Math.floor(entry.revokedAt.getTime() / 1000);
    let time = times.get(second);
    if (!time) times.set(second, (time = DER.time(entry.revokedAt)));
    return DER.sequence(DER.integerFromHex(entry.serialHex), time, reason);
  };
}

/**
 * A signed v2 CRL (RFC 5280 5.1) with the CRL number and the authority key identifier, written
 * directly in DER and signed with node:crypto: one pass, so a list of 100,000 serials costs
 * milliseconds, not the seconds an object model would. No issuingDistributionPoint: a full CRL
 * for everything the CA issued.
 */
export function buildCrl(request: CrlRequest): Uint8Array {
  const spec = CRL_SIGNATURES[request.issuerAlgorithm];
  const algorithm = DER.sequence(encodeOid(spec.oid), ...(spec.nullParameters ? [DER.nullValue()] : []));
  const layout = certificateLayout(request.issuerCertificate);
  const issuerName = request.issuerCertificate.subarray(layout.subject.start, layout.subject.end);
  const aki = DER.sequence(encodeTlv(0x80, Buffer.from(request.issuerSki, 'hex')));
  const extensions = DER.explicit(0, DER.sequence(extension(OID.AKI, aki), extension(OID.CRL_NUMBER, DER.integer(request.number))));
  const tbs = DER.sequence(
    DER.integer(1), // v2
    algorithm,
    issuerName,
    DER.time(request.thisUpdate),
    DER.time(request.nextUpdate),
    ...(request.entries.length ? [DER.sequenceOf(request.entries.map(entryEncoder()))] : []),
    extensions,
  );
  const signature = sign(spec.digest, tbs, request.issuerKey);
  return DER.sequence(tbs, algorithm, encodeTlv(0x03, Buffer.concat([Buffer.of(0), signature])));
}
