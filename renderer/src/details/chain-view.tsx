import { Alert, Box, Link, List, ListItem, Typography } from '@mui/material';
import type { CertificateDetails } from '../../../shared/ipc';
import { useConsoleActions } from '../state/console-context';
import { topDownLinks } from './chain-order';
import { ChainStatusIcon, LINK_STATUS_TEXT } from './chain-status-icon';

const SEVERITY = { ok: 'success', partial: 'warning', untrusted: 'warning', invalid: 'error' } as const;

/** The certification path, root at the top, each link with its status; stored links open their own details. */
export function ChainView({ details }: { details: CertificateDetails }) {
  const { openDetails } = useConsoleActions();
  const links = topDownLinks(details.chain, details.sha256);
  return (
    <Box>
      <List dense disablePadding role="tree" aria-label="Certification path">
        {links.map((link, depth) => {
          const isSelf = link.sha256 === details.sha256;
          return (
            <ListItem
              key={`${depth}-${link.sha256 ?? link.subject}`}
              role="treeitem"
              aria-level={depth + 1}
              aria-selected={isSelf}
              disableGutters
              sx={{ pl: depth * 2, gap: 0.75, alignItems: 'flex-start' }}
            >
              <ChainStatusIcon status={link.status} />
              <Box sx={{ minWidth: 0 }}>
                {link.sha256 && !isSelf ? (
                  <Link component="button" type="button" underline="hover" onClick={() => openDetails(link.sha256!)} sx={{ textAlign: 'left' }}>
                    {link.subject}
                  </Link>
                ) : (
                  <Typography variant="body2" sx={{ fontWeight: isSelf ? 600 : undefined, wordBreak: 'break-word' }}>
                    {link.subject}
                  </Typography>
                )}
                {link.status !== 'ok' && (
                  <Typography variant="caption" color="text.secondary" display="block">
                    {LINK_STATUS_TEXT[link.status] ?? link.status}
                  </Typography>
                )}
              </Box>
            </ListItem>
          );
        })}
      </List>
      <Alert severity={SEVERITY[details.chain.status]} sx={{ mt: 1, py: 0 }}>
        {details.chain.message}
      </Alert>
    </Box>
  );
}
