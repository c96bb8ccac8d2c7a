import { Box, LinearProgress, Typography } from '@mui/material';

/** Determinate progress of a running import: "n of N files". */
export function ImportProgress({ done, total, cancelling }: { done: number; total: number; cancelling: boolean }) {
  const percent = total ? Math.round((done / total) * 100) : 0;
  return (
    <Box sx={{ py: 2 }}>
      <LinearProgress variant="determinate" value={percent} aria-label="Import progress" />
      <Typography variant="body2" sx={{ mt: 1 }} role="status" aria-live="polite">
        {done.toLocaleString()} of {total.toLocaleString()} files{cancelling ? ' — cancelling after this batch…' : ''}
      </Typography>
    </Box>
  );
}
