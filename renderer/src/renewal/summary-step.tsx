import { useState } from 'react';
import { Alert, Box, Button, List, ListItem, ListItemText, Typography } from '@mui/material';
import FileDownloadOutlined from '@mui/icons-material/FileDownloadOutlined';
import { bindingText, type BindingRow } from '../../../shared/models/binding';
import type { RebindResult, RenewalPlan } from '../../../shared/models/renewal';
import { FieldTable } from '../details/field-table';
import { ExportKeyDialog } from '../keys/export-key-dialog';
import { formatDateTime } from '../util/dates';
import type { RenewedCertificate } from './renewal-start';

interface Props {
  plan: RenewalPlan;
  renewed: RenewedCertificate;
  result: RebindResult;
}

/** A titled list, or a line saying it is empty. */
function Outcome({ id, title, items, empty }: { id: string; title: string; items: string[]; empty: string }) {
  return (
    <Box component="section" aria-labelledby={id} data-testid={id}>
      <Typography id={id} variant="subtitle2" component="h4">
        {title}
      </Typography>
      {items.length ? (
        <List dense disablePadding aria-labelledby={id}>
          {items.map((item) => (
            <ListItem key={item} disableGutters sx={{ py: 0 }}>
              <ListItemText primary={item} />
            </ListItem>
          ))}
        </List>
      ) : (
        <Typography variant="body2" color="text.secondary">
          {empty}
        </Typography>
      )}
    </Box>
  );
}

const rowText = (row: BindingRow) => `${bindingText(row)} of site "${row.siteName}"`;

/** Step 6: the new certificate, what moved to it and what still presents the old one; a client certificate's .pfx. */
export function SummaryStep({ plan, renewed, result }: Props) {
  const [exporting, setExporting] = useState(false);
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
      <Alert severity={result.remaining.length ? 'warning' : 'success'}>
        {plan.displayName} is renewed{result.remaining.length ? `; ${result.remaining.length} binding${result.remaining.length === 1 ? '' : 's'} still present${result.remaining.length === 1 ? 's' : ''} the old certificate` : ''}.
      </Alert>
      <FieldTable
        label="New certificate"
        rows={[
          { field: 'Subject', value: renewed.subject },
          { field: 'New serial number', value: renewed.serial, testId: 'renewed-serial' },
          { field: 'SHA-256', value: <Box component="span" sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>{renewed.sha256}</Box>, testId: 'renewed-sha256' },
          { field: 'Valid until', value: formatDateTime(renewed.notAfter), testId: 'renewed-not-after' },
        ]}
      />
      <Outcome id="renewal-rebound" title="Bindings rebound" items={result.rebound.map(rowText)} empty="None." />
      {result.siteCertificatesChanged.length > 0 && <Outcome id="renewal-site-certificates" title="Sites whose own certificate is now the new one" items={result.siteCertificatesChanged.map((s) => `"${s}"`)} empty="" />}
      {plan.mappings.length > 0 && <Outcome id="renewal-mappings" title="One-to-one mappings moved" items={result.mappingsMoved.map((m) => `${m.account} on site "${m.siteName}"`)} empty="None: they still name the old certificate." />}
      <Outcome id="renewal-remaining" title="Bindings still on the old certificate" items={result.remaining.map(rowText)} empty="None." />
      <Typography variant="body2" color="text.secondary">
        The old certificate (serial {plan.serial}) stays in the store until you delete it; nothing presents it any more unless listed above.
      </Typography>
      {plan.profile === 'client' && (
        <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1, alignItems: 'flex-start' }}>
          <Typography variant="body2">
            The person who uses this certificate needs the new one with its key{plan.account ? ` (${plan.account})` : ''}: export it as a .pfx protected by a password and give it to them.
          </Typography>
          <Button variant="outlined" startIcon={<FileDownloadOutlined fontSize="small" />} onClick={() => setExporting(true)}>
            Export .pfx…
          </Button>
        </Box>
      )}
      {exporting && <ExportKeyDialog target={{ kind: 'certificate', sha256: renewed.sha256, name: plan.displayName }} onClose={() => setExporting(false)} />}
    </Box>
  );
}
