import { memo } from 'react';
import { Box, TableSortLabel } from '@mui/material';
import { CERTIFICATE_COLUMNS, CERTIFICATE_GRID_COLUMNS, type CertificateColumnId } from './certificate-columns';
import type { CertificateSort } from './sort-certificates';

/** Height of the sticky header row; the virtualizer starts the rows below it. */
export const CERTIFICATE_HEADER_HEIGHT = 34;

/** The column headers: each a sort button carrying aria-sort, sticky above the scrolling rows. */
export const CertificateListHeader = memo(function CertificateListHeader({ sort, onSort }: { sort: CertificateSort; onSort(column: CertificateColumnId): void }) {
  return (
    <Box
      role="rowgroup"
      sx={{ position: 'sticky', top: 0, zIndex: 1, bgcolor: 'background.paper', borderBottom: 1, borderColor: 'divider' }}
    >
      <Box role="row" aria-rowindex={1} sx={{ display: 'grid', gridTemplateColumns: CERTIFICATE_GRID_COLUMNS, height: CERTIFICATE_HEADER_HEIGHT, alignItems: 'center' }}>
        {CERTIFICATE_COLUMNS.map((column) => {
          const active = sort.column === column.id;
          return (
            <Box
              key={column.id}
              role="columnheader"
              aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
              sx={{ px: 1, fontWeight: 600, whiteSpace: 'nowrap', overflow: 'hidden' }}
            >
              <TableSortLabel active={active} direction={active ? sort.direction : 'asc'} onClick={() => onSort(column.id)}>
                {column.label}
              </TableSortLabel>
            </Box>
          );
        })}
      </Box>
    </Box>
  );
});
