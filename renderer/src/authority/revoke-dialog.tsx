import { useState } from 'react';
import { Alert, Box, Dialog, DialogContent, DialogTitle, MenuItem, TextField, Typography } from '@mui/material';
import { REVOCATION_REASONS, type IssuedCertificate, type RevocationReason } from '../../../shared/models/authority';
import { invoke } from '../api';
import { useConsoleActions } from '../state/console-context';
import { useSubmit } from '../util/use-submit';
import { REVOCATION_REASON_LABELS } from './revocation-labels';
import { DialogButtons } from '../layout/dialog-buttons';

/** Revoke one issued certificate with a reason: final; the CRL is reissued and running gateways follow. */
export function RevokeDialog({ certificate, onClose }: { certificate: IssuedCertificate; onClose(): void }) {
  const { report } = useConsoleActions();
  const submit = useSubmit();
  const [reason, setReason] = useState<RevocationReason>('unspecified');
  const revoke = async () => {
    const ok = await submit.run(async () => {
      const result = await invoke('authority.revoke', { sha256: certificate.sha256, reason });
      report(`Revoked ${certificate.subject} (${REVOCATION_REASON_LABELS[reason]}); CRL #${result.crl.number} published`, 'success');
    });
    if (ok) onClose();
  };
  return (
    <Dialog open onClose={submit.busy ? undefined : onClose} fullWidth maxWidth="sm" aria-labelledby="revoke-title">
      <DialogTitle id="revoke-title">Revoke Certificate</DialogTitle>
      <DialogContent dividers>
        <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
          <Typography variant="body2">
            Revoke <strong>{certificate.subject}</strong> (serial {certificate.serial})? Sites checking revocation refuse it within a second (403.13); this cannot be undone.
          </Typography>
          <TextField select label="Reason" value={reason} onChange={(event) => setReason(event.target.value as RevocationReason)} autoFocus>
            {REVOCATION_REASONS.map((r) => (
              <MenuItem key={r} value={r}>
                {REVOCATION_REASON_LABELS[r]}
              </MenuItem>
            ))}
          </TextField>
          {submit.error && <Alert severity="error">{submit.error}</Alert>}
        </Box>
      </DialogContent>
      <DialogButtons busy={submit.busy} onCancel={onClose} label="Revoke" onClick={() => void revoke()} destructive />
    </Dialog>
  );
}
