import { useCallback, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { List } from '@mui/material';
import { useConsoleActions, useSelectedNode } from '../state/console-context';
import { useConsoleData } from '../state/console-data-context';
import { connectionTree, storeOfNode, type ConnectionNodeId } from './connection-nodes';
import { flattenTree } from './flatten-tree';
import { treeKeyAction } from './tree-key-action';
import { ConnectionTreeItem } from './connection-tree-item';

/** The Connections pane's tree: selection follows focus, arrow keys move, Right/Left expand and collapse. */
export function ConnectionsTree() {
  const selected = useSelectedNode();
  const { selectNode } = useConsoleActions();
  const { countsByStore, certificates } = useConsoleData();
  const [expanded, setExpanded] = useState<ReadonlySet<ConnectionNodeId>>(() => new Set<ConnectionNodeId>(['server', 'certificates']));
  const items = useRef(new Map<ConnectionNodeId, HTMLDivElement>());

  const nodes = useMemo(() => connectionTree('This computer'), []);
  const rows = useMemo(() => flattenTree(nodes, expanded), [nodes, expanded]);
  // If the selected node got hidden by collapsing its parent, the parent takes the tab stop.
  const tabStop = rows.some((r) => r.node.id === selected) ? selected : (rows.find((r) => r.node.children?.some((c) => c.id === selected))?.node.id ?? 'start');

  const toggle = useCallback((id: ConnectionNodeId) => {
    setExpanded((previous) => {
      const next = new Set(previous);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);

  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLDivElement>, id: ConnectionNodeId) => {
      const action = treeKeyAction(event.key, rows, id, expanded);
      if (!action) return;
      event.preventDefault();
      if (action.type === 'focus') {
        selectNode(action.id);
        items.current.get(action.id)?.focus();
      } else {
        toggle(action.id);
      }
    },
    [rows, expanded, selectNode, toggle],
  );

  return (
    <List component="div" role="tree" aria-label="Connections" dense disablePadding sx={{ p: 0.5 }}>
      {rows.map((row) => {
        const store = storeOfNode(row.node.id);
        const count = store ? countsByStore[store] : row.node.id === 'certificates' ? certificates.length : undefined;
        return (
          <ConnectionTreeItem
            key={row.node.id}
            item={row}
            selected={row.node.id === selected}
            focusable={row.node.id === tabStop}
            expanded={expanded.has(row.node.id)}
            count={count}
            itemRef={(element) => {
              if (element) items.current.set(row.node.id, element);
              else items.current.delete(row.node.id);
            }}
            onSelect={selectNode}
            onToggle={toggle}
            onKeyDown={onKeyDown}
          />
        );
      })}
    </List>
  );
}
