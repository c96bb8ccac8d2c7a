import { useState } from 'react';
import { Alert, Dialog, DialogContent, DialogContentText, DialogTitle } from '@mui/material';
import { STORE_LABELS, type CertificateSummary } from '../../../shared/ipc';
import { errorMessage, invoke } from '../api';
import { useConsoleActions } from '../state/console-context';
import { DialogButtons } from '../layout/dialog-buttons';

/** Confirm before deleting, naming the certificate (and its private key, which cannot be recovered). */
export function DeleteCertificateDialog({ certificate, onClose }: { certificate: CertificateSummary; onClose(): void }) {
  const { report, selectCertificate, closeDetails } = useConsoleActions();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const confirm = async () => {
    setBusy(true);
    try {
      await invoke('certificates.delete', { sha256: certificate.sha256 });
      closeDetails(certificate.sha256);
      selectCertificate(null);
      report(`Deleted ${certificate.displayName}`, 'success');
      onClose();
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  };

  return (
    <Dialog open onClose={busy ? undefined : onClose} aria-labelledby="delete-title" aria-describedby="delete-text">
      <DialogTitle id="delete-title">Delete certificate</DialogTitle>
      <DialogContent>
        <DialogContentText id="delete-text">
          Delete <strong>{certificate.displayName}</strong> from {STORE_LABELS[certificate.store]}?
          {certificate.hasPrivateKey && ' Its private key will be deleted too, and cannot be recovered.'}
        </DialogContentText>
        <DialogContentText variant="caption" sx={{ fontFamily: 'monospace', mt: 1, wordBreak: 'break-all' }}>
          SHA-256 {certificate.sha256}
        </DialogContentText>
        {error && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {error}
          </Alert>
        )}
      </DialogContent>
      <DialogButtons busy={busy} onCancel={onClose} label="Delete" onClick={confirm} destructive cancelFocused />
    </Dialog>
  );
}
