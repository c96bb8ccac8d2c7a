import { useState } from 'react';
import { Alert, Button, IconButton } from '@mui/material';
import Close from '@mui/icons-material/Close';
import { useConsoleActions, useSelectedNode } from '../state/console-context';
import { useExpiryOverview } from './use-expiry-overview';

/**
 * "3 certificates expire within 30 days", above every page but the Certificate Expiry overview it
 * links to, until dealt with. Closing it hides this message only: a new one shows again.
 */
export function ExpiryBanner() {
  const { selectNode } = useConsoleActions();
  const node = useSelectedNode();
  const { overview } = useExpiryOverview('in-use');
  const [dismissed, setDismissed] = useState<string | null>(null);
  const message = overview?.warning.message ?? null;
  // The overview says the same in its own summary.
  if (!overview || !message || message === dismissed || node === 'expiry') return null;
  const severe = overview.warning.expired > 0 || overview.warning.staleCrls > 0;
  return (
    <Alert
      data-testid="expiry-banner"
      severity={severe ? 'error' : 'warning'}
      square
      action={
        <>
          <Button color="inherit" size="small" onClick={() => selectNode('expiry')}>
            Open Certificate Expiry
          </Button>
          <IconButton color="inherit" size="small" aria-label="Hide this warning" onClick={() => setDismissed(message)}>
            <Close fontSize="small" />
          </IconButton>
        </>
      }
      sx={{ borderBottom: 1, borderColor: 'divider', py: 0 }}
    >
      {message.charAt(0).toUpperCase() + message.slice(1)}
    </Alert>
  );
}
