import { Alert, AlertTitle, Typography } from '@mui/material';
import type { RevocationReason } from '../../../shared/models/authority';
import type { CertificateDetails, CertificateRevocation } from '../../../shared/ipc';
import { REVOCATION_REASON_LABELS } from '../authority/revocation-labels';
import { formatDateTime } from '../util/dates';

/** Windows' words for the reasons the local authority offers; a CRL's other reasons (certificateHold, a bare code) as they come. */
const reasonText = (reason: string | null): string => (reason === null ? 'no reason given' : (REVOCATION_REASON_LABELS[reason as RevocationReason] ?? reason));

/** The top of the General section for a revoked certificate: when, why and who says so, where it cannot be missed. */
export function RevokedAlert({ revoked }: { revoked: CertificateRevocation }) {
  return (
    <Alert severity="error" data-testid="certificate-revoked" sx={{ mb: 1 }}>
      <AlertTitle>Revoked</AlertTitle>
      This certificate was revoked on {formatDateTime(revoked.at)} ({reasonText(revoked.reason)}). Source: {revoked.source}.
    </Alert>
  );
}

/**
 * The Revocation field of a certificate that is not revoked, and only as sure as the store lets it be:
 * "Not revoked" names the CRLs of its issuer it was checked against, and without one it is unknown.
 * A self-signed certificate can only be a trust anchor, which path validation checks no CRL for (RFC 5280 6.1).
 */
export function RevocationField({ details }: { details: Pick<CertificateDetails, 'selfSigned' | 'revocationCheckedAgainst'> }) {
  if (details.selfSigned) return <>Not applicable: self-signed</>;
  if (details.revocationCheckedAgainst.length === 0) return <>Unknown: no usable CRL from its issuer is in the store</>;
  return (
    <>
      Not revoked
      {details.revocationCheckedAgainst.map((source) => (
        <Typography key={source} variant="caption" color="text.secondary" display="block">
          Checked against the {source}
        </Typography>
      ))}
    </>
  );
}
