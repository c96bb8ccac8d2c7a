import { Box } from '@mui/material';
import { STORE_LABELS, type CertificateDetails } from '../../../shared/ipc';
import { formatDateTime } from '../util/dates';
import { commonName } from '../util/distinguished-name';
import { DetailSection } from './detail-section';
import { FieldTable } from './field-table';
import { PrivateKeyNote } from './private-key-note';
import { RevocationField, RevokedAlert } from './revocation-status';

/** Days left in words and colour: red once expired, amber within 30 days. */
function DaysLeft({ days }: { days: number }) {
  const color = days < 0 ? 'error.main' : days < 30 ? 'warning.main' : 'success.main';
  const text = days < 0 ? `expired ${-days} day${days === -1 ? '' : 's'} ago` : `${days} day${days === 1 ? '' : 's'} left`;
  return (
    <Box component="span" sx={{ color, fontWeight: 600 }}>
      {text}
    </Box>
  );
}

/** Windows' General tab: revoked first if it is, issued to and by, validity with days left, the private key and the store. */
export function GeneralSection({ details }: { details: CertificateDetails }) {
  return (
    <DetailSection title="General">
      {details.revoked && <RevokedAlert revoked={details.revoked} />}
      <FieldTable
        label="General"
        rows={[
          { field: 'Issued to', value: commonName(details.subject) },
          { field: 'Issued by', value: commonName(details.issuer) },
          { field: 'Valid from', value: formatDateTime(details.notBefore) },
          { field: 'Valid to', value: formatDateTime(details.notAfter) },
          { field: 'Validity', value: <DaysLeft days={details.daysLeft} /> },
          ...(details.revoked ? [] : [{ field: 'Revocation', value: <RevocationField details={details} />, testId: 'revocation-status' }]),
          { field: 'Store', value: STORE_LABELS[details.store] },
          { field: 'Imported', value: formatDateTime(details.importedAt) },
        ]}
      />
      <Box sx={{ mt: 1 }}>
        <PrivateKeyNote hasPrivateKey={details.hasPrivateKey} />
      </Box>
    </DetailSection>
  );
}
