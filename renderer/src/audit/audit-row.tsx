import { memo } from 'react';
import { styled } from '@mui/material';
import type { AuditRecord } from '../../../shared/models/decision';
import { AUDIT_CELL_PADDING_PX, AUDIT_GRID_COLUMNS, AUDIT_ROW_HEIGHT } from './audit-columns';
import { decidedByLabel } from './decided-by-label';

const timeFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });

// A static stylesheet for every row, as the certificate list does: only the offset is inline.
const RowRoot = styled('div')(({ theme }) => ({
  position: 'absolute',
  top: 0,
  left: 0,
  width: '100%',
  height: AUDIT_ROW_HEIGHT,
  display: 'grid',
  gridTemplateColumns: AUDIT_GRID_COLUMNS,
  alignItems: 'center',
  borderBottom: `1px solid ${theme.palette.divider}`,
  '&:hover': { backgroundColor: theme.palette.action.hover },
  '& > div': { padding: `0 ${AUDIT_CELL_PADDING_PX}px`, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  '& .ok': { color: theme.palette.success.main, fontWeight: 600 },
  '& .refused': { color: theme.palette.error.main, fontWeight: 600 },
  '& .num': { textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
}));

/** One audit record; memoised so live appends re-render only new rows. */
export const AuditRow = memo(function AuditRow({ record, index, top }: { record: AuditRecord; index: number; top: number }) {
  const time = Date.parse(record.time);
  return (
    <RowRoot role="row" aria-rowindex={index + 2} data-status={record.status} style={{ transform: `translateY(${top}px)` }}>
      <div role="gridcell" title={record.time}>
        {Number.isNaN(time) ? record.time : timeFormat.format(time)}
      </div>
      <div role="gridcell" title={record.site}>
        {record.site}
      </div>
      <div role="gridcell" title={record.path}>
        {record.path}
      </div>
      <div role="gridcell" title={record.client}>
        {record.client}
      </div>
      <div role="gridcell" className={record.status.startsWith('2') ? 'ok' : 'refused'}>
        {record.status}
      </div>
      <div role="gridcell" title={record.certificateSubject ?? undefined}>
        {record.account ?? '—'}
      </div>
      <div role="gridcell" title={record.decidedBy ?? undefined}>
        {record.decidedBy ? decidedByLabel(record.decidedBy) : '—'}
      </div>
      <div role="gridcell" title={record.failedStep ?? undefined}>
        {record.failedStep ?? ''}
      </div>
      <div role="gridcell" className="num">
        {Math.round(record.micros).toLocaleString()}
      </div>
    </RowRoot>
  );
});
