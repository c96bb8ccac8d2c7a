import { Box, List, ListItem, ListItemText, Typography } from '@mui/material';
import { bindingText } from '../../../shared/models/binding';
import type { RenewalPlan } from '../../../shared/models/renewal';
import { FieldTable } from '../details/field-table';
import { formatDate } from '../util/dates';

const PROFILE_LABELS: Record<RenewalPlan['profile'], string> = {
  server: 'Server certificate (TLS server): renewed for its bindings',
  client: "Client certificate (TLS client): a person's, renewed for their mappings",
};

/** "in 12 days" / "expired 3 days ago": how urgent the renewal is. */
function daysText(daysLeft: number): string {
  if (daysLeft < 0) return `expired ${-daysLeft} day${daysLeft === -1 ? '' : 's'} ago`;
  if (daysLeft === 0) return 'expires today';
  return `${daysLeft} day${daysLeft === 1 ? '' : 's'} left`;
}

/** Step 1: the certificate being renewed, and every binding and one-to-one mapping that uses it. */
export function CertificateStep({ plan }: { plan: RenewalPlan }) {
  const uses = [
    ...plan.bindings.map((b) => ({ id: `b-${b.siteId}-${bindingText(b)}`, primary: bindingText(b), secondary: `Binding of site "${b.siteName}"${b.ownCertificateSha256 ? '' : " (the site's certificate)"}` })),
    ...plan.mappings.map((m) => ({ id: `m-${m.siteId}-${m.mappingId}`, primary: `One-to-one mapping to ${m.account}`, secondary: `Site "${m.siteName}"` })),
  ];
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
      <FieldTable
        label="Certificate to renew"
        rows={[
          { field: 'Name', value: plan.displayName, testId: 'renewal-name' },
          { field: 'Subject', value: plan.subject },
          { field: 'Serial number', value: plan.serial, testId: 'renewal-old-serial' },
          { field: 'Expires', value: `${formatDate(plan.notAfter)} (${daysText(plan.daysLeft)})`, testId: 'renewal-expires' },
          { field: 'Key', value: plan.keyAlgorithmName },
          { field: 'Kind', value: PROFILE_LABELS[plan.profile] },
          ...(plan.account ? [{ field: 'Account', value: plan.account }] : []),
          { field: 'Issued by', value: plan.issuedByLocalAuthority ? 'The local certification authority' : 'Another authority, or self-signed' },
          // Renewing it again makes one more certificate with the same name: say that it was already replaced.
          ...(plan.renewedBy
            ? [{ field: 'Already renewed', value: `On ${formatDate(plan.renewedBy.at)}: replaced by serial ${plan.renewedBy.certificate.serial}, valid until ${formatDate(plan.renewedBy.certificate.notAfter)}`, testId: 'renewal-already-renewed' }]
            : []),
        ]}
      />
      <Box component="section" aria-labelledby="renewal-uses">
        <Typography id="renewal-uses" variant="subtitle2" component="h4">
          Where it is used
        </Typography>
        {uses.length ? (
          <List dense disablePadding aria-labelledby="renewal-uses" data-testid="renewal-uses">
            {uses.map((use) => (
              <ListItem key={use.id} disableGutters>
                <ListItemText primary={use.primary} secondary={use.secondary} />
              </ListItem>
            ))}
          </List>
        ) : (
          <Typography variant="body2" color="text.secondary">
            No binding or one-to-one mapping uses it: the renewal only adds the new certificate to the store.
          </Typography>
        )}
      </Box>
    </Box>
  );
}
