import { Box, Button, Link, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import Add from '@mui/icons-material/Add';
import { NodeIcon } from '../connections/node-icon';
import { siteNodeId } from '../connections/connection-nodes';
import { FeatureHeader } from '../features/feature-header';
import { useConsoleActions } from '../state/console-context';
import { useSitesData } from '../state/sites-data-context';
import { describeBinding } from './describe-binding';
import { useSiteDialogs } from './site-dialogs-context';

/** The Sites node: every site with its bindings, content and client-certificate setting, as IIS's Sites list. */
export function SitesFeature() {
  const { sites, loaded, error } = useSitesData();
  const { selectNode } = useConsoleActions();
  const openDialog = useSiteDialogs();
  const sorted = [...sites].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <Box data-testid="sites" sx={{ overflow: 'auto', flex: 1 }}>
      <FeatureHeader icon={<NodeIcon id="sites" />} title="Sites" description="Each site listens on its bindings, asks for client certificates and maps them to accounts." />
      <Box sx={{ px: 2, pb: 2 }}>
        <Button variant="outlined" startIcon={<Add />} onClick={() => openDialog({ kind: 'add-site' })} sx={{ mb: 1 }}>
          Add Site…
        </Button>
        {error && <Typography color="error">Sites could not be read: {error}</Typography>}
        <TableContainer sx={{ bgcolor: 'background.paper', border: 1, borderColor: 'divider', borderRadius: 1 }}>
          <Table size="small" aria-label="Sites">
            <TableHead>
              <TableRow>
                <TableCell>Name</TableCell>
                <TableCell>Bindings</TableCell>
                <TableCell>Content</TableCell>
                <TableCell>Client certificates</TableCell>
                <TableCell>Mapper</TableCell>
                <TableCell align="right">Mappings</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {sorted.map((site) => (
                <TableRow key={site.id} data-id={site.id} hover onDoubleClick={() => selectNode(siteNodeId(site.id))}>
                  <TableCell>
                    <Link component="button" type="button" onClick={() => selectNode(siteNodeId(site.id))} underline="hover">
                      {site.name}
                    </Link>
                  </TableCell>
                  <TableCell>{site.bindings.map(describeBinding).join(', ')}</TableCell>
                  <TableCell sx={{ wordBreak: 'break-all' }}>{site.content.kind === 'static' ? site.content.directory : `→ ${site.content.url}`}</TableCell>
                  <TableCell sx={{ textTransform: 'capitalize' }}>{site.security.clientCertificates}</TableCell>
                  <TableCell>{site.mappingMode === 'local' ? 'Local' : 'Directory'}</TableCell>
                  <TableCell align="right">{site.oneToOne.length + site.manyToOne.length}</TableCell>
                </TableRow>
              ))}
              {loaded && sorted.length === 0 && (
                <TableRow>
                  <TableCell colSpan={6}>
                    <Typography color="text.secondary">No site yet: Add Site… creates one.</Typography>
                  </TableCell>
                </TableRow>
              )}
            </TableBody>
          </Table>
        </TableContainer>
      </Box>
    </Box>
  );
}
