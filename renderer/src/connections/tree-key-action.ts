import type { ConnectionNodeId } from './connection-nodes';
import type { VisibleTreeItem } from './flatten-tree';

/** What a key press in the tree does, following the WAI-ARIA tree view pattern. */
export type TreeKeyAction =
  | { type: 'focus'; id: ConnectionNodeId }
  | { type: 'expand'; id: ConnectionNodeId }
  | { type: 'collapse'; id: ConnectionNodeId }
  | null;

/** Decide the effect of `key` on the item `current` (pure, so the rules are easy to follow and test). */
export function treeKeyAction(key: string, rows: VisibleTreeItem[], current: ConnectionNodeId, expanded: ReadonlySet<ConnectionNodeId>): TreeKeyAction {
  const index = rows.findIndex((r) => r.node.id === current);
  const row = rows[index];
  if (!row) return null;
  const hasChildren = Boolean(row.node.children?.length);
  const go = (i: number): TreeKeyAction => {
    const target = rows[Math.max(0, Math.min(rows.length - 1, i))];
    return target ? { type: 'focus', id: target.node.id } : null;
  };
  switch (key) {
    case 'ArrowDown':
      return go(index + 1);
    case 'ArrowUp':
      return go(index - 1);
    case 'Home':
      return go(0);
    case 'End':
      return go(rows.length - 1);
    case 'ArrowRight':
      if (!hasChildren) return null;
      return expanded.has(row.node.id) ? go(index + 1) : { type: 'expand', id: row.node.id };
    case 'ArrowLeft':
      if (hasChildren && expanded.has(row.node.id)) return { type: 'collapse', id: row.node.id };
      return row.parentId ? { type: 'focus', id: row.parentId } : null;
    default:
      return null;
  }
}
