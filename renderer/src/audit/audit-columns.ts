/** The audit table's columns (shared by header and rows so they line up). */
export const AUDIT_COLUMNS: { id: string; label: string; width: string }[] = [
  { id: 'time', label: 'Time', width: '190px' },
  { id: 'site', label: 'Site', width: 'minmax(100px, 1fr)' },
  { id: 'path', label: 'Path', width: 'minmax(100px, 1fr)' },
  { id: 'client', label: 'Client', width: '120px' },
  { id: 'status', label: 'Status', width: '84px' },
  { id: 'account', label: 'Account', width: 'minmax(80px, 0.8fr)' },
  { id: 'decidedBy', label: 'Decided by', width: 'minmax(120px, 1.2fr)' },
  { id: 'failedStep', label: 'Failed step', width: 'minmax(90px, 0.8fr)' },
  { id: 'micros', label: 'µs', width: '70px' },
];

/** grid-template-columns shared by the header and every row. */
export const AUDIT_GRID_COLUMNS = AUDIT_COLUMNS.map((c) => c.width).join(' ');
/** Fixed row height: the virtualizer needs no measuring. */
export const AUDIT_ROW_HEIGHT = 30;
/** Narrowest width before the table scrolls sideways instead of squeezing columns. */
export const AUDIT_MIN_WIDTH = 1000;
