import { Box, Button } from '@mui/material';
import type { ConsoleAction } from '../actions/action-group';

/** The buttons under a feature page's list, as the IIS 6 mapping dialog puts Add, Edit, Move Up beside its list. */
export function PaneToolbar({ label, actions }: { label: string; actions: ConsoleAction[] }) {
  return (
    <Box role="group" aria-label={label} sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', py: 1 }}>
      {actions.map((action) => (
        <Button key={action.label} variant="outlined" startIcon={action.icon} onClick={action.onClick} disabled={action.disabled}>
          {action.label}
        </Button>
      ))}
    </Box>
  );
}
