import { useState } from 'react';
import { Box, TextField, Typography } from '@mui/material';
import type { StoreName } from '../../../shared/ipc';
import type { ImportOptions } from './import-options';
import { PendingFilesList, formatBytes } from './pending-files-list';
import { StoreSelect } from './store-select';

/** Form id, so the dialog's Import button (outside the form, in DialogActions) submits it. */
export const IMPORT_FORM_ID = 'import-prepare-form';

/** Before import: the files, the target store and the PKCS#12 password. */
export function ImportPrepareForm({ files, onRemove, onSubmit }: { files: readonly File[]; onRemove(index: number): void; onSubmit(options: ImportOptions): void }) {
  const [store, setStore] = useState<StoreName | undefined>(undefined);
  const [password, setPassword] = useState('');
  const total = files.reduce((sum, f) => sum + f.size, 0);
  return (
    <Box
      component="form"
      id={IMPORT_FORM_ID}
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit({ store, password: password || undefined });
      }}
      sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}
    >
      <Typography variant="body2" color="text.secondary">
        {files.length.toLocaleString()} file{files.length === 1 ? '' : 's'}, {formatBytes(total)}. The content decides the format (PEM, DER, Base64, PKCS#7, PKCS#12, CRL), never the extension.
      </Typography>
      <PendingFilesList files={files} onRemove={onRemove} />
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', pt: 1 }}>
        <StoreSelect value={store} onChange={setStore} />
        <TextField
          type="password"
          label="PFX password"
          helperText="Only for PKCS#12 (.pfx / .p12) files"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          autoComplete="off"
          sx={{ minWidth: 240, flex: 1 }}
        />
      </Box>
    </Box>
  );
}
