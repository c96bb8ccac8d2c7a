import type { ReactNode } from 'react';
import { Box, Typography } from '@mui/material';

/** A titled block of the details panel; the heading gives screen readers a landmark to jump to. */
export function DetailSection({ title, children }: { title: string; children: ReactNode }) {
  const id = `details-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return (
    <Box component="section" aria-labelledby={id} sx={{ mb: 2 }}>
      <Typography id={id} variant="subtitle2" component="h3" sx={{ mb: 0.5, color: 'text.secondary', textTransform: 'uppercase', letterSpacing: 0.5, fontSize: 11 }}>
        {title}
      </Typography>
      {children}
    </Box>
  );
}
