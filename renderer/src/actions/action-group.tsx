import type { ReactNode } from 'react';
import { Box, List, ListItemButton, ListItemIcon, ListItemText, Typography } from '@mui/material';

/** One action: a labelled button with an icon, like IIS Manager's action links. */
export interface ConsoleAction {
  label: string;
  icon: ReactNode;
  onClick(): void;
  disabled?: boolean;
}

/** A titled group of actions in the Actions pane. */
export function ActionGroup({ title, actions }: { title: string; actions: ConsoleAction[] }) {
  const id = `actions-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return (
    <Box role="group" aria-labelledby={id} sx={{ mb: 1 }}>
      <Typography
        id={id}
        variant="subtitle2"
        component="h3"
        noWrap
        title={title}
        sx={{ px: 1.5, py: 0.5, bgcolor: 'action.hover', fontWeight: 600 }}
      >
        {title}
      </Typography>
      <List component="div" dense disablePadding>
        {actions.map((action) => (
          <ListItemButton key={action.label} onClick={action.onClick} disabled={action.disabled} sx={{ py: 0.25 }}>
            <ListItemIcon sx={{ minWidth: 30, color: 'primary.main' }}>{action.icon}</ListItemIcon>
            <ListItemText primary={action.label} slotProps={{ primary: { color: 'primary' } }} />
          </ListItemButton>
        ))}
      </List>
    </Box>
  );
}
