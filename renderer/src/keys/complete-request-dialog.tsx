import { useState } from 'react';
import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, MenuItem, TextField, Typography } from '@mui/material';
import type { InstallResult, KeyInfo, PendingRequest } from '../../../shared/models/key';
import { ApiError, invoke } from '../api';
import { readFileBase64 } from '../import/read-file-base64';
import { useConsoleActions } from '../state/console-context';
import { useSubmit } from '../util/use-submit';
import { FileDropZone } from '../whatif/file-drop-zone';

const ANY = 'any';

interface Props {
  requests: PendingRequest[];
  keys: KeyInfo[];
  /** Preselected request (the list's selection); the reply is still matched by its public key. */
  requestId: string | null;
  /** With what was installed; at once, without the result view, when the reply completed a renewal request (`renews`). */
  onClose(installed?: InstallResult): void;
}

/**
 * IIS's Complete Certificate Request: the authority's reply in any encoding (PEM, DER, PKCS#7 with the
 * chain), dropped or chosen; it is installed with the pending key whose public key it carries.
 */
export function CompleteRequestDialog({ requests, keys, requestId, onClose }: Props) {
  const { report } = useConsoleActions();
  const submit = useSubmit();
  const [file, setFile] = useState<{ name: string; contentBase64: string } | null>(null);
  const [target, setTarget] = useState(requestId ?? ANY);
  const [password, setPassword] = useState('');
  const [askPassword, setAskPassword] = useState(false);
  const [result, setResult] = useState<InstallResult | null>(null);
  const keyName = (id: string) => keys.find((k) => k.id === id)?.name ?? id;

  const install = async () => {
    if (!file) {
      submit.setError("Choose the authority's reply (.cer, .crt, .pem, .p7b) first");
      return;
    }
    await submit.run(async () => {
      try {
        const installed = await invoke('keys.install', { contentBase64: file.contentBase64, fileName: file.name, requestId: target === ANY ? undefined : target, password: askPassword ? password : undefined });
        report(`Installed ${installed.certificate.subject} in the ${installed.certificate.store} store with its key`, 'success');
        // A renewal's reply: the caller continues in the renewal wizard (Verify bindings), not on this result.
        if (installed.renews) onClose(installed);
        else setResult(installed);
      } catch (error) {
        if (error instanceof ApiError && (error.code === 'PASSWORD_REQUIRED' || error.code === 'WRONG_PASSWORD')) setAskPassword(true);
        throw error;
      }
    });
  };

  return (
    <Dialog open onClose={submit.busy ? undefined : () => onClose(result ?? undefined)} fullWidth maxWidth="sm" aria-labelledby="complete-request-title">
      <DialogTitle id="complete-request-title">Complete Certificate Request</DialogTitle>
      <DialogContent dividers>
        {result ? (
          <Alert severity="success" data-testid="install-result">
            <Typography variant="body2">
              Installed <strong>{result.certificate.subject}</strong> in the {result.certificate.store === 'server' ? 'Server' : 'Client'} store with the key {keyName(result.keyId)}.
            </Typography>
            <Typography variant="body2" sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }} data-testid="installed-sha256">
              {result.certificate.sha256}
            </Typography>
            {result.chain.map((link) => (
              <Typography variant="body2" key={link.sha256}>
                {link.duplicate ? 'Already stored' : `Added to ${link.store}`}: {link.subject}
              </Typography>
            ))}
          </Alert>
        ) : (
          <Box
            component="form"
            id="complete-request-form"
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              void install();
            }}
            sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}
          >
            <FileDropZone
              label="Certification authority's response"
              hint="Drop the file here or choose it: PEM, DER (.cer), or PKCS#7 (.p7b) with its chain"
              testId="reply-drop"
              onFiles={([picked]) => {
                if (!picked) return;
                void readFileBase64(picked).then((contentBase64) => {
                  setFile({ name: picked.name, contentBase64 });
                  submit.setError(null);
                });
              }}
            >
              {file && (
                <Typography variant="body2" sx={{ mt: 1 }} data-testid="reply-file">
                  {file.name}
                </Typography>
              )}
            </FileDropZone>
            <TextField select label="Pending request" value={target} onChange={(event) => setTarget(event.target.value)} helperText="The reply is matched to its key by the public key it carries">
              <MenuItem value={ANY}>Any pending request (matched by key)</MenuItem>
              {requests.map((r) => (
                <MenuItem key={r.id} value={r.id}>
                  {keyName(r.keyId)}: {r.subject}
                </MenuItem>
              ))}
            </TextField>
            {askPassword && <TextField label="File password" type="password" value={password} onChange={(event) => setPassword(event.target.value)} autoFocus />}
            {submit.error && (
              <Alert severity="error" data-testid="install-error">
                {submit.error}
              </Alert>
            )}
          </Box>
        )}
      </DialogContent>
      <DialogActions>
        {result ? (
          <Button variant="contained" onClick={() => onClose(result)}>
            Close
          </Button>
        ) : (
          <>
            <Button onClick={() => onClose()} disabled={submit.busy}>
              Cancel
            </Button>
            <Button type="submit" form="complete-request-form" variant="contained" disabled={submit.busy || !file}>
              Install
            </Button>
          </>
        )}
      </DialogActions>
    </Dialog>
  );
}
