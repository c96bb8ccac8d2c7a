import Add from '@mui/icons-material/Add';
import DeleteOutline from '@mui/icons-material/DeleteOutline';
import CreateNewFolderOutlined from '@mui/icons-material/CreateNewFolderOutlined';
import OpenInNew from '@mui/icons-material/OpenInNew';
import type { ConsoleAction } from '../actions/action-group';
import { siteOfNode, type ConnectionNodeId } from '../connections/connection-nodes';
import { useSitesData } from '../state/sites-data-context';
import { browseUrl } from './describe-binding';
import { useSiteDialogs } from './site-dialogs-context';

/** The Actions pane's site group for a node, as IIS's "Manage Website": null when the node is no site node. */
export function useSiteActions(node: ConnectionNodeId): { title: string; actions: ConsoleAction[] } | null {
  const openDialog = useSiteDialogs();
  const { siteById } = useSitesData();
  const addSite: ConsoleAction = { label: 'Add Site…', icon: <Add fontSize="small" />, onClick: () => openDialog({ kind: 'add-site' }) };
  if (node === 'sites') return { title: 'Sites', actions: [addSite] };
  const ref = siteOfNode(node);
  const site = ref ? siteById.get(ref.siteId) : undefined;
  if (!ref || !site) return null;
  const url = browseUrl(site.bindings, ref.path);
  // On a folder node the removal is the folder's: removing its whole site from there was a trap.
  const folderPath = ref.path;
  const remove: ConsoleAction = folderPath
    ? { label: 'Remove Folder…', icon: <DeleteOutline fontSize="small" />, onClick: () => openDialog({ kind: 'remove-folder', siteId: site.id, path: folderPath }) }
    : { label: 'Remove Site…', icon: <DeleteOutline fontSize="small" />, onClick: () => openDialog({ kind: 'remove-site', siteId: site.id }) };
  return {
    title: ref.path ? `${site.name}${ref.path}` : site.name,
    actions: [
      addSite,
      remove,
      { label: 'Add Folder…', icon: <CreateNewFolderOutlined fontSize="small" />, onClick: () => openDialog({ kind: 'add-folder', siteId: site.id, parentPath: ref.path }) },
      {
        label: url ? `Browse ${url.replace(/^https?:\/\//, '')}` : 'Browse',
        icon: <OpenInNew fontSize="small" />,
        // A new tab (or the system browser from the desktop window), never this console's own window.
        onClick: () => url && window.open(url, '_blank', 'noopener,noreferrer'),
        disabled: !url,
      },
    ],
  };
}
