import type { ConnectionNode, ConnectionNodeId } from './connection-nodes';

/** A visible row of the tree with what ARIA needs to describe its place (level, position, parent). */
export interface VisibleTreeItem {
  node: ConnectionNode;
  level: number;
  parentId: ConnectionNodeId | null;
  posInSet: number;
  setSize: number;
}

/** The rows a user can see given which nodes are expanded, in display order (drives arrow keys too). */
export function flattenTree(nodes: ConnectionNode[], expanded: ReadonlySet<ConnectionNodeId>): VisibleTreeItem[] {
  const rows: VisibleTreeItem[] = [];
  const walk = (list: ConnectionNode[], level: number, parentId: ConnectionNodeId | null) => {
    list.forEach((node, index) => {
      rows.push({ node, level, parentId, posInSet: index + 1, setSize: list.length });
      if (node.children?.length && expanded.has(node.id)) walk(node.children, level + 1, node.id);
    });
  };
  walk(nodes, 1, null);
  return rows;
}
