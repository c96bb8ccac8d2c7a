import { Box } from '@mui/material';
import InfoOutlined from '@mui/icons-material/InfoOutlined';
import WarningAmber from '@mui/icons-material/WarningAmber';
import type { BindingRow, BoundRenewal } from '../../../shared/models/binding';
import { formatDate } from '../util/dates';
import { shortFingerprint } from '../util/fingerprint';

/**
 * The whole story of a replaced certificate still bound, for the tooltip: when, what replaced it, and
 * the way out. Renewals usually keep the name, so the new certificate is named only when it differs.
 */
function replacedNote(displayName: string, renewal: BoundRenewal): string {
  const renamed = renewal.successor.displayName === displayName ? '' : ` (${renewal.successor.displayName})`;
  const replaced = `Replaced by a renewal on ${formatDate(renewal.at)} — the new certificate${renamed} expires ${formatDate(renewal.successor.notAfter)}.`;
  return renewal.finishedAt
    ? `${replaced} The renewal was finished without moving this binding: Edit… changes its certificate.`
    : `${replaced} The renewal is not finished: Finish Renewal… moves this binding to the new certificate.`;
}

/**
 * The Certificate cell of a binding: the certificate it presents and, when a renewal replaced that
 * certificate, a second line. An unfinished renewal is a task (warning colour); a binding left on the
 * old certificate after the renewal finished is information only, as that may well be intended.
 */
export function BindingCertificateCell({ row }: { row: BindingRow }) {
  if (row.protocol === 'http') return <>—</>;
  if (row.missingCertificateSha256) return <span className="expired">Missing from the store ({shortFingerprint(row.missingCertificateSha256)})</span>;
  if (!row.certificate) return <>None</>;
  const { certificate } = row;
  const name = `${certificate.displayName}${row.ownCertificateSha256 ? '' : " (the site's)"}`;
  if (!certificate.renewal) return <>{name}</>;
  const unfinished = certificate.renewal.finishedAt === null;
  const Icon = unfinished ? WarningAmber : InfoOutlined;
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', '& > *': { overflow: 'hidden', textOverflow: 'ellipsis' } }}>
      <span>{name}</span>
      <Box
        component="span"
        data-testid="binding-replaced"
        title={replacedNote(certificate.displayName, certificate.renewal)}
        sx={{ display: 'flex', alignItems: 'center', gap: 0.5, typography: 'caption', color: unfinished ? 'warning.main' : 'text.secondary' }}
      >
        <Icon sx={{ fontSize: 14, flex: 'none' }} />
        <Box component="span" sx={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>
          {unfinished ? 'Renewal not finished' : `Replaced on ${formatDate(certificate.renewal.at)}`}
        </Box>
      </Box>
    </Box>
  );
}
