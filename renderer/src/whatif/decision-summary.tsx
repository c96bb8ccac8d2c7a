import { Box, Paper, Typography } from '@mui/material';
import type { Decision } from '../../../shared/models/decision';
import { statusCode, statusMeaning } from '../util/status-text';

/** The outcome, big: status.substatus with its meaning, the account, and the mapping or rule that decided. */
export function DecisionSummary({ decision }: { decision: Decision }) {
  const code = statusCode(decision.status, decision.substatus);
  const allowed = decision.status >= 200 && decision.status < 300;
  return (
    <Paper variant="outlined" data-testid="whatif-result" data-status={code} sx={{ p: 2, display: 'flex', gap: 3, alignItems: 'center', flexWrap: 'wrap' }}>
      <Box>
        <Typography component="p" sx={{ fontSize: 44, fontWeight: 700, lineHeight: 1, color: allowed ? 'success.main' : 'error.main' }} aria-label={`Status ${code}`}>
          {code}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {statusMeaning(code) ?? (allowed ? 'Allowed' : 'Refused')}
        </Typography>
      </Box>
      <Box component="dl" sx={{ m: 0, display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: 2, rowGap: 0.5 }}>
        <Typography component="dt" variant="body2" color="text.secondary">
          Account
        </Typography>
        <Typography component="dd" variant="body2" sx={{ m: 0, fontWeight: 600 }} data-testid="whatif-account">
          {decision.account ?? 'none (anonymous)'}
        </Typography>
        <Typography component="dt" variant="body2" color="text.secondary">
          Decided by
        </Typography>
        <Typography component="dd" variant="body2" sx={{ m: 0 }} data-testid="whatif-decided-by">
          {decision.decidedBy ?? '—'}
        </Typography>
      </Box>
    </Paper>
  );
}
