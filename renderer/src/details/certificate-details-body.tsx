import { Typography } from '@mui/material';
import type { CertificateDetails } from '../../../shared/ipc';
import { ChainView } from './chain-view';
import { DetailSection } from './detail-section';
import { ExtensionsSection } from './extensions-section';
import { FieldTable } from './field-table';
import { FingerprintsSection } from './fingerprints-section';
import { GeneralSection } from './general-section';
import { NameFieldsTable } from './name-fields-table';
import { SAN_LABELS } from './san-labels';

/** Every section of a certificate's details, in the order an administrator checks them. */
export function CertificateDetailsBody({ details }: { details: CertificateDetails }) {
  const sans = details.facts.subjectAltNames;
  return (
    <>
      <GeneralSection details={details} />
      <DetailSection title="Certification path">
        <ChainView details={details} />
      </DetailSection>
      <DetailSection title="Subject">
        <NameFieldsTable fields={details.facts.subjectFields} label="Subject" />
      </DetailSection>
      <DetailSection title="Issuer">
        <NameFieldsTable fields={details.facts.issuerFields} label="Issuer" />
      </DetailSection>
      <DetailSection title="Subject alternative names">
        {sans.length ? (
          <FieldTable label="Subject alternative names" rows={sans.map((s) => ({ field: SAN_LABELS[s.type], value: s.value }))} />
        ) : (
          <Typography variant="body2" color="text.secondary">
            None
          </Typography>
        )}
      </DetailSection>
      <ExtensionsSection details={details} />
      <FingerprintsSection details={details} />
    </>
  );
}
