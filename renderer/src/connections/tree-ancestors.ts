import type { ConnectionNode, ConnectionNodeId } from './connection-nodes';

/** The ids of a node's ancestors, nearest first (empty for a top-level or unknown node). */
export function treeAncestors(nodes: readonly ConnectionNode[], id: ConnectionNodeId): ConnectionNodeId[] {
  const path: ConnectionNodeId[] = [];
  const walk = (list: readonly ConnectionNode[]): boolean => {
    for (const node of list) {
      if (node.id === id) return true;
      if (node.children && walk(node.children)) {
        path.push(node.id);
        return true;
      }
    }
    return false;
  };
  walk(nodes);
  return path;
}
