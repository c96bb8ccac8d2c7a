import { revocationSummary, type CertificateDetails } from '../../../shared/ipc';

/**
 * The "Revoked" row of `cert show`: "yes, 2026-12-03 (keyCompromise), by <source>", or "no" with the
 * CRLs that say so. Without a CRL from its issuer it says "unknown", not "no". A self-signed
 * certificate can only be a trust anchor, and path validation checks no CRL for one (RFC 5280 6.1).
 */
export function revocationLine(details: Pick<CertificateDetails, 'revoked' | 'revocationCheckedAgainst' | 'selfSigned'>): string {
  const { revoked, revocationCheckedAgainst: checked } = details;
  if (revoked) return `yes, ${revocationSummary(revoked)}`;
  if (details.selfSigned) return 'not applicable (self-signed)';
  if (checked.length === 0) return 'unknown: no usable CRL from its issuer is in the store';
  return `no (checked against ${checked.join('; ')})`;
}
