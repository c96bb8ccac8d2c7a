import { useEffect, useRef, useState } from 'react';
import { Alert, Box, Chip, LinearProgress, MenuItem, TextField, Typography } from '@mui/material';
import PlayArrow from '@mui/icons-material/PlayArrow';
import type { Decision } from '../../../shared/models/decision';
import { ApiError, errorMessage, invoke } from '../api';
import type { ConsoleAction } from '../actions/action-group';
import { usePublishActions } from '../actions/published-actions';
import { NodeIcon } from '../connections/node-icon';
import { FeaturePage } from '../features/feature-page';
import { PASSWORD_CODES } from '../import/import-options';
import { readFileBase64 } from '../import/read-file-base64';
import { useDropClaim } from '../import/use-drop-claim';
import { PaneToolbar } from '../layout/pane-toolbar';
import { useSitesData } from '../state/sites-data-context';
import { DecisionSummary } from './decision-summary';
import { FileDropZone } from './file-drop-zone';
import { fileLooksLikePkcs12 } from './pkcs12-sniff';
import { TraceStepList } from './trace-step-list';

type Outcome = { state: 'idle' } | { state: 'running' } | { state: 'done'; decision: Decision } | { state: 'error'; message: string; code?: string };

/** Everything a run depends on: a result is shown only while these are still what the pane shows. */
interface Inputs {
  site: string;
  path: string;
  at: string;
  certificate: File | null;
  chain: readonly File[];
  password: string;
}

const sameInputs = (a: Inputs, b: Inputs) =>
  a.site === b.site && a.path === b.path && a.at === b.at && a.certificate === b.certificate && a.password === b.password && a.chain.length === b.chain.length && a.chain.every((file, i) => file === b.chain[i]);

/** What-if: the gateway's decision for a certificate on a site and path, without a connection, step by step. */
export function WhatIfPane() {
  const { sites } = useSitesData();
  const [site, setSite] = useState('');
  const [path, setPath] = useState('/');
  const [at, setAt] = useState('');
  const [certificate, setCertificateFile] = useState<File | null>(null);
  const [chain, setChain] = useState<File[]>([]);
  // A PKCS#12's password: in memory for the runs of these files only, sent with each run, never stored.
  const [password, setPassword] = useState('');
  // Whether the files need one: a PFX recognised when chosen, or the last run said so (PASSWORD_REQUIRED / WRONG_PASSWORD).
  const [pkcs12Chosen, setPkcs12Chosen] = useState(false);
  const [passwordRefused, setPasswordRefused] = useState(false);
  const passwordField = useRef<HTMLInputElement>(null);
  // The last run and the inputs it ran with; a newer run's answer replaces it, an older one's is dropped.
  const [last, setLast] = useState<{ inputs: Inputs; outcome: Outcome } | null>(null);
  const lastRun = useRef(0);
  const siteName = site || sites[0]?.name || '';
  const pathProblem = /^\/[^?#]*$/.test(path) ? undefined : 'A path starts with / and has no ? or #';
  const inputs: Inputs = { site: siteName, path, at, certificate, chain, password };
  // Any change of file, chain, password, path, time or site clears the result and any error: never a decision for other inputs.
  const outcome: Outcome = last && sameInputs(last.inputs, inputs) ? last.outcome : { state: 'idle' };
  const askPassword = pkcs12Chosen || passwordRefused;

  // Another set of files: whether one of them is a PFX, and a refusal about the previous files no longer applies.
  useEffect(() => {
    setPasswordRefused(false);
    let current = true;
    const files = certificate ? [certificate, ...chain] : chain;
    void Promise.all(files.map(fileLooksLikePkcs12)).then(
      (found) => current && setPkcs12Chosen(found.some(Boolean)),
      () => current && setPkcs12Chosen(false),
    );
    return () => {
      current = false;
    };
  }, [certificate, chain]);

  const setCertificate = (file: File | null) => {
    setCertificateFile(file);
    // The password belonged to the file it opened.
    setPassword('');
  };

  const takeFiles = (files: File[]) => {
    const [first, ...rest] = files;
    if (!first) return;
    setCertificate(first);
    if (rest.length) setChain(rest);
  };
  // Dropped anywhere on the page: the first file is the certificate, any others its chain.
  useDropClaim('Drop a certificate to evaluate it', 'What-if: the first file is the client certificate, any others its chain', takeFiles);

  const run = async () => {
    if (!certificate || !siteName || pathProblem) return;
    const ran = inputs;
    const id = ++lastRun.current;
    const settle = (result: Outcome) => id === lastRun.current && setLast({ inputs: ran, outcome: result });
    settle({ state: 'running' });
    try {
      const decision = await invoke('whatif.run', {
        site: siteName,
        path,
        certificateBase64: await readFileBase64(certificate),
        chainBase64: await Promise.all(chain.map(readFileBase64)),
        ...(askPassword && password ? { password } : {}),
        ...(at ? { at: new Date(at).toISOString() } : {}),
      });
      settle({ state: 'done', decision });
    } catch (error) {
      const message = error instanceof ApiError && error.code === 'INTERNAL' ? `What-if is not available from this server yet: ${error.message}` : errorMessage(error);
      const code = error instanceof ApiError ? error.code : undefined;
      settle({ state: 'error', message, code });
      if (id === lastRun.current && code && PASSWORD_CODES.has(code)) {
        setPasswordRefused(true);
        // Retry without choosing the file again: the field is there, its text selected.
        setTimeout(() => passwordField.current?.select(), 0);
      }
    }
  };

  const actions: ConsoleAction[] = [{ label: 'Run', icon: <PlayArrow fontSize="small" />, onClick: () => void run(), disabled: !certificate || !siteName || Boolean(pathProblem) || outcome.state === 'running' }];
  const wrongPassword = outcome.state === 'error' && outcome.code === 'WRONG_PASSWORD';
  usePublishActions('What-if', actions);

  return (
    <FeaturePage testId="whatif" icon={<NodeIcon id="whatif" />} title="What-if" description="Which status and account a certificate would get on a site and path, and why: the same decision the gateway makes, without a connection.">
      <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2, maxWidth: 980 }}>
        <Box sx={{ display: 'flex', gap: 1.5, flexWrap: 'wrap' }}>
          <TextField select label="Site" value={siteName} onChange={(event) => setSite(event.target.value)} sx={{ minWidth: 240 }} slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}>
            {sites.length === 0 && <MenuItem value="">No site yet</MenuItem>}
            {sites.map((s) => (
              <MenuItem key={s.id} value={s.name}>
                {s.name}
              </MenuItem>
            ))}
          </TextField>
          <TextField label="Path" value={path} onChange={(event) => setPath(event.target.value)} error={Boolean(pathProblem)} helperText={pathProblem ?? ' '} sx={{ minWidth: 220 }} slotProps={{ htmlInput: { spellCheck: false } }} />
          <TextField
            type="datetime-local"
            label="At (optional)"
            value={at}
            onChange={(event) => setAt(event.target.value)}
            helperText="Default: now; try a date after expiry"
            slotProps={{ inputLabel: { shrink: true } }}
          />
        </Box>
        <FileDropZone label="Client certificate" hint="Drop the certificate file here (PEM, DER, PKCS#7, or PKCS#12 .pfx/.p12 with its password), or choose it" testId="whatif-certificate" onFiles={takeFiles}>
          {certificate && <Chip sx={{ mt: 1 }} label={certificate.name} onDelete={() => setCertificate(null)} />}
        </FileDropZone>
        <FileDropZone label="Chain (optional)" hint="Intermediate certificates the client would send with it" testId="whatif-chain" multiple onFiles={(files) => setChain((list) => [...list, ...files])}>
          {chain.length > 0 && (
            <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', mt: 1 }}>
              {chain.map((file, index) => (
                <Chip key={`${index}-${file.name}`} label={file.name} onDelete={() => setChain((list) => list.filter((_, i) => i !== index))} />
              ))}
            </Box>
          )}
        </FileDropZone>
        {askPassword && (
          <Box
            component="form"
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              void run();
            }}
          >
            <TextField
              inputRef={passwordField}
              type="password"
              label="PFX password"
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              autoComplete="off"
              autoFocus
              error={wrongPassword}
              helperText={wrongPassword ? 'Wrong password: type it again, then Run' : 'Opens the PKCS#12 (.pfx/.p12) file; used for this run only, never stored'}
              sx={{ minWidth: 320 }}
              slotProps={{ htmlInput: { maxLength: 1024, 'data-testid': 'whatif-password' } }}
            />
          </Box>
        )}
        <PaneToolbar label="What-if actions" actions={actions} />
        <Box role="status" aria-live="polite">
          {outcome.state === 'running' && <LinearProgress aria-label="Running what-if" />}
          {outcome.state === 'error' && (
            <Alert severity="error" data-testid="whatif-error" data-code={outcome.code}>
              {outcome.message}
            </Alert>
          )}
          {outcome.state === 'idle' && (
            <Typography variant="body2" color="text.secondary">
              Choose a site and a certificate, then Run.
            </Typography>
          )}
        </Box>
        {outcome.state === 'done' && (
          <>
            <DecisionSummary decision={outcome.decision} />
            <TraceStepList trace={outcome.decision.trace} />
          </>
        )}
      </Box>
    </FeaturePage>
  );
}
