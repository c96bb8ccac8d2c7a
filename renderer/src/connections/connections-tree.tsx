import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { List } from '@mui/material';
import { useConsoleActions, useSelectedNode } from '../state/console-context';
import { useConsoleData } from '../state/console-data-context';
import { useOpenFeature } from '../state/feature-context';
import { useSitesData } from '../state/sites-data-context';
import { connectionTree, storeOfNode, type ConnectionNodeId } from './connection-nodes';
import { flattenTree } from './flatten-tree';
import { treeAncestors } from './tree-ancestors';
import { treeKeyAction } from './tree-key-action';
import { ConnectionTreeItem } from './connection-tree-item';

/** The Connections pane's tree: selection follows focus, arrow keys move, Right/Left expand and collapse. */
export function ConnectionsTree() {
  const selected = useSelectedNode();
  const { selectNode } = useConsoleActions();
  const { openFeature } = useOpenFeature();
  // A click on the node already selected goes back to its Home, like IIS Manager's address bar.
  const openFeatureRef = useRef(openFeature);
  openFeatureRef.current = openFeature;
  const selectedRef = useRef(selected);
  selectedRef.current = selected;
  const onSelect = useCallback(
    (id: ConnectionNodeId) => {
      if (id === selectedRef.current) openFeatureRef.current(null);
      else selectNode(id);
    },
    [selectNode],
  );
  const { countsByStore, certificates } = useConsoleData();
  const { sites } = useSitesData();
  const [expanded, setExpanded] = useState<ReadonlySet<ConnectionNodeId>>(() => new Set<ConnectionNodeId>(['server', 'certificates', 'sites']));
  const items = useRef(new Map<ConnectionNodeId, HTMLDivElement>());

  const nodes = useMemo(() => connectionTree('This computer', sites), [sites]);
  const rows = useMemo(() => flattenTree(nodes, expanded), [nodes, expanded]);
  // If the selected node got hidden by collapsing an ancestor, the nearest visible ancestor takes the tab stop.
  const visible = new Set(rows.map((r) => r.node.id));
  const tabStop = visible.has(selected) ? selected : (treeAncestors(nodes, selected).find((id) => visible.has(id)) ?? 'start');

  // A node selected from elsewhere (a site opened from the Sites list, a folder just added) is revealed,
  // as Windows' tree views do: when the selection moves, or when its node appears with the next refresh;
  // not on every render, so collapsing by hand is respected.
  const nodesRef = useRef(nodes);
  nodesRef.current = nodes;
  const folderCount = sites.reduce((n, s) => n + s.folders.length, 0);
  useEffect(() => {
    const ancestors = treeAncestors(nodesRef.current, selected);
    if (!ancestors.length) return;
    setExpanded((previous) => (ancestors.every((id) => previous.has(id)) ? previous : new Set([...previous, ...ancestors])));
  }, [selected, sites.length, folderCount]);

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
        // Held back by a pane with changes not applied: its question takes the focus, the old node keeps it after.
        if (selectNode(action.id)) items.current.get(action.id)?.focus();
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
            onSelect={onSelect}
            onToggle={toggle}
            onKeyDown={onKeyDown}
          />
        );
      })}
    </List>
  );
}
