import { useState } from 'react';
import { Alert, Box, Chip, LinearProgress, MenuItem, TextField, Typography } from '@mui/material';
import PlayArrow from '@mui/icons-material/PlayArrow';
import type { Decision } from '../../../shared/models/decision';
import { ApiError, errorMessage, invoke } from '../api';
import type { ConsoleAction } from '../actions/action-group';
import { usePublishActions } from '../actions/published-actions';
import { NodeIcon } from '../connections/node-icon';
import { FeaturePage } from '../features/feature-page';
import { readFileBase64 } from '../import/read-file-base64';
import { useDropClaim } from '../import/use-drop-claim';
import { PaneToolbar } from '../layout/pane-toolbar';
import { useSitesData } from '../state/sites-data-context';
import { DecisionSummary } from './decision-summary';
import { FileDropZone } from './file-drop-zone';
import { TraceStepList } from './trace-step-list';

type Outcome = { state: 'idle' } | { state: 'running' } | { state: 'done'; decision: Decision } | { state: 'error'; message: string };

/** What-if: the gateway's decision for a certificate on a site and path, without a connection, step by step. */
export function WhatIfPane() {
  const { sites } = useSitesData();
  const [site, setSite] = useState('');
  const [path, setPath] = useState('/');
  const [at, setAt] = useState('');
  const [certificate, setCertificate] = useState<File | null>(null);
  const [chain, setChain] = useState<File[]>([]);
  const [outcome, setOutcome] = useState<Outcome>({ state: 'idle' });
  const siteName = site || sites[0]?.name || '';
  const pathProblem = /^\/[^?#]*$/.test(path) ? undefined : 'A path starts with / and has no ? or #';

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
    setOutcome({ state: 'running' });
    try {
      const decision = await invoke('whatif.run', {
        site: siteName,
        path,
        certificateBase64: await readFileBase64(certificate),
        chainBase64: await Promise.all(chain.map(readFileBase64)),
        ...(at ? { at: new Date(at).toISOString() } : {}),
      });
      setOutcome({ state: 'done', decision });
    } catch (error) {
      const message = error instanceof ApiError && error.code === 'INTERNAL' ? `What-if is not available from this server yet: ${error.message}` : errorMessage(error);
      setOutcome({ state: 'error', message });
    }
  };

  const actions: ConsoleAction[] = [{ label: 'Run', icon: <PlayArrow fontSize="small" />, onClick: () => void run(), disabled: !certificate || !siteName || Boolean(pathProblem) || outcome.state === 'running' }];
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
        <FileDropZone label="Client certificate" hint="Drop the certificate file here (PEM, DER, PKCS#7, or PFX without password), or choose it" testId="whatif-certificate" onFiles={takeFiles}>
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
        <PaneToolbar label="What-if actions" actions={actions} />
        <Box role="status" aria-live="polite">
          {outcome.state === 'running' && <LinearProgress aria-label="Running what-if" />}
          {outcome.state === 'error' && <Alert severity="error">{outcome.message}</Alert>}
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
