import { useState } from 'react';
import { Alert, Box, Checkbox, Dialog, DialogContent, DialogTitle, FormControlLabel, MenuItem, TextField } from '@mui/material';
import { invoke } from '../api';
import { useConsoleActions } from '../state/console-context';
import { base64ToBytes } from '../util/base64';
import { downloadBytes } from '../util/download';
import { useSubmit } from '../util/use-submit';
import { DialogButtons } from '../layout/dialog-buttons';

/** What to export: a certificate with its key (PFX, or its key alone), or a Key Manager key. */
export type ExportTarget = { kind: 'certificate'; sha256: string; name: string } | { kind: 'key'; keyId: string; name: string };

type Format = 'pfx' | 'pkcs8';

/** Export with a password: a certificate with its key as PKCS#12 (.pfx), or a key as encrypted PKCS#8; AES-256 either way. */
export function ExportKeyDialog({ target, onClose }: { target: ExportTarget; onClose(): void }) {
  const { report } = useConsoleActions();
  const submit = useSubmit();
  const [format, setFormat] = useState<Format>(target.kind === 'certificate' ? 'pfx' : 'pkcs8');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [includeChain, setIncludeChain] = useState(true);
  const [tried, setTried] = useState(false);
  const problem = !password ? 'A password protects the exported key: enter one' : password !== confirm ? 'The two passwords differ' : undefined;

  const save = async () => {
    setTried(true);
    if (problem) return;
    const ok = await submit.run(async () => {
      const file =
        format === 'pfx' && target.kind === 'certificate'
          ? await invoke('keys.exportPkcs12', { certificateSha256: target.sha256, password, includeChain, includeRoot: false })
          : await invoke('keys.exportPkcs8', target.kind === 'certificate' ? { certificateSha256: target.sha256, password } : { keyId: target.keyId, password });
      downloadBytes(file.fileName, file.mimeType, base64ToBytes(file.contentBase64));
      report(`Exported ${target.name} as ${file.fileName}`, 'success');
    });
    if (ok) onClose();
  };

  return (
    <Dialog open onClose={submit.busy ? undefined : onClose} fullWidth maxWidth="sm" aria-labelledby="export-key-title">
      <DialogTitle id="export-key-title">Export {target.name}</DialogTitle>
      <DialogContent dividers>
        <Box
          component="form"
          id="export-key-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
          sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}
        >
          {target.kind === 'certificate' && (
            <TextField select label="Format" value={format} onChange={(event) => setFormat(event.target.value as Format)}>
              <MenuItem value="pfx">Certificate with its key: PKCS#12 (.pfx)</MenuItem>
              <MenuItem value="pkcs8">Private key only: encrypted PKCS#8 (.key)</MenuItem>
            </TextField>
          )}
          <TextField label="Password" type="password" value={password} onChange={(event) => setPassword(event.target.value)} autoFocus required error={tried && !password} />
          <TextField label="Confirm password" type="password" value={confirm} onChange={(event) => setConfirm(event.target.value)} required error={tried && Boolean(problem)} helperText={tried && problem} />
          {format === 'pfx' && <FormControlLabel control={<Checkbox checked={includeChain} onChange={(event) => setIncludeChain(event.target.checked)} />} label="Include the issuing certificates found in the store" />}
          {submit.error && <Alert severity="error">{submit.error}</Alert>}
        </Box>
      </DialogContent>
      <DialogButtons busy={submit.busy} onCancel={onClose} label="Export" form="export-key-form" />
    </Dialog>
  );
}
