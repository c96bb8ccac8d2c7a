import type { RevocationReason } from '../../../shared/models/authority';

/** RFC 5280 reason codes as Windows' Certificate Services words them in its Revoke dialog. */
export const REVOCATION_REASON_LABELS: Record<RevocationReason, string> = {
  unspecified: 'Unspecified',
  keyCompromise: 'Key Compromise',
  cACompromise: 'CA Compromise',
  affiliationChanged: 'Change of Affiliation',
  superseded: 'Superseded',
  cessationOfOperation: 'Cease of Operation',
  privilegeWithdrawn: 'Privilege Withdrawn',
  aACompromise: 'AA Compromise',
};
