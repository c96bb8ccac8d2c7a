import { useState } from 'react';
import { Button, Dialog, DialogActions, DialogContent, DialogTitle, TextField } from '@mui/material';
import type { StoreName } from '../../../shared/ipc';
import { StoreSelect } from './store-select';

/** Paste one or many PEM blocks (or headerless Base64) and import them as one file named "Pasted PEM". */
export function PastePemDialog({ open, onClose, onImport }: { open: boolean; onClose(): void; onImport(text: string, store: StoreName | undefined): void }) {
  const [text, setText] = useState('');
  const [store, setStore] = useState<StoreName | undefined>(undefined);
  const close = () => {
    setText('');
    onClose();
  };
  return (
    <Dialog open={open} onClose={close} fullWidth maxWidth="md" aria-labelledby="paste-pem-title">
      <DialogTitle id="paste-pem-title">Paste PEM</DialogTitle>
      <DialogContent dividers sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
        <TextField
          label="PEM text"
          multiline
          minRows={12}
          maxRows={20}
          autoFocus
          value={text}
          onChange={(event) => setText(event.target.value)}
          placeholder={'-----BEGIN CERTIFICATE-----\n…\n-----END CERTIFICATE-----'}
          slotProps={{ htmlInput: { spellCheck: false, style: { fontFamily: 'monospace', fontSize: 12 } } }}
        />
        <StoreSelect value={store} onChange={setStore} />
      </DialogContent>
      <DialogActions>
        <Button onClick={close}>Cancel</Button>
        <Button
          variant="contained"
          disabled={!text.trim()}
          onClick={() => {
            onImport(text, store);
            setText('');
          }}
        >
          Import
        </Button>
      </DialogActions>
    </Dialog>
  );
}
