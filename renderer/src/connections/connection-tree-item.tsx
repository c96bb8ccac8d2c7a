import { memo, type KeyboardEvent, type Ref } from 'react';
import { Box, ListItemButton, ListItemIcon, ListItemText, Typography } from '@mui/material';
import ChevronRight from '@mui/icons-material/ChevronRight';
import ExpandMore from '@mui/icons-material/ExpandMore';
import type { VisibleTreeItem } from './flatten-tree';
import type { ConnectionNodeId } from './connection-nodes';
import { NodeIcon } from './node-icon';

interface Props {
  item: VisibleTreeItem;
  selected: boolean;
  focusable: boolean;
  expanded: boolean;
  count?: number;
  itemRef: Ref<HTMLDivElement>;
  onSelect(id: ConnectionNodeId): void;
  onToggle(id: ConnectionNodeId): void;
  onKeyDown(event: KeyboardEvent<HTMLDivElement>, id: ConnectionNodeId): void;
}

/** One row of the Connections tree: a treeitem with its level, expander, icon and optional count. */
export const ConnectionTreeItem = memo(function ConnectionTreeItem({ item, selected, focusable, expanded, count, itemRef, onSelect, onToggle, onKeyDown }: Props) {
  const { node, level } = item;
  const hasChildren = Boolean(node.children?.length);
  return (
    <ListItemButton
      ref={itemRef}
      role="treeitem"
      aria-level={level}
      aria-posinset={item.posInSet}
      aria-setsize={item.setSize}
      aria-selected={selected}
      aria-expanded={hasChildren ? expanded : undefined}
      tabIndex={focusable ? 0 : -1}
      selected={selected}
      onClick={() => onSelect(node.id)}
      onDoubleClick={() => hasChildren && onToggle(node.id)}
      onKeyDown={(event) => onKeyDown(event, node.id)}
      sx={{ pl: 0.5 + (level - 1) * 1.5, py: 0.25, borderRadius: 1 }}
    >
      <Box
        component="span"
        aria-hidden
        onClick={(event) => {
          // The chevron toggles without moving the selection, as in Windows' tree views.
          event.stopPropagation();
          if (hasChildren) onToggle(node.id);
        }}
        sx={{ width: 20, display: 'inline-flex', color: 'text.secondary' }}
      >
        {hasChildren ? expanded ? <ExpandMore fontSize="small" /> : <ChevronRight fontSize="small" /> : null}
      </Box>
      <ListItemIcon sx={{ minWidth: 28 }}>
        <NodeIcon id={node.id} color={selected ? 'primary' : 'action'} />
      </ListItemIcon>
      <ListItemText primary={node.label} slotProps={{ primary: { noWrap: true, title: node.label } }} />
      {count !== undefined && (
        <Typography variant="caption" color="text.secondary" sx={{ ml: 1 }} aria-label={`${count} certificates`}>
          {count.toLocaleString()}
        </Typography>
      )}
    </ListItemButton>
  );
});
