import { useState } from 'react';
import { Alert, Box, Checkbox, Dialog, DialogContent, DialogTitle, FormControlLabel, MenuItem, TextField } from '@mui/material';
import { AUTHORITY_KEY_ALGORITHMS, type AuthorityKeyAlgorithm } from '../../../shared/models/authority';
import { KEY_ALGORITHM_LABELS } from '../../../shared/models/key';
import { invoke } from '../api';
import { useConsoleActions } from '../state/console-context';
import { useSubmit } from '../util/use-submit';
import { DialogButtons } from '../layout/dialog-buttons';

/** Create the local authority: name, key, an optional intermediate, where its CRL is published and for how long it holds. */
export function CreateAuthorityDialog({ onClose }: { onClose(): void }) {
  const { report } = useConsoleActions();
  const submit = useSubmit();
  const [name, setName] = useState('');
  const [algorithm, setAlgorithm] = useState<AuthorityKeyAlgorithm>('ec-p256');
  const [intermediate, setIntermediate] = useState(false);
  const [crlUrl, setCrlUrl] = useState('');
  const [days, setDays] = useState('7');
  const validityDays = Number(days);
  const daysProblem = !Number.isInteger(validityDays) || validityDays < 1 || validityDays > 366 ? 'From 1 to 366 days' : undefined;

  const create = async () => {
    if (daysProblem) return;
    const ok = await submit.run(async () => {
      const info = await invoke('authority.init', {
        name: name.trim() || undefined,
        algorithm,
        intermediate,
        crlUrl: crlUrl.trim() || undefined,
        crlValiditySeconds: validityDays * 86_400,
      });
      report(`Created the local authority ${info.name}`, 'success');
    });
    if (ok) onClose();
  };

  return (
    <Dialog open onClose={submit.busy ? undefined : onClose} fullWidth maxWidth="sm" aria-labelledby="create-authority-title">
      <DialogTitle id="create-authority-title">Create Certification Authority</DialogTitle>
      <DialogContent dividers>
        <Box
          component="form"
          id="create-authority-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void create();
          }}
          sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}
        >
          <TextField label="Name" value={name} onChange={(event) => setName(event.target.value)} autoFocus placeholder="CertMapper Local Authority (this computer)" helperText="The root certificate's common name (up to 64 characters)" slotProps={{ htmlInput: { maxLength: 64 } }} />
          <TextField select label="Key" value={algorithm} onChange={(event) => setAlgorithm(event.target.value as AuthorityKeyAlgorithm)} helperText="The authority's keys stay in the vault, encrypted">
            {AUTHORITY_KEY_ALGORITHMS.map((a) => (
              <MenuItem key={a} value={a}>
                {KEY_ALGORITHM_LABELS[a]}
              </MenuItem>
            ))}
          </TextField>
          <FormControlLabel control={<Checkbox checked={intermediate} onChange={(event) => setIntermediate(event.target.checked)} />} label="Issue from an intermediate CA (the root then only signs the intermediate)" />
          <TextField label="CRL distribution point" value={crlUrl} onChange={(event) => setCrlUrl(event.target.value)} placeholder="http://127.0.0.1:8081/crl/<authority-id>.crl" helperText="An http:// URL ending in .crl, named in every certificate the authority issues; CertMapper serves it" />
          <TextField label="CRL validity (days)" value={days} onChange={(event) => setDays(event.target.value)} error={Boolean(daysProblem)} helperText={daysProblem ?? 'Each CRL is reissued when half of this has passed, and at every revocation'} />
          {submit.error && <Alert severity="error">{submit.error}</Alert>}
        </Box>
      </DialogContent>
      <DialogButtons busy={submit.busy} onCancel={onClose} label="Create" form="create-authority-form" />
    </Dialog>
  );
}
