import { useRef, type KeyboardEvent, type ReactNode } from 'react';
import { Box, Typography } from '@mui/material';
import { listKeyTarget } from '../certificates/list-key-target';

/** One column of a SelectableTable. */
export interface TableColumn<T> {
  id: string;
  label: string;
  /** CSS grid track, e.g. '1fr' or '120px'. */
  width: string;
  render(item: T): ReactNode;
  /** Text for the cell's tooltip when it may be cut off. */
  title?(item: T): string;
}

interface Props<T> {
  label: string;
  columns: TableColumn<T>[];
  items: readonly T[];
  getId(item: T): string;
  selectedId: string | null;
  onSelect(id: string): void;
  /** Double-click or Enter: IIS opens the item's editor. */
  onActivate?(id: string): void;
  /** Extra attributes per row (data-sha256 …) for tests and tooling. */
  rowAttributes?(item: T): Record<string, string | boolean>;
  empty: ReactNode;
  minWidth?: number;
}

/**
 * A small list of rows with one selection, for the feature pages' lists (mappings, issuers, rules, accounts):
 * one tab stop, arrow keys move the selection, Enter opens, as the certificate grid does. Lists here
 * hold tens of rows, so they are drawn whole; the audit log, which can hold thousands, is virtualized.
 */
export function SelectableTable<T>({ label, columns, items, getId, selectedId, onSelect, onActivate, rowAttributes, empty, minWidth = 560 }: Props<T>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const template = columns.map((c) => c.width).join(' ');
  const selectedIndex = selectedId === null ? -1 : items.findIndex((item) => getId(item) === selectedId);
  const domId = (id: string) => `row-${label.replace(/\W+/g, '-')}-${id.replace(/\W+/g, '-')}`;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const selected = items[selectedIndex];
    if (event.key === 'Enter' && selected && onActivate) {
      event.preventDefault();
      onActivate(getId(selected));
      return;
    }
    const target = listKeyTarget(event.key, selectedIndex, items.length, 10);
    const item = target === null ? undefined : items[target];
    if (!item) return;
    event.preventDefault();
    onSelect(getId(item));
    scrollRef.current?.querySelector(`#${CSS.escape(domId(getId(item)))}`)?.scrollIntoView({ block: 'nearest' });
  };

  const selected = items[selectedIndex];
  return (
    <Box
      ref={scrollRef}
      role="grid"
      aria-label={label}
      aria-rowcount={items.length + 1}
      aria-activedescendant={selected ? domId(getId(selected)) : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      sx={{
        overflow: 'auto',
        border: 1,
        borderColor: 'divider',
        borderRadius: 1,
        bgcolor: 'background.paper',
        outline: 'none',
        '&:focus-visible': { boxShadow: (theme) => `inset 0 0 0 2px ${theme.palette.primary.main}` },
      }}
    >
      <Box sx={{ minWidth }}>
        <Box role="row" aria-rowindex={1} sx={{ display: 'grid', gridTemplateColumns: template, borderBottom: 1, borderColor: 'divider', position: 'sticky', top: 0, bgcolor: 'background.paper', zIndex: 1 }}>
          {columns.map((column) => (
            <Box key={column.id} role="columnheader" sx={{ px: 1, py: 0.75, fontWeight: 600, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
              {column.label}
            </Box>
          ))}
        </Box>
        {items.map((item, index) => {
          const id = getId(item);
          const isSelected = id === selectedId;
          return (
            <Box
              key={id}
              id={domId(id)}
              role="row"
              aria-rowindex={index + 2}
              aria-selected={isSelected}
              data-id={id}
              {...rowAttributes?.(item)}
              onClick={() => onSelect(id)}
              onDoubleClick={() => onActivate?.(id)}
              sx={{
                display: 'grid',
                gridTemplateColumns: template,
                alignItems: 'center',
                minHeight: 32,
                cursor: 'default',
                borderBottom: 1,
                borderColor: 'divider',
                bgcolor: isSelected ? 'action.selected' : undefined,
                '&:hover': { bgcolor: isSelected ? 'action.selected' : 'action.hover' },
              }}
            >
              {columns.map((column) => (
                <Box key={column.id} role="gridcell" title={column.title?.(item)} sx={{ px: 1, py: 0.5, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                  {column.render(item)}
                </Box>
              ))}
            </Box>
          );
        })}
        {items.length === 0 && (
          <Typography color="text.secondary" sx={{ p: 2, textAlign: 'center' }}>
            {empty}
          </Typography>
        )}
      </Box>
    </Box>
  );
}
