import { useState } from 'react';
import { Alert, Box, Dialog, DialogContent, DialogTitle, TextField, Typography } from '@mui/material';
import { invoke } from '../api';
import { readFileBase64 } from '../import/read-file-base64';
import { useConsoleActions } from '../state/console-context';
import { useSubmit } from '../util/use-submit';
import { FileDropZone } from '../whatif/file-drop-zone';
import { DialogButtons } from '../layout/dialog-buttons';

/** Import a private key: a PKCS#12 file (with its certificates) or a PKCS#8 / PEM key, encrypted or not. */
export function ImportKeyDialog({ onClose }: { onClose(): void }) {
  const { report } = useConsoleActions();
  const submit = useSubmit();
  const [file, setFile] = useState<{ name: string; contentBase64: string } | null>(null);
  const [password, setPassword] = useState('');
  const [name, setName] = useState('');

  const save = async () => {
    if (!file) return;
    const ok = await submit.run(async () => {
      const result = await invoke('keys.import', { contentBase64: file.contentBase64, fileName: file.name, password: password || undefined, name: name.trim() || undefined });
      const added = result.keys.filter((k) => !k.duplicate).length;
      report(added ? `Imported ${result.keys.map((k) => k.key.name).join(', ')}` : `${file.name}: the key is already held`, added ? 'success' : 'info');
    });
    if (ok) onClose();
  };

  return (
    <Dialog open onClose={submit.busy ? undefined : onClose} fullWidth maxWidth="sm" aria-labelledby="import-key-title">
      <DialogTitle id="import-key-title">Import Key</DialogTitle>
      <DialogContent dividers>
        <Box
          component="form"
          id="import-key-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
          sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}
        >
          <FileDropZone
            label="Key file"
            hint="PKCS#12 (.pfx, .p12) or a PKCS#8 / PEM private key, encrypted or not"
            testId="key-file-drop"
            onFiles={([picked]) => picked && void readFileBase64(picked).then((contentBase64) => setFile({ name: picked.name, contentBase64 }))}
          >
            {file && (
              <Typography variant="body2" sx={{ mt: 1 }}>
                {file.name}
              </Typography>
            )}
          </FileDropZone>
          <TextField label="Password" type="password" value={password} onChange={(event) => setPassword(event.target.value)} helperText="For a .pfx or an encrypted key" />
          <TextField label="Key name" value={name} onChange={(event) => setName(event.target.value)} helperText="Optional; else the certificate's name or the file's" />
          {submit.error && <Alert severity="error">{submit.error}</Alert>}
        </Box>
      </DialogContent>
      <DialogButtons busy={submit.busy} onCancel={onClose} label="Import" form="import-key-form" disabled={!file} />
    </Dialog>
  );
}
