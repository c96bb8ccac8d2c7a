import { useDeferredValue, useMemo, useRef, useState } from 'react';
import { Alert, Box, InputAdornment, LinearProgress, MenuItem, TextField, Typography } from '@mui/material';
import Refresh from '@mui/icons-material/Refresh';
import SearchIcon from '@mui/icons-material/Search';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ConsoleAction } from '../actions/action-group';
import { usePublishActions } from '../actions/published-actions';
import { FeaturePage } from '../features/feature-page';
import { SITE_FEATURES } from '../features/site-feature-meta';
import { useSitesData } from '../state/sites-data-context';
import { AUDIT_CELL_PADDING_PX, AUDIT_COLUMNS, AUDIT_GRID_COLUMNS, AUDIT_MIN_WIDTH, AUDIT_ROW_HEIGHT } from './audit-columns';
import { AuditRow } from './audit-row';
import { filterAudit, type AuditFilter } from './filter-audit';
import { useAuditRecords } from './use-audit-records';

const HEADER_HEIGHT = 32;

/** The audit log: one record per gateway decision, filtered by site, status and text, growing live. */
export function AuditLogPane({ siteName, path, back }: { siteName?: string; path?: string | null; back?: { label: string; onBack(): void } }) {
  const { sites } = useSitesData();
  const { records, loading, error, reload } = useAuditRecords();
  const [filter, setFilter] = useState<AuditFilter>({ site: siteName ?? '', status: '', text: path ?? '' });
  const deferred = useDeferredValue(filter);
  const siteNames = useMemo(() => new Map(sites.map((s) => [s.id, s.name])), [sites]);
  const rows = useMemo(() => filterAudit(records, deferred, siteNames), [records, deferred, siteNames]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => AUDIT_ROW_HEIGHT,
    overscan: 10,
    paddingStart: HEADER_HEIGHT,
  });

  const actions: ConsoleAction[] = [{ label: 'Refresh', icon: <Refresh fontSize="small" />, onClick: reload }];
  usePublishActions('Audit Log', actions);

  const filtered = rows.length !== records.length;
  return (
    <FeaturePage testId="audit-log" icon={SITE_FEATURES.audit.icon} title="Audit Log" description="Every request the gateway decided, newest first: the status, the account, what decided and the step that failed." back={back}>
      <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1, flex: 1, minHeight: 320 }}>
        <Box role="search" aria-label="Filter the audit log" sx={{ display: 'flex', gap: 1.5, flexWrap: 'wrap', alignItems: 'center' }}>
          <TextField select label="Site" value={filter.site} onChange={(event) => setFilter((f) => ({ ...f, site: event.target.value }))} sx={{ minWidth: 200 }} slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}>
            <MenuItem value="">All sites</MenuItem>
            {sites.map((s) => (
              <MenuItem key={s.id} value={s.name}>
                {s.name}
              </MenuItem>
            ))}
          </TextField>
          <TextField label="Status" value={filter.status} onChange={(event) => setFilter((f) => ({ ...f, status: event.target.value }))} placeholder="403 or 403.16" sx={{ width: 140 }} slotProps={{ htmlInput: { spellCheck: false } }} />
          <TextField
            label="Search"
            value={filter.text}
            onChange={(event) => setFilter((f) => ({ ...f, text: event.target.value }))}
            placeholder="path, client, account, subject, step…"
            sx={{ flex: '1 1 260px', maxWidth: 480 }}
            slotProps={{ htmlInput: { type: 'search' }, input: { startAdornment: <InputAdornment position="start"><SearchIcon fontSize="small" /></InputAdornment> } }}
          />
          <Typography variant="body2" color="text.secondary" role="status" aria-live="polite">
            {filtered ? `${rows.length.toLocaleString()} of ${records.length.toLocaleString()} records` : `${records.length.toLocaleString()} record${records.length === 1 ? '' : 's'}`}
          </Typography>
        </Box>
        {error && <Alert severity="info">{error}</Alert>}
        {loading && <LinearProgress aria-label="Reading the audit log" />}
        <Box
          ref={scrollRef}
          role="grid"
          aria-label="Audit records"
          aria-rowcount={rows.length + 1}
          tabIndex={0}
          sx={{ flex: 1, minHeight: 200, overflow: 'auto', border: 1, borderColor: 'divider', borderRadius: 1, bgcolor: 'background.paper', '&:focus-visible': { outline: 2, outlineStyle: 'solid', outlineColor: 'primary.main' } }}
        >
          <Box sx={{ minWidth: AUDIT_MIN_WIDTH, position: 'relative', height: virtualizer.getTotalSize() }}>
            <Box role="row" aria-rowindex={1} sx={{ position: 'sticky', top: 0, zIndex: 1, display: 'grid', gridTemplateColumns: AUDIT_GRID_COLUMNS, height: HEADER_HEIGHT, alignItems: 'center', bgcolor: 'background.paper', borderBottom: 1, borderColor: 'divider' }}>
              {AUDIT_COLUMNS.map((c) => (
                <Box key={c.id} role="columnheader" sx={{ px: `${AUDIT_CELL_PADDING_PX}px`, fontWeight: 600, whiteSpace: 'nowrap', textAlign: c.id === 'micros' ? 'right' : undefined }}>
                  {c.label}
                </Box>
              ))}
            </Box>
            {virtualizer.getVirtualItems().map((virtual) => {
              const record = rows[virtual.index];
              return record ? <AuditRow key={virtual.key} record={record} index={virtual.index} top={virtual.start} /> : null;
            })}
          </Box>
          {!loading && rows.length === 0 && (
            <Typography color="text.secondary" sx={{ p: 3, textAlign: 'center' }}>
              {records.length ? 'No record matches the filters.' : 'No decision recorded yet: requests to the sites appear here as they happen.'}
            </Typography>
          )}
        </Box>
      </Box>
    </FeaturePage>
  );
}
