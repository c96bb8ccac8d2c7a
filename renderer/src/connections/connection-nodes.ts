import { STORE_LABELS, STORE_NAMES, type StoreName } from '../../../shared/ipc';

/** Every node of the Connections tree; the features and actions panes switch on it. */
export type ConnectionNodeId = 'start' | 'server' | 'certificates' | `store:${StoreName}`;

/** One node of the tree as the tree view draws it. */
export interface ConnectionNode {
  id: ConnectionNodeId;
  label: string;
  kind: 'start' | 'server' | 'certificates' | 'store';
  children?: ConnectionNode[];
}

/** The store a node lists, if it is a store node. */
export function storeOfNode(id: ConnectionNodeId): StoreName | undefined {
  return id.startsWith('store:') ? (id.slice('store:'.length) as StoreName) : undefined;
}

/** The tree, in IIS Manager's order: Start Page, then the server with its features. */
export function connectionTree(serverLabel: string): ConnectionNode[] {
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
        // Sites (next issue) go here, as IIS puts them: a "Sites" node beside "Certificates" with one
        // child per site, e.g. { id: 'sites', label: 'Sites', kind: 'sites', children: sites.map(...) }.
      ],
    },
  ];
}
