import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Box, Button, Checkbox, Dialog, DialogContent, DialogTitle, FormControlLabel, LinearProgress, MenuItem, TextField, Typography } from '@mui/material';
import FileOpenOutlined from '@mui/icons-material/FileOpenOutlined';
import type { Site } from '../../../shared/models/site';
import { invoke } from '../api';
import { AccountPicker } from '../accounts/account-picker';
import { accountChoiceProblem, EMPTY_ACCOUNT_CHOICE, ensureAccount, type AccountChoice } from '../accounts/account-choice';
import { useConsoleActions } from '../state/console-context';
import { useConsoleData } from '../state/console-data-context';
import { useSitesData } from '../state/sites-data-context';
import { shortFingerprint } from '../util/fingerprint';
import { useSubmit } from '../util/use-submit';
import { importForMapping, type MappingCandidate, type MappingImport } from './import-for-mapping';
import { DialogButtons } from '../layout/dialog-buttons';

type ImportPhase = { kind: 'none' } | { kind: 'importing' } | MappingImport;

/**
 * IIS 6's "Map to Account" for one certificate: a dropped or chosen file is imported first (any encoding;
 * a PFX asks for its password here), then the account (or a new one) and an optional password.
 */
export function MapCertificateDialog({ site, files, onClose }: { site: Site; files: File[] | null; onClose(mappingId?: string): void }) {
  const { report } = useConsoleActions();
  const { certificates } = useConsoleData();
  const { accounts } = useSitesData();
  const submit = useSubmit();
  const [source, setSource] = useState<File[] | null>(files);
  const [phase, setPhase] = useState<ImportPhase>(files ? { kind: 'importing' } : { kind: 'none' });
  const [pfxPassword, setPfxPassword] = useState('');
  const [certificate, setCertificate] = useState('');
  const [account, setAccount] = useState<AccountChoice>(EMPTY_ACCOUNT_CHOICE);
  const [password, setPassword] = useState('');
  const [enabled, setEnabled] = useState(true);
  const [tried, setTried] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const started = useRef<File[] | null>(null);

  const runImportOf = async (list: File[], withPassword?: string) => {
    setPhase({ kind: 'importing' });
    const result = await importForMapping(list, withPassword);
    setPhase(result);
    if (result.kind === 'ok') setCertificate(result.candidates[0]?.sha256 ?? '');
  };

  useEffect(() => {
    // Once per file list (StrictMode runs effects twice in development; an import is not to be repeated).
    if (!source || started.current === source) return;
    started.current = source;
    void runImportOf(source);
  }, [source]);

  const mapped = useMemo(() => new Set(site.oneToOne.map((m) => m.certificateSha256)), [site.oneToOne]);
  // Without a file, any client certificate already in the store can be mapped.
  const storeChoices = useMemo<MappingCandidate[]>(
    () => certificates.filter((c) => c.store === 'client' && !mapped.has(c.sha256)).sort((a, b) => a.displayName.localeCompare(b.displayName)).map((c) => ({ sha256: c.sha256, subject: c.subject })),
    [certificates, mapped],
  );
  const choices = phase.kind === 'ok' ? phase.candidates : storeChoices;
  const already = certificate ? site.oneToOne.find((m) => m.certificateSha256 === certificate) : undefined;
  const accountProblem = accountChoiceProblem(account, 'Choose the account to log on as');
  const busy = submit.busy || phase.kind === 'importing';

  const save = async () => {
    setTried(true);
    if (!certificate || accountProblem || already) return;
    let id: string | undefined;
    const ok = await submit.run(async () => {
      const name = await ensureAccount(account, accounts);
      const mapping = await invoke('mappings.oneToOne.add', { site: site.id, certificateSha256: certificate, account: name, enabled, ...(password ? { password } : {}) });
      id = mapping.id;
      report(`Mapped ${mapping.subject} to ${name} on ${site.name}`, 'success');
    });
    if (ok) onClose(id);
  };

  return (
    <Dialog open onClose={busy ? undefined : () => onClose()} fullWidth maxWidth="sm" aria-labelledby="map-certificate-title">
      <DialogTitle id="map-certificate-title">Map Certificate to Account</DialogTitle>
      <DialogContent dividers>
        <Box
          component="form"
          id="map-certificate-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
          sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}
        >
          {phase.kind === 'importing' && (
            <Box role="status" aria-live="polite">
              <Typography variant="body2">Importing {source?.map((f) => f.name).join(', ')}…</Typography>
              <LinearProgress aria-label="Importing" sx={{ mt: 1 }} />
            </Box>
          )}
          {phase.kind === 'password' && (
            <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
              <Alert severity="warning">
                {phase.file}: {phase.message}
              </Alert>
              <Box sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
                <TextField type="password" label="PFX password" value={pfxPassword} onChange={(event) => setPfxPassword(event.target.value)} autoFocus autoComplete="off" sx={{ flex: 1 }} />
                <Button variant="outlined" onClick={() => source && void runImportOf(source, pfxPassword)}>
                  Import
                </Button>
              </Box>
            </Box>
          )}
          {phase.kind === 'failed' && <Alert severity="error">{phase.message}</Alert>}
          {phase.kind === 'ok' && <Typography variant="body2" color="text.secondary">{phase.summary}</Typography>}
          {phase.kind !== 'importing' && phase.kind !== 'password' && (
            <Box sx={{ display: 'flex', gap: 1, alignItems: 'flex-start' }}>
              <TextField
                select
                fullWidth
                label="Certificate"
                value={certificate}
                onChange={(event) => setCertificate(event.target.value)}
                error={tried && (!certificate || Boolean(already))}
                helperText={already ? `Already mapped to ${already.account} on this site` : tried && !certificate ? 'Choose the certificate, or a file' : 'Matched by its exact bytes (SHA-256): a reissued certificate does not match'}
                slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
              >
                <MenuItem value="">
                  <em>{choices.length ? 'Choose a certificate' : 'No client certificate to map: choose a file'}</em>
                </MenuItem>
                {choices.map((c) => (
                  <MenuItem key={c.sha256} value={c.sha256}>
                    {c.subject} · {shortFingerprint(c.sha256)}
                  </MenuItem>
                ))}
              </TextField>
              <Button variant="outlined" startIcon={<FileOpenOutlined />} onClick={() => fileInput.current?.click()} sx={{ mt: 0.5, flex: 'none' }}>
                File…
              </Button>
            </Box>
          )}
          <input
            ref={fileInput}
            type="file"
            hidden
            data-testid="map-certificate-file-input"
            aria-label="Choose a certificate file to map"
            onChange={(event) => {
              const list = Array.from(event.target.files ?? []);
              event.target.value = '';
              if (list.length) setSource(list);
            }}
          />
          <AccountPicker value={account} onChange={setAccount} error={tried ? accountProblem : undefined} disabled={submit.busy} />
          <TextField
            type="password"
            label="Password (optional)"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            autoComplete="new-password"
            helperText="Kept encrypted in the vault and sent upstream as HTTP Basic with the account name"
          />
          <FormControlLabel control={<Checkbox checked={enabled} onChange={(event) => setEnabled(event.target.checked)} />} label="Enable this mapping" />
          {submit.error && <Alert severity="error">{submit.error}</Alert>}
        </Box>
      </DialogContent>
      <DialogButtons busy={busy} onCancel={() => onClose()} label="OK" form="map-certificate-form" disabled={phase.kind === 'password'} />
    </Dialog>
  );
}
