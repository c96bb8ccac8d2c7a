import { useState } from 'react';
import { Alert, Dialog, DialogContent, DialogContentText, DialogTitle, FormControlLabel, Radio, RadioGroup } from '@mui/material';
import { STORE_LABELS, STORE_NAMES, type CertificateSummary, type StoreName } from '../../../shared/ipc';
import { errorMessage, invoke } from '../api';
import { useConsoleActions } from '../state/console-context';
import { DialogButtons } from '../layout/dialog-buttons';

/** Choose another store for the selected certificate. */
export function MoveCertificateDialog({ certificate, onClose }: { certificate: CertificateSummary; onClose(): void }) {
  const { report } = useConsoleActions();
  const [store, setStore] = useState<StoreName>(certificate.store);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const confirm = async () => {
    setBusy(true);
    try {
      await invoke('certificates.move', { sha256: certificate.sha256, store });
      report(`Moved ${certificate.displayName} to ${STORE_LABELS[store]}`, 'success');
      onClose();
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  };

  return (
    <Dialog open onClose={busy ? undefined : onClose} aria-labelledby="move-title">
      <DialogTitle id="move-title">Move to store</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 1 }}>
          Move <strong>{certificate.displayName}</strong> to:
        </DialogContentText>
        <RadioGroup aria-labelledby="move-title" value={store} onChange={(event) => setStore(event.target.value as StoreName)}>
          {STORE_NAMES.map((name) => (
            <FormControlLabel key={name} value={name} control={<Radio size="small" />} label={`${STORE_LABELS[name]}${name === certificate.store ? ' (current)' : ''}`} />
          ))}
        </RadioGroup>
        {error && <Alert severity="error">{error}</Alert>}
      </DialogContent>
      <DialogButtons busy={busy} onCancel={onClose} label="Move" onClick={confirm} disabled={store === certificate.store} />
    </Dialog>
  );
}
