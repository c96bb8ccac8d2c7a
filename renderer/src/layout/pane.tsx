import type { ReactNode } from 'react';
import { Box, Typography } from '@mui/material';

/** A titled pane of the three-pane layout (Connections, Actions), each a labelled landmark region. */
export function Pane({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  const id = `pane-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return (
    <Box component="section" aria-labelledby={id} sx={{ display: 'flex', flexDirection: 'column', minHeight: 0, height: '100%', bgcolor: 'background.paper' }}>
      <Box sx={{ display: 'flex', alignItems: 'center', px: 1.5, minHeight: 32, borderBottom: 1, borderColor: 'divider', bgcolor: 'action.hover' }}>
        <Typography id={id} variant="subtitle2" component="h2" sx={{ flex: 1, fontWeight: 600 }}>
          {title}
        </Typography>
        {actions}
      </Box>
      <Box sx={{ flex: 1, overflow: 'auto', minHeight: 0 }}>{children}</Box>
    </Box>
  );
}
