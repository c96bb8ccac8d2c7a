import { createHash } from 'node:crypto';
import { REVOCATION_REASON_CODES } from '../../../shared/models/authority';
import type { AuthorityRecord, CaRecord, CrlState } from './authority-document';
import type { CaKeys } from './ca-keys';
import { buildCrl, type CrlEntry } from './crl-builder';

/** Every certificate this CA issued and revoked, as CRL entries. */
function revokedBy(authority: AuthorityRecord, ca: CaRecord): CrlEntry[] {
  const entries: CrlEntry[] = [];
  for (const issued of Object.values(authority.issued)) {
    if (issued.issuerSha256 !== ca.sha256 || !issued.revocation) continue;
    entries.push({ serialHex: issued.serial, revokedAt: new Date(issued.revocation.at), reasonCode: REVOCATION_REASON_CODES[issued.revocation.reason] });
  }
  return entries;
}

/**
 * The next CRL of `ca`: number one higher, valid from `now` for the authority's CRL validity, listing
 * every revoked certificate it issued (revoked certificates stay listed after they expire: simpler
 * for clients, and RFC 5280 allows it).
 */
export function issueCrl(authority: AuthorityRecord, ca: CaRecord, keys: CaKeys, at: Date, url = ca.crl.url): CrlState {
  // DER times have whole seconds: keep the stored time equal to the CRL's own.
  const now = new Date(Math.floor(at.getTime() / 1000) * 1000);
  const entries = revokedBy(authority, ca);
  const number = ca.crl.number + 1;
  const nextUpdate = new Date(now.getTime() + authority.crlValiditySeconds * 1000);
  const der = buildCrl({
    issuerCertificate: Buffer.from(ca.der, 'base64'),
    issuerSki: ca.ski,
    issuerAlgorithm: ca.keyAlgorithm,
    issuerKey: keys.crlKey(authority, ca),
    number,
    thisUpdate: now,
    nextUpdate,
    entries,
  });
  return {
    url,
    number,
    thisUpdate: now.toISOString(),
    nextUpdate: nextUpdate.toISOString(),
    der: Buffer.from(der).toString('base64'),
    sha256: createHash('sha256').update(der).digest('hex'),
    revokedCount: entries.length,
  };
}

/** Reissue when half the validity has passed: clients that cache until nextUpdate always find a newer one in time. */
export function crlIsDue(authority: AuthorityRecord, ca: CaRecord, now: Date): boolean {
  return now.getTime() >= Date.parse(ca.crl.thisUpdate) + (authority.crlValiditySeconds * 1000) / 2;
}
