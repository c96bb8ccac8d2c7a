import { AppBar, Box, IconButton, Toolbar, Tooltip, Typography } from '@mui/material';
import VerifiedUserOutlined from '@mui/icons-material/VerifiedUserOutlined';
import ViewSidebarOutlined from '@mui/icons-material/ViewSidebarOutlined';
import AccountTreeOutlined from '@mui/icons-material/AccountTreeOutlined';
import { useConsoleActions, usePanes } from '../state/console-context';
import { useConsoleData } from '../state/console-data-context';

/** The top bar: product name, version, and toggles for the side panes. */
export function AppTopBar() {
  const panes = usePanes();
  const { togglePane } = useConsoleActions();
  const { info } = useConsoleData();
  return (
    <AppBar position="static" elevation={0} color="primary">
      <Toolbar variant="dense" sx={{ gap: 1 }}>
        <VerifiedUserOutlined aria-hidden />
        <Typography variant="h6" component="div" sx={{ fontSize: 17, fontWeight: 600 }}>
          CertMapper
        </Typography>
        {info && (
          <Typography variant="caption" sx={{ opacity: 0.8 }}>
            {info.version}
          </Typography>
        )}
        <Box sx={{ flex: 1 }} />
        <Tooltip title={panes.connections ? 'Hide Connections' : 'Show Connections'}>
          <IconButton color="inherit" size="small" aria-pressed={panes.connections} aria-label="Connections pane" onClick={() => togglePane('connections')}>
            <AccountTreeOutlined fontSize="small" />
          </IconButton>
        </Tooltip>
        <Tooltip title={panes.actions ? 'Hide Actions' : 'Show Actions'}>
          <IconButton color="inherit" size="small" aria-pressed={panes.actions} aria-label="Actions pane" onClick={() => togglePane('actions')}>
            <ViewSidebarOutlined fontSize="small" />
          </IconButton>
        </Tooltip>
      </Toolbar>
    </AppBar>
  );
}
