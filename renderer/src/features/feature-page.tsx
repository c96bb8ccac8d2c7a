import type { ReactNode } from 'react';
import { Box, Button } from '@mui/material';
import ArrowBack from '@mui/icons-material/ArrowBack';
import { FeatureHeader } from './feature-header';

interface Props {
  testId: string;
  icon: ReactNode;
  title: string;
  description: string;
  /** "Back to …": where IIS Manager's back button goes (the site's or folder's features view). */
  back?: { label: string; onBack(): void };
  children: ReactNode;
}

/** A feature page in the middle pane: back link, title strip and the page's own content, scrolling below. */
export function FeaturePage({ testId, icon, title, description, back, children }: Props) {
  return (
    <Box data-testid={testId} component="section" aria-label={title} sx={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0, minWidth: 0 }}>
      {back && (
        <Box sx={{ px: 1.5, pt: 1 }}>
          <Button size="small" startIcon={<ArrowBack fontSize="small" />} onClick={back.onBack}>
            {back.label}
          </Button>
        </Box>
      )}
      <FeatureHeader icon={icon} title={title} description={description} />
      <Box sx={{ flex: 1, minHeight: 0, overflow: 'auto', px: 2, pt: 1, pb: 2, display: 'flex', flexDirection: 'column' }}>{children}</Box>
    </Box>
  );
}
