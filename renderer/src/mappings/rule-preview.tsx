import { useEffect, useState } from 'react';
import { Alert, Box, LinearProgress, List, ListItem, ListItemText, Typography } from '@mui/material';
import type { MatchRule } from '../../../shared/models/site';
import { ApiError, errorMessage, invoke } from '../api';
import { shortFingerprint } from '../util/fingerprint';

type Preview =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'done'; matches: { sha256: string; subject: string }[]; examined: number }
  | { state: 'error'; message: string };

/** Matches listed before "and N more". */
const LISTED = 50;
/** Wait this long after the last keystroke before asking main: typing a pattern sends one request, not ten. */
const DEBOUNCE_MS = 400;

/** The rule editor's live preview: which stored client certificates these rules (all of them) would match. */
export function RulePreview({ rules }: { rules: MatchRule[] | null }) {
  const [preview, setPreview] = useState<Preview>({ state: 'idle' });
  const key = rules ? JSON.stringify(rules) : '';

  useEffect(() => {
    if (!key) {
      setPreview({ state: 'idle' });
      return;
    }
    let cancelled = false;
    setPreview({ state: 'loading' });
    const timer = setTimeout(() => {
      invoke('mappings.preview', { rules: JSON.parse(key) as MatchRule[] }).then(
        (answer) => !cancelled && setPreview({ state: 'done', matches: answer.matches, examined: answer.examined }),
        (error: unknown) => {
          if (cancelled) return;
          const message = error instanceof ApiError && error.code === 'INTERNAL' ? `The preview is not available from this server yet (${error.message}).` : errorMessage(error);
          setPreview({ state: 'error', message });
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [key]);

  return (
    <Box data-testid="rule-preview" component="section" aria-labelledby="rule-preview-title" sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 1.5 }}>
      <Typography id="rule-preview-title" variant="subtitle2" component="h3">
        Preview
      </Typography>
      <Box role="status" aria-live="polite" sx={{ mt: 0.5 }}>
        {preview.state === 'idle' && (
          <Typography variant="body2" color="text.secondary">
            Complete the rules to see which stored client certificates they match.
          </Typography>
        )}
        {preview.state === 'loading' && <LinearProgress aria-label="Computing the preview" />}
        {preview.state === 'error' && <Alert severity="info">{preview.message}</Alert>}
        {preview.state === 'done' && (
          <Typography variant="body2">
            Matches <strong>{preview.matches.length.toLocaleString()}</strong> of the {preview.examined.toLocaleString()} stored certificate{preview.examined === 1 ? '' : 's'} examined.
          </Typography>
        )}
      </Box>
      {preview.state === 'done' && preview.matches.length > 0 && (
        <List dense aria-label="Matching certificates" sx={{ maxHeight: 180, overflow: 'auto' }}>
          {preview.matches.slice(0, LISTED).map((m) => (
            <ListItem key={m.sha256} data-sha256={m.sha256} disableGutters>
              <ListItemText primary={m.subject} secondary={shortFingerprint(m.sha256)} slotProps={{ primary: { variant: 'body2' }, secondary: { sx: { fontFamily: 'monospace' } } }} />
            </ListItem>
          ))}
          {preview.matches.length > LISTED && (
            <ListItem disableGutters>
              <Typography variant="caption" color="text.secondary">
                … and {(preview.matches.length - LISTED).toLocaleString()} more
              </Typography>
            </ListItem>
          )}
        </List>
      )}
    </Box>
  );
}
