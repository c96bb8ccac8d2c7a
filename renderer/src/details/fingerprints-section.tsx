import { Box } from '@mui/material';
import type { CertificateDetails } from '../../../shared/ipc';
import { DetailSection } from './detail-section';
import { FieldTable } from './field-table';

const mono = { fontFamily: 'monospace', fontSize: 12, wordBreak: 'break-all' } as const;

/** SHA-1 (what Windows calls the thumbprint) and SHA-256 (the product's identity of a certificate). */
export function FingerprintsSection({ details }: { details: CertificateDetails }) {
  return (
    <DetailSection title="Fingerprints">
      <FieldTable
        label="Fingerprints"
        rows={[
          { field: 'SHA-256', value: <Box component="span" sx={mono} data-testid="detail-sha256">{details.sha256}</Box> },
          { field: 'SHA-1 (thumbprint)', value: <Box component="span" sx={mono}>{details.sha1}</Box> },
        ]}
      />
    </DetailSection>
  );
}
