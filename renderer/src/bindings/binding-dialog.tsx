import { useState } from 'react';
import { Alert, AlertTitle, Box, Dialog, DialogContent, DialogTitle, MenuItem, TextField, Typography } from '@mui/material';
import type { BindingKey, BindingRow } from '../../../shared/models/binding';
import { invoke } from '../api';
import { bindingProblems, NEW_BINDING, type BindingDraft } from '../sites/binding-draft';
import { useConsoleActions } from '../state/console-context';
import { useSitesData } from '../state/sites-data-context';
import { useSubmit } from '../util/use-submit';
import { BindingCertificateSelect } from './binding-certificate-select';
import { keyOfRow } from './binding-row-id';
import { useBindingCheck } from './use-binding-check';
import { DialogButtons } from '../layout/dialog-buttons';

interface Props {
  /** The binding being edited; null: Add. */
  editing: BindingRow | null;
  onClose(saved?: { siteId: string; key: BindingKey }): void;
}

const draftOf = (row: BindingRow): BindingDraft => ({ protocol: row.protocol, address: row.address, port: String(row.port), host: row.host ?? '' });

/** The draft as the contract's key, or null while a field is still wrong. */
function keyOf(draft: BindingDraft): BindingKey | null {
  if (Object.keys(bindingProblems(draft)).length > 0) return null;
  const host = draft.host.trim();
  return { protocol: draft.protocol, address: draft.address.trim(), port: Number(draft.port), host: host || null };
}

/**
 * IIS's "Add Site Binding" / "Edit Site Binding" for any site: type, address, port, host name and the
 * certificate. Every conflict (the same address:port:host, all addresses against one, a port another
 * program holds) is explained here as the fields change, before OK can save it.
 */
export function BindingDialog({ editing, onClose }: Props) {
  const { report } = useConsoleActions();
  const { sites } = useSitesData();
  const submit = useSubmit();
  const [siteId, setSiteId] = useState(editing?.siteId ?? sites[0]?.id ?? '');
  const [draft, setDraft] = useState<BindingDraft>(editing ? draftOf(editing) : NEW_BINDING);
  const [certificate, setCertificate] = useState(editing?.ownCertificateSha256 ?? '');
  const site = sites.find((s) => s.id === siteId);
  const problems = bindingProblems(draft);
  const key = keyOf(draft);
  const replacing = editing ? keyOfRow(editing) : null;
  const check = useBindingCheck(site ? site.id : null, key, replacing);
  const needsCertificate = draft.protocol === 'https' && !certificate && !site?.serverCertificateSha256;
  const canSave = Boolean(site && key) && !needsCertificate && check.conflicts.length === 0 && !check.checking && !submit.busy;
  const title = editing ? 'Edit Site Binding' : 'Add Site Binding';

  const save = async () => {
    if (!site || !key || !canSave) return;
    const to = { ...key, certificateSha256: draft.protocol === 'https' && certificate ? certificate : null };
    const ok = await submit.run(async () => {
      const row = editing ? await invoke('bindings.update', { site: site.id, binding: keyOfRow(editing), to }) : await invoke('bindings.add', { site: site.id, binding: to });
      report(`${editing ? 'Changed' : 'Added'} the binding ${row.protocol}://${row.address}:${row.port}${row.host ? ` (${row.host})` : ''} of ${row.siteName}`, 'success');
    });
    if (ok) onClose({ siteId: site.id, key });
  };

  const field = (name: keyof BindingDraft) => problems[name];
  return (
    <Dialog open onClose={submit.busy ? undefined : () => onClose()} fullWidth maxWidth="sm" aria-labelledby="binding-dialog-title">
      <DialogTitle id="binding-dialog-title">{title}</DialogTitle>
      <DialogContent dividers>
        <Box
          component="form"
          id="binding-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
          sx={{ display: 'grid', gridTemplateColumns: '120px 1fr 110px', gap: 2 }}
        >
          <TextField
            select
            label="Site"
            value={siteId}
            disabled={Boolean(editing)}
            onChange={(event) => setSiteId(event.target.value)}
            sx={{ gridColumn: '1 / -1' }}
          >
            {sites.map((s) => (
              <MenuItem key={s.id} value={s.id}>
                {s.name}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            select
            label="Type"
            value={draft.protocol}
            onChange={(event) => setDraft({ ...draft, protocol: event.target.value as BindingDraft['protocol'] })}
          >
            <MenuItem value="https">https</MenuItem>
            <MenuItem value="http">http</MenuItem>
          </TextField>
          <TextField
            label="IP address"
            value={draft.address}
            onChange={(event) => setDraft({ ...draft, address: event.target.value })}
            error={Boolean(field('address'))}
            helperText={field('address') ?? (draft.address.trim() === '*' ? 'All addresses' : ' ')}
            slotProps={{ htmlInput: { 'aria-label': 'IP address', spellCheck: false } }}
          />
          <TextField
            label="Port"
            value={draft.port}
            onChange={(event) => setDraft({ ...draft, port: event.target.value })}
            error={Boolean(field('port'))}
            helperText={field('port') ?? ' '}
            slotProps={{ htmlInput: { 'aria-label': 'Port', inputMode: 'numeric' } }}
          />
          <TextField
            label="Host name"
            value={draft.host}
            onChange={(event) => setDraft({ ...draft, host: event.target.value })}
            error={Boolean(field('host'))}
            helperText={field('host') ?? (draft.protocol === 'https' ? 'Optional; matched by SNI' : 'Optional; matched by the Host header')}
            sx={{ gridColumn: '1 / -1' }}
            slotProps={{ htmlInput: { 'aria-label': 'Host name', spellCheck: false } }}
          />
          {draft.protocol === 'https' && (
            <Box sx={{ gridColumn: '1 / -1', display: 'grid' }}>
              <BindingCertificateSelect
                value={certificate}
                onChange={setCertificate}
                siteCertificate={site?.serverCertificateSha256 ?? null}
                error={needsCertificate ? `Site ${site?.name ?? ''} has no certificate of its own: choose one for this binding` : undefined}
              />
            </Box>
          )}
          <Box sx={{ gridColumn: '1 / -1' }} aria-live="polite">
            {check.conflicts.length > 0 && (
              <Alert severity="error" data-testid="binding-conflicts">
                <AlertTitle>This binding cannot be saved</AlertTitle>
                {check.conflicts.map((conflict) => (
                  <Typography key={conflict.message} variant="body2" data-kind={conflict.kind} sx={{ mt: 0.5 }}>
                    {conflict.message}
                  </Typography>
                ))}
              </Alert>
            )}
            {check.error && <Alert severity="warning">Could not check the binding: {check.error}</Alert>}
            {key && check.checking && (
              <Typography variant="body2" color="text.secondary">
                Checking for conflicts…
              </Typography>
            )}
            {submit.error && (
              <Alert severity="error" sx={{ mt: 1 }}>
                {submit.error}
              </Alert>
            )}
          </Box>
        </Box>
      </DialogContent>
      <DialogButtons busy={submit.busy} onCancel={() => onClose()} label="OK" form="binding-form" disabled={!canSave} />
    </Dialog>
  );
}
