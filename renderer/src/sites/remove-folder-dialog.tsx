import type { Folder, Site } from '../../../shared/models/site';
import { invoke } from '../api';
import { siteNodeId } from '../connections/connection-nodes';
import { useConsoleActions } from '../state/console-context';
import { ConfirmDialog } from '../layout/confirm-dialog';

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

/** What goes with a folder, counted: the settings set on it and its authorization rules. */
function whatGoesWithIt(folder: Folder): string {
  const settings = Object.values(folder.security).filter((value) => value !== undefined).length;
  const rules = folder.authorization.length;
  const parts = [settings ? plural(settings, 'SSL setting') : '', rules ? plural(rules, 'authorization rule') : ''].filter(Boolean);
  if (parts.length === 0) return 'It has no SSL settings or authorization rules of its own';
  return `Its ${parts.join(' and ')} ${parts.length === 1 && settings + rules === 1 ? 'goes' : 'go'} with it`;
}

/** The nearest folder above `path` that stays, or null when the site itself then applies. */
function remainingParent(site: Site, path: string): string | null {
  const lower = path.toLowerCase();
  const above = site.folders.filter((f) => lower.startsWith(`${f.path.toLowerCase()}/`));
  return above.sort((a, b) => b.path.length - a.path.length)[0]?.path ?? null;
}

/**
 * Confirm before removing a folder, naming the folder, its site and what goes with it; the site, its
 * mappings and its content stay. Never the site: that is Remove Site's, on the site node.
 */
export function RemoveFolderDialog({ site, folder, onClose }: { site: Site; folder: Folder; onClose(): void }) {
  const { report, selectNode } = useConsoleActions();
  const parent = remainingParent(site, folder.path);
  return (
    <ConfirmDialog
      title="Remove Folder"
      confirmLabel="Remove"
      destructive
      onCancel={onClose}
      onConfirm={async () => {
        await invoke('sites.removeFolder', { site: site.id, path: folder.path });
        // The folder's node is gone (with any change not applied on its pages: nothing to ask): its site is where the administrator was working.
        selectNode(siteNodeId(site.id), { force: true });
        report(`Removed folder ${folder.path} from ${site.name}`, 'success');
        onClose();
      }}
    >
      Remove folder <strong>{folder.path}</strong> from <strong>{site.name}</strong>? {whatGoesWithIt(folder)}; requests to {folder.path} then follow the settings of{' '}
      {parent ? `the folder ${parent}` : 'the site'}. The site, its mappings and its content stay.
    </ConfirmDialog>
  );
}
