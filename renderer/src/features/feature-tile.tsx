import type { ReactNode } from 'react';
import { Box, ButtonBase, Typography } from '@mui/material';

/** One feature icon of the server's features view; opens it on click or Enter. */
export function FeatureTile({ icon, title, detail, onOpen }: { icon: ReactNode; title: string; detail: string; onOpen(): void }) {
  return (
    <ButtonBase
      onClick={onOpen}
      focusRipple
      aria-label={`${title}: ${detail}`}
      sx={{
        width: 176,
        height: 120,
        flexDirection: 'column',
        gap: 0.5,
        p: 1.5,
        borderRadius: 1,
        border: 1,
        borderColor: 'divider',
        bgcolor: 'background.paper',
        textAlign: 'center',
        '&:hover, &.Mui-focusVisible': { borderColor: 'primary.main', bgcolor: 'action.hover' },
      }}
    >
      <Box sx={{ color: 'primary.main', '& svg': { fontSize: 36 } }}>{icon}</Box>
      <Typography variant="body2" sx={{ fontWeight: 600 }}>
        {title}
      </Typography>
      <Typography variant="caption" color="text.secondary">
        {detail}
      </Typography>
    </ButtonBase>
  );
}
