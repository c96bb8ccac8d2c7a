import { Alert, Box, Button, CircularProgress, Dialog, DialogActions, DialogContent, DialogTitle, Typography } from '@mui/material';
import { useSubmit } from '../util/use-submit';
import { RenewalFlow } from './renewal-flow';
import type { RenewalStart } from './renewal-start';
import { useRenewalStart } from './use-renewal-start';

/**
 * IIS's Renew Certificate wizard (KB Q277893), modernised: the certificate, a new or the same key,
 * subject and names, the local or another authority (its reply installed now or later), then the
 * bindings and one-to-one mappings moved to the new certificate, and a summary.
 */
export function RenewalWizard({ start, onClose }: { start: RenewalStart; onClose(): void }) {
  // Owned here so Escape and the backdrop cannot close the dialog while a call runs.
  const submit = useSubmit();
  const load = useRenewalStart(start);
  return (
    <Dialog open onClose={submit.busy ? undefined : onClose} fullWidth maxWidth="md" aria-labelledby="renewal-title">
      <DialogTitle id="renewal-title">Renew Certificate</DialogTitle>
      {load.state === 'ready' ? (
        <RenewalFlow plan={load.plan} installed={load.installed} submit={submit} onClose={onClose} />
      ) : (
        <>
          <DialogContent dividers>
            {load.state === 'failed' ? (
              <Alert severity="error" data-testid="renewal-error">
                {load.error}
              </Alert>
            ) : (
              <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5 }}>
                <CircularProgress size={20} />
                <Typography variant="body2">Reading the certificate and where it is used…</Typography>
              </Box>
            )}
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose}>Cancel</Button>
          </DialogActions>
        </>
      )}
    </Dialog>
  );
}
