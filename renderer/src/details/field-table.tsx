import type { ReactNode } from 'react';
import { Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';

/** One row of a two-column table: a field and its value. */
export interface FieldRow {
  field: ReactNode;
  value: ReactNode;
  testId?: string;
}

/** A compact field/value table (name attributes, extensions, fingerprints). */
export function FieldTable({ rows, headers, label }: { rows: FieldRow[]; headers?: [string, string]; label: string }) {
  return (
    <Table size="small" aria-label={label} sx={{ '& td, & th': { py: 0.5, px: 1, verticalAlign: 'top' } }}>
      {headers && (
        <TableHead>
          <TableRow>
            <TableCell sx={{ width: '34%', fontWeight: 600 }}>{headers[0]}</TableCell>
            <TableCell sx={{ fontWeight: 600 }}>{headers[1]}</TableCell>
          </TableRow>
        </TableHead>
      )}
      <TableBody>
        {rows.map((row, index) => (
          <TableRow key={index}>
            <TableCell component="th" scope="row" sx={{ width: '34%', color: 'text.secondary', whiteSpace: 'nowrap' }}>
              {row.field}
            </TableCell>
            <TableCell data-testid={row.testId} sx={{ wordBreak: 'break-word' }}>
              {row.value}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
