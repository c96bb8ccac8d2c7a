import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { useSitesData } from '../state/sites-data-context';
import { AddFolderDialog } from './add-folder-dialog';
import { AddSiteDialog } from './add-site-dialog';
import { RemoveFolderDialog } from './remove-folder-dialog';
import { RemoveSiteDialog } from './remove-site-dialog';

/** The site dialogs the Actions pane and the Sites list open. */
export type SiteDialog =
  | { kind: 'add-site' }
  | { kind: 'remove-site'; siteId: string }
  | { kind: 'add-folder'; siteId: string; parentPath: string | null }
  | { kind: 'remove-folder'; siteId: string; path: string };

const SiteDialogsContext = createContext<((dialog: SiteDialog) => void) | null>(null);

/** Owns the Add Site, Remove Site, Add Folder and Remove Folder dialogs, drawn once for the whole console. */
export function SiteDialogsProvider({ children }: { children: ReactNode }) {
  const [dialog, setDialog] = useState<SiteDialog | null>(null);
  const { siteById } = useSitesData();
  const close = () => setDialog(null);
  const site = dialog && dialog.kind !== 'add-site' ? siteById.get(dialog.siteId) : undefined;
  const folder = dialog?.kind === 'remove-folder' ? site?.folders.find((f) => f.path === dialog.path) : undefined;
  const open = useMemo(() => (next: SiteDialog) => setDialog(next), []);
  return (
    <SiteDialogsContext.Provider value={open}>
      {children}
      {dialog?.kind === 'add-site' && <AddSiteDialog onClose={close} />}
      {dialog?.kind === 'remove-site' && site && <RemoveSiteDialog site={site} onClose={close} />}
      {dialog?.kind === 'add-folder' && site && <AddFolderDialog site={site} parentPath={dialog.parentPath} onClose={close} />}
      {dialog?.kind === 'remove-folder' && site && folder && <RemoveFolderDialog site={site} folder={folder} onClose={close} />}
    </SiteDialogsContext.Provider>
  );
}

/** Open one of the site dialogs; only valid under SiteDialogsProvider. */
export function useSiteDialogs(): (dialog: SiteDialog) => void {
  const value = useContext(SiteDialogsContext);
  if (!value) throw new Error('useSiteDialogs() outside SiteDialogsProvider');
  return value;
}
