import { Box } from '@mui/material';
import FileOpenOutlined from '@mui/icons-material/FileOpenOutlined';
import ContentPaste from '@mui/icons-material/ContentPaste';
import Refresh from '@mui/icons-material/Refresh';
import InfoOutlined from '@mui/icons-material/InfoOutlined';
import Download from '@mui/icons-material/Download';
import DriveFileMove from '@mui/icons-material/DriveFileMoveOutlined';
import DeleteOutline from '@mui/icons-material/DeleteOutline';
import AutorenewOutlined from '@mui/icons-material/AutorenewOutlined';
import { EXPORT_FORMATS } from '../../../shared/ipc';
import { errorMessage } from '../api';
import { EXPORT_LABELS, exportCertificate } from '../certificates/export-certificate';
import { useImport } from '../import/import-context';
import { unfinishedRenewal } from '../renewal/renewal-status';
import { kindOfNode } from '../connections/connection-nodes';
import { useSiteActions } from '../sites/use-site-actions';
import { useConsoleActions, useSelectedNode, useSelection } from '../state/console-context';
import { useConsoleData } from '../state/console-data-context';
import { ActionGroup, type ConsoleAction } from './action-group';
import { usePublishedActions } from './published-actions';

/** Nodes whose Actions pane offers the certificate store's actions (Import…, Paste PEM…). */
const CERTIFICATE_NODE_KINDS = new Set(['start', 'server', 'certificates', 'store']);

/**
 * The right-hand Actions pane, as IIS Manager fills it: the open page's own actions first (Apply, Add…,
 * Move Up …), then the selected site's, then the certificate store's and the selected certificate's.
 */
export function ActionsPane() {
  const node = useSelectedNode();
  const published = usePublishedActions();
  const siteActions = useSiteActions(node);
  const { selectedSha256 } = useSelection();
  const { openDetails, setCertificateDialog, report } = useConsoleActions();
  const { bySha256, refresh } = useConsoleData();
  const importFlow = useImport();
  const selected = selectedSha256 ? bySha256.get(selectedSha256) : undefined;

  const storeActions: ConsoleAction[] = [
    { label: 'Import…', icon: <FileOpenOutlined fontSize="small" />, onClick: importFlow.pickFiles, disabled: importFlow.busy },
    { label: 'Paste PEM…', icon: <ContentPaste fontSize="small" />, onClick: importFlow.openPaste, disabled: importFlow.busy },
    {
      label: 'Refresh',
      icon: <Refresh fontSize="small" />,
      onClick: () => void refresh().then(() => report('Refreshed')),
    },
  ];

  const certificateActions: ConsoleAction[] = selected
    ? [
        { label: 'View details', icon: <InfoOutlined fontSize="small" />, onClick: () => openDetails(selected.sha256) },
        ...EXPORT_FORMATS.map((format) => ({
          label: EXPORT_LABELS[format],
          icon: <Download fontSize="small" />,
          onClick: () =>
            void exportCertificate(selected.sha256, format).then(
              (fileName) => report(`Exported ${selected.displayName} as ${fileName}`, 'success'),
              (error: unknown) => report(`Export failed: ${errorMessage(error)}`, 'error'),
            ),
        })),
        // The wizard renews server and client certificates; a CA certificate is renewed with its authority.
        ...(selected.isCA ? [] : [{ label: 'Renew…', icon: <AutorenewOutlined fontSize="small" />, onClick: () => setCertificateDialog('renew') }]),
        // The wizard, opened on a renewal closed at Verify bindings, resumes there.
        ...(unfinishedRenewal(selected) ? [{ label: 'Finish Renewal…', icon: <AutorenewOutlined fontSize="small" />, onClick: () => setCertificateDialog('renew') }] : []),
        { label: 'Move to store…', icon: <DriveFileMove fontSize="small" />, onClick: () => setCertificateDialog('move') },
        { label: 'Delete…', icon: <DeleteOutline fontSize="small" />, onClick: () => setCertificateDialog('delete') },
      ]
    : [];

  return (
    <Box component="nav" aria-label="Actions" sx={{ py: 0.5 }}>
      {published && <ActionGroup title={published.title} actions={published.actions} />}
      {siteActions && <ActionGroup title={siteActions.title} actions={siteActions.actions} />}
      {/* An open feature page (the server's audit log) has the pane to itself, as in IIS Manager. */}
      {!published && CERTIFICATE_NODE_KINDS.has(kindOfNode(node)) && <ActionGroup title="Certificates" actions={storeActions} />}
      {selected && <ActionGroup title={selected.displayName} actions={certificateActions} />}
    </Box>
  );
}
