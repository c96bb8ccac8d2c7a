import { Box, Divider, Typography } from '@mui/material';
import { useStatusMessage } from '../state/console-context';
import { useConsoleData } from '../state/console-data-context';

/** The bottom bar: data folder, certificate count, and the last operation's outcome (announced politely). */
export function StatusBar() {
  const status = useStatusMessage();
  const { info, certificates, error } = useConsoleData();
  const message = error ? { text: error, severity: 'error' as const } : status;
  return (
    <Box
      component="footer"
      sx={{ display: 'flex', alignItems: 'center', gap: 1.5, px: 1.5, height: 26, borderTop: 1, borderColor: 'divider', bgcolor: 'background.paper', fontSize: 12, overflow: 'hidden' }}
    >
      <Typography variant="caption" noWrap title={info?.dataDir} sx={{ maxWidth: '40%' }}>
        Data folder: {info?.dataDir ?? '…'}
      </Typography>
      <Divider orientation="vertical" flexItem />
      <Typography variant="caption" noWrap data-testid="status-count">
        {certificates.length.toLocaleString()} certificate{certificates.length === 1 ? '' : 's'}
      </Typography>
      <Divider orientation="vertical" flexItem />
      <Typography
        variant="caption"
        noWrap
        role="status"
        aria-live="polite"
        title={message?.text}
        sx={{ flex: 1, color: message?.severity === 'error' ? 'error.main' : message?.severity === 'success' ? 'success.main' : 'text.secondary' }}
      >
        {message?.text ?? 'Ready'}
      </Typography>
      {info && (
        <Typography variant="caption" color="text.secondary" noWrap>
          {info.transport === 'electron' ? 'Desktop' : 'Web console'}
        </Typography>
      )}
    </Box>
  );
}
