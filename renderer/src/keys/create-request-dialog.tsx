import { useState } from 'react';
import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, MenuItem, TextField, Typography } from '@mui/material';
import { DEFAULT_KEY_ALGORITHM, KEY_ALGORITHM_LABELS, KEY_ALGORITHMS, type CreateRequestResult, type KeyAlgorithm, type RequestSan, type RequestTemplate } from '../../../shared/models/key';
import { invoke } from '../api';
import { useConsoleActions } from '../state/console-context';
import { useSubmit } from '../util/use-submit';
import { RequestPemView } from './request-pem-view';
import { SanEditor } from './san-editor';
import { EMPTY_SUBJECT, subjectText, type SubjectFields } from './subject-text';

const TEMPLATE_LABELS: Record<RequestTemplate, string> = {
  server: 'TLS server (serverAuth)',
  client: 'TLS client (clientAuth)',
  none: 'None: subject and names only',
};

const SUBJECT_FIELDS: { key: keyof SubjectFields; label: string; helper?: string }[] = [
  { key: 'commonName', label: 'Common name', helper: "For a server: its host name; it is also added as a DNS name" },
  { key: 'organization', label: 'Organization' },
  { key: 'organizationalUnit', label: 'Organizational unit' },
  { key: 'locality', label: 'City/locality' },
  { key: 'state', label: 'State/province' },
  { key: 'country', label: 'Country/region', helper: 'Two letters, e.g. US' },
];

/** IIS's Create Certificate Request: key, template, subject and names; then the PEM to copy or save. */
export function CreateRequestDialog({ onClose }: { onClose(): void }) {
  const { report } = useConsoleActions();
  const submit = useSubmit();
  const [name, setName] = useState('');
  const [template, setTemplate] = useState<RequestTemplate>('server');
  const [algorithm, setAlgorithm] = useState<KeyAlgorithm>(DEFAULT_KEY_ALGORITHM);
  const [subject, setSubject] = useState<SubjectFields>(EMPTY_SUBJECT);
  const [sans, setSans] = useState<RequestSan[]>([]);
  const [created, setCreated] = useState<CreateRequestResult | null>(null);
  const [tried, setTried] = useState(false);
  const text = subjectText(subject);
  const problem = !subject.commonName.trim() ? 'A request needs at least a common name' : undefined;

  const create = async () => {
    setTried(true);
    if (problem) return;
    await submit.run(async () => {
      const result = await invoke('keys.createRequest', { name: name.trim() || undefined, algorithm, template, subject: text, subjectAltNames: sans });
      setCreated(result);
      report(`Created the request for ${result.request.subject}; it waits as pending`, 'success');
    });
  };

  return (
    <Dialog open onClose={submit.busy ? undefined : onClose} fullWidth maxWidth="md" aria-labelledby="create-request-title">
      <DialogTitle id="create-request-title">Create Certificate Request</DialogTitle>
      <DialogContent dividers>
        {created ? (
          <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
            <Alert severity="success">
              The key <strong>{created.key.name}</strong> ({created.key.algorithmName}) is in the vault and the request waits as pending. Send the request to your certification authority, then use Complete Certificate Request… with its reply.
            </Alert>
            <RequestPemView pem={created.request.pem} fileName={`${created.key.name.replace(/[^A-Za-z0-9._-]+/g, '_') || 'request'}.csr`} />
          </Box>
        ) : (
          <Box
            component="form"
            id="create-request-form"
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              void create();
            }}
            sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}
          >
            <Box sx={{ display: 'flex', gap: 2 }}>
              <TextField select label="Template" value={template} onChange={(event) => setTemplate(event.target.value as RequestTemplate)} sx={{ flex: 1 }}>
                {(Object.keys(TEMPLATE_LABELS) as RequestTemplate[]).map((t) => (
                  <MenuItem key={t} value={t}>
                    {TEMPLATE_LABELS[t]}
                  </MenuItem>
                ))}
              </TextField>
              <TextField select label="Key algorithm" value={algorithm} onChange={(event) => setAlgorithm(event.target.value as KeyAlgorithm)} sx={{ flex: 1 }}>
                {KEY_ALGORITHMS.map((a) => (
                  <MenuItem key={a} value={a}>
                    {KEY_ALGORITHM_LABELS[a]}
                  </MenuItem>
                ))}
              </TextField>
              <TextField label="Key name" value={name} onChange={(event) => setName(event.target.value)} sx={{ flex: 1 }} helperText="Optional; the common name when empty" />
            </Box>
            <Typography variant="subtitle2" component="h3">
              Distinguished name properties
            </Typography>
            <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 2 }}>
              {SUBJECT_FIELDS.map((field) => (
                <TextField
                  key={field.key}
                  label={field.label}
                  value={subject[field.key]}
                  required={field.key === 'commonName'}
                  autoFocus={field.key === 'commonName'}
                  error={field.key === 'commonName' && tried && Boolean(problem)}
                  helperText={(field.key === 'commonName' && tried && problem) || field.helper}
                  onChange={(event) => setSubject({ ...subject, [field.key]: event.target.value })}
                />
              ))}
            </Box>
            <Typography variant="body2" color="text.secondary" data-testid="subject-preview">
              Subject: {text || '—'}
            </Typography>
            <Typography variant="subtitle2" component="h3">
              Subject alternative names
            </Typography>
            <SanEditor sans={sans} onChange={setSans} />
            {submit.error && <Alert severity="error">{submit.error}</Alert>}
          </Box>
        )}
      </DialogContent>
      <DialogActions>
        {created ? (
          <Button variant="contained" onClick={onClose}>
            Close
          </Button>
        ) : (
          <>
            <Button onClick={onClose} disabled={submit.busy}>
              Cancel
            </Button>
            <Button type="submit" form="create-request-form" variant="contained" disabled={submit.busy}>
              {submit.busy ? 'Creating…' : 'Create'}
            </Button>
          </>
        )}
      </DialogActions>
    </Dialog>
  );
}
