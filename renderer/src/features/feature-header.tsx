import type { ReactNode } from 'react';
import { Box, Typography } from '@mui/material';

/** The title strip of the features view, as IIS Manager puts the feature's name and what it is for. */
export function FeatureHeader({ icon, title, description }: { icon: ReactNode; title: string; description: string }) {
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, px: 2, pt: 1.5, pb: 1 }}>
      <Box sx={{ color: 'primary.main', display: 'flex', '& svg': { fontSize: 32 } }}>{icon}</Box>
      <Box sx={{ minWidth: 0 }}>
        <Typography variant="h5" component="h1" sx={{ fontSize: 20, fontWeight: 500 }} noWrap>
          {title}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {description}
        </Typography>
      </Box>
    </Box>
  );
}
