import type { AuthorityInfo, CaCertificate, CrlFile, IssuedCertificate } from '../../../shared/models/authority';
import { issuingCa, type AuthorityRecord, type CaRecord, type IssuedRecord } from './authority-document';

function caView(ca: CaRecord): CaCertificate {
  const { role, sha256, subject, serial, notBefore, notAfter, keyAlgorithm, crl } = ca;
  return {
    role,
    sha256,
    subject,
    serial,
    notBefore,
    notAfter,
    keyAlgorithm,
    crlUrl: crl.url,
    crl: { number: crl.number, thisUpdate: crl.thisUpdate, nextUpdate: crl.nextUpdate, revokedCount: crl.revokedCount, sha256: crl.sha256 },
  };
}

/** What the console and `ca status` show about the authority. */
export function authorityInfo(authority: AuthorityRecord): AuthorityInfo {
  const issued = Object.values(authority.issued);
  return {
    id: authority.id,
    name: authority.name,
    createdAt: authority.createdAt,
    crlValiditySeconds: authority.crlValiditySeconds,
    root: caView(authority.root),
    intermediate: authority.intermediate ? caView(authority.intermediate) : null,
    issuingSha256: issuingCa(authority).sha256,
    issuedCount: issued.length,
    revokedCount: issued.filter((i) => i.revocation).length,
  };
}

/** One register entry with its status at `now`. */
export function issuedView(record: IssuedRecord, now: Date): IssuedCertificate {
  const status = record.revocation ? 'revoked' : Date.parse(record.notAfter) < now.getTime() ? 'expired' : 'valid';
  const { revocation, ...rest } = record;
  return { ...rest, status, revokedAt: revocation?.at ?? null, reason: revocation?.reason ?? null };
}

/** A CA's current CRL as a downloadable file. */
export function crlFile(authority: AuthorityRecord, ca: CaRecord): CrlFile {
  return {
    fileName: ca.role === 'root' && authority.intermediate ? `${authority.id}-root.crl` : `${authority.id}.crl`,
    contentBase64: ca.crl.der,
    number: ca.crl.number,
    thisUpdate: ca.crl.thisUpdate,
    nextUpdate: ca.crl.nextUpdate,
    url: ca.crl.url,
  };
}
