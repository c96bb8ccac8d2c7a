import { STORE_LABELS, STORE_NAMES, type StoreName } from '../../../shared/ipc';
import type { Site } from '../../../shared/models/site';

/** Every node of the Connections tree; the features and actions panes switch on it. */
export type ConnectionNodeId =
  | 'start'
  | 'server'
  | 'certificates'
  | `store:${StoreName}`
  | 'keys'
  | 'sites'
  | `site:${string}`
  | `folder:${string}`
  | 'accounts'
  | 'whatif'
  | 'bindings'
  | 'expiry'
  | 'authority';

/** What kind of thing a node is (drives its icon and its features view). */
export type ConnectionNodeKind = 'start' | 'server' | 'certificates' | 'store' | 'keys' | 'sites' | 'site' | 'folder' | 'accounts' | 'whatif' | 'bindings' | 'expiry' | 'authority';

/** One node of the tree as the tree view draws it. */
export interface ConnectionNode {
  id: ConnectionNodeId;
  label: string;
  kind: ConnectionNodeKind;
  children?: ConnectionNode[];
}

/** The store a node lists, if it is a store node. */
export function storeOfNode(id: ConnectionNodeId): StoreName | undefined {
  return id.startsWith('store:') ? (id.slice('store:'.length) as StoreName) : undefined;
}

/** The node of a site (by id, which survives a rename). */
export const siteNodeId = (siteId: string): ConnectionNodeId => `site:${siteId}`;

/** The node of a folder: the site id, then the folder's path (ids never contain '/', paths start with it). */
export const folderNodeId = (siteId: string, path: string): ConnectionNodeId => `folder:${siteId}${path}`;

/** Site and folder (null for the site root) a site or folder node stands for; null for any other node. */
export function siteOfNode(id: ConnectionNodeId): { siteId: string; path: string | null } | null {
  if (id.startsWith('site:')) return { siteId: id.slice('site:'.length), path: null };
  if (!id.startsWith('folder:')) return null;
  const rest = id.slice('folder:'.length);
  const slash = rest.indexOf('/');
  return slash < 0 ? null : { siteId: rest.slice(0, slash), path: rest.slice(slash) };
}

/** The kind of any node id (icons need it without the tree at hand). */
export function kindOfNode(id: ConnectionNodeId): ConnectionNodeKind {
  if (id.startsWith('store:')) return 'store';
  if (id.startsWith('site:')) return 'site';
  if (id.startsWith('folder:')) return 'folder';
  return id as Exclude<ConnectionNodeKind, 'store' | 'site' | 'folder'>;
}

function siteNode(site: Site): ConnectionNode {
  const folders = [...site.folders].sort((a, b) => a.path.localeCompare(b.path));
  return {
    id: siteNodeId(site.id),
    label: site.name,
    kind: 'site',
    children: folders.map((folder) => ({ id: folderNodeId(site.id, folder.path), label: folder.path, kind: 'folder' as const })),
  };
}

/** The tree, in IIS Manager's order: Start Page, then the server with its certificates, sites, accounts and what-if. */
export function connectionTree(serverLabel: string, sites: readonly Site[] = []): ConnectionNode[] {
  return [
    { id: 'start', label: 'Start Page', kind: 'start' },
    {
      id: 'server',
      label: serverLabel,
      kind: 'server',
      children: [
        {
          id: 'certificates',
          label: 'Certificates',
          kind: 'certificates',
          children: STORE_NAMES.map((store) => ({ id: `store:${store}` as const, label: STORE_LABELS[store], kind: 'store' as const })),
        },
        // IIS's Server Certificates page, with IIS 4's Key Manager: keys, requests, completing them.
        { id: 'keys', label: 'Server Certificates', kind: 'keys' },
        // As IIS lists them: a "Sites" node with one child per site, each with its folders.
        {
          id: 'sites',
          label: 'Sites',
          kind: 'sites',
          children: [...sites].sort((a, b) => a.name.localeCompare(b.name)).map(siteNode),
        },
        // Every site's bindings in one place (IIS's Site Bindings, server-wide), and what expires when.
        { id: 'bindings', label: 'Bindings', kind: 'bindings' },
        { id: 'expiry', label: 'Certificate Expiry', kind: 'expiry' },
        // IIS's Certificate Server role: the local authority that issues, revokes and publishes its CRL.
        { id: 'authority', label: 'Certification Authority', kind: 'authority' },
        { id: 'accounts', label: 'Accounts', kind: 'accounts' },
        { id: 'whatif', label: 'What-if', kind: 'whatif' },
      ],
    },
  ];
}
