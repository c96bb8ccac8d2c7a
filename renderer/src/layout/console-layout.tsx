import { Box } from '@mui/material';
import { ActionsPane } from '../actions/actions-pane';
import { CertificateDialogs } from '../certificates/certificate-dialogs';
import { ConnectionsTree } from '../connections/connections-tree';
import { FeaturesView } from '../features/features-view';
import { ExpiryBanner } from '../expiry/expiry-banner';
import { usePanes } from '../state/console-context';
import { AppTopBar } from './app-top-bar';
import { Pane } from './pane';
import { StatusBar } from './status-bar';

/** IIS Manager's frame: Connections | Features | Actions between the top bar and the status bar. */
export function ConsoleLayout() {
  const panes = usePanes();
  const columns = [panes.connections ? '320px' : null, 'minmax(0, 1fr)', panes.actions ? '230px' : null].filter(Boolean).join(' ');
  return (
    <Box sx={{ height: '100vh', display: 'grid', gridTemplateRows: 'auto minmax(0, 1fr) auto', bgcolor: 'background.default' }}>
      <AppTopBar />
      <Box sx={{ display: 'grid', gridTemplateColumns: columns, gap: '1px', bgcolor: 'divider', minHeight: 0 }}>
        {panes.connections && (
          <Pane title="Connections">
            <ConnectionsTree />
          </Pane>
        )}
        <Box component="main" aria-label="Features" sx={{ display: 'flex', flexDirection: 'column', minHeight: 0, minWidth: 0, bgcolor: 'background.default' }}>
          <ExpiryBanner />
          <FeaturesView />
        </Box>
        {panes.actions && (
          <Pane title="Actions">
            <ActionsPane />
          </Pane>
        )}
      </Box>
      <StatusBar />
      <CertificateDialogs />
    </Box>
  );
}
