/**
 * The audit table's columns (shared by header and rows so they line up). At 1440 px with the tree and
 * the Actions pane open the table is 854 px wide (838 beside a classic scrollbar); the smallest widths
 * add up to less, so every field of a record shows without scrolling sideways, cut text in its tooltip.
 * Decided by gets the largest share: it is the column people read to learn why.
 */
export const AUDIT_COLUMNS: { id: string; label: string; width: string }[] = [
  { id: 'time', label: 'Time', width: '168px' },
  { id: 'site', label: 'Site', width: 'minmax(64px, 1fr)' },
  { id: 'path', label: 'Path', width: 'minmax(76px, 1.2fr)' },
  { id: 'client', label: 'Client', width: 'minmax(84px, 0.6fr)' },
  { id: 'status', label: 'Status', width: '70px' },
  { id: 'account', label: 'Account', width: 'minmax(76px, 0.8fr)' },
  { id: 'decidedBy', label: 'Decided by', width: 'minmax(140px, 1.6fr)' },
  { id: 'failedStep', label: 'Failed step', width: 'minmax(96px, 0.8fr)' },
  { id: 'micros', label: 'µs', width: '60px' },
];

/** Left and right padding of every cell, header and rows: the widths above count it. */
export const AUDIT_CELL_PADDING_PX = 6;
/** grid-template-columns shared by the header and every row. */
export const AUDIT_GRID_COLUMNS = AUDIT_COLUMNS.map((c) => c.width).join(' ');
/** Fixed row height: the virtualizer needs no measuring. */
export const AUDIT_ROW_HEIGHT = 30;
/** Narrowest width before the table scrolls sideways instead of squeezing columns: the sum of their smallest widths. */
export const AUDIT_MIN_WIDTH = 834;
