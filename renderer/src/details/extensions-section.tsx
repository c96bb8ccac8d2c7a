import { Box } from '@mui/material';
import type { CertificateDetails } from '../../../shared/ipc';
import { colonHex } from '../util/fingerprint';
import { DetailSection } from './detail-section';
import { FieldTable, type FieldRow } from './field-table';

const NONE = '—';
const mono = { fontFamily: 'monospace', fontSize: 12, wordBreak: 'break-all' } as const;

/** A list value, one per line (usages, URLs), or a dash when absent. */
function Lines({ items }: { items: string[] }) {
  if (!items.length) return <>{NONE}</>;
  return (
    <>
      {items.map((item, i) => (
        <Box key={i}>{item}</Box>
      ))}
    </>
  );
}

/** The certificate's own fields and extensions: serial, algorithms, key, usages, constraints, key ids, CDPs. */
export function ExtensionsSection({ details }: { details: CertificateDetails }) {
  const { facts } = details;
  const bc = facts.basicConstraints;
  const rows: FieldRow[] = [
    { field: 'Version', value: `V${facts.version}` },
    { field: 'Serial number', value: <Box sx={mono}>{details.serial}</Box> },
    { field: 'Signature algorithm', value: facts.signatureAlgorithm },
    { field: 'Public key', value: `${details.keyAlgorithm}${facts.keySize ? ` (${facts.keySize} bits)` : ''}` },
    { field: 'Key usage', value: <Lines items={facts.keyUsage} /> },
    { field: 'Enhanced key usage', value: <Lines items={facts.extendedKeyUsage.map((e) => (e.name && e.name !== e.oid ? `${e.name} (${e.oid})` : e.oid))} /> },
    {
      field: 'Basic constraints',
      value: bc ? `Subject Type=${bc.ca ? 'CA' : 'End Entity'}, Path Length Constraint=${bc.pathLength ?? 'None'}` : NONE,
    },
    { field: 'Subject key identifier', value: facts.subjectKeyIdentifier ? <Box sx={mono}>{colonHex(facts.subjectKeyIdentifier)}</Box> : NONE },
    { field: 'Authority key identifier', value: facts.authorityKeyIdentifier ? <Box sx={mono}>{colonHex(facts.authorityKeyIdentifier)}</Box> : NONE },
    { field: 'CRL distribution points', value: <Lines items={facts.crlDistributionPoints} /> },
    { field: 'Certificate policies', value: <Lines items={facts.policies} /> },
  ];
  return (
    <DetailSection title="Certificate fields and extensions">
      <FieldTable label="Certificate fields and extensions" rows={rows} />
    </DetailSection>
  );
}
