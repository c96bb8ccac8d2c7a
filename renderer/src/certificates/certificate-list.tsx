import { useCallback, useDeferredValue, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Box, LinearProgress, Typography } from '@mui/material';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { StoreName } from '../../../shared/ipc';
import { useConsoleActions, useSelection } from '../state/console-context';
import { useConsoleData } from '../state/console-data-context';
import { CERTIFICATE_GRID_MIN_WIDTH, type CertificateColumnId } from './certificate-columns';
import { CertificateListHeader, CERTIFICATE_HEADER_HEIGHT } from './certificate-list-header';
import { CertificateRow, CERTIFICATE_ROW_HEIGHT, rowId } from './certificate-row';
import { CertificateSearchBox } from './certificate-search-box';
import { filterCertificates, searchText } from './filter-certificates';
import { listKeyTarget } from './list-key-target';
import { sortCertificates, type CertificateSort } from './sort-certificates';

/**
 * The certificate list of one store (or all): cached summaries sorted and filtered in memory, drawn
 * through a virtualizer so 50,000 rows cost no more than the 30 on screen.
 */
export function CertificateList({ store, label }: { store?: StoreName; label: string }) {
  const { certificates, bySha256, loaded } = useConsoleData();
  const { selectedSha256 } = useSelection();
  const { selectCertificate, openDetails, setCertificateDialog } = useConsoleActions();
  const [query, setQuery] = useState('');
  // Typing stays responsive on huge lists: filtering runs at a lower priority than the input.
  const deferredQuery = useDeferredValue(query);
  const [sort, setSort] = useState<CertificateSort>({ column: 'subject', direction: 'asc' });

  const texts = useMemo(() => new Map(certificates.map((c) => [c, searchText(c)])), [certificates]);
  const inStore = useMemo(() => (store ? certificates.filter((c) => c.store === store) : certificates), [certificates, store]);
  const sorted = useMemo(() => sortCertificates(inStore, sort), [inStore, sort]);
  const rows = useMemo(() => filterCertificates(sorted, texts, deferredQuery), [sorted, texts, deferredQuery]);
  const indexOf = useMemo(() => new Map(rows.map((r, i) => [r.sha256, i])), [rows]);
  const selectedIndex = selectedSha256 ? (indexOf.get(selectedSha256) ?? -1) : -1;

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => CERTIFICATE_ROW_HEIGHT,
    overscan: 12,
    paddingStart: CERTIFICATE_HEADER_HEIGHT,
    scrollPaddingStart: CERTIFICATE_HEADER_HEIGHT,
  });
  const virtualRows = virtualizer.getVirtualItems();

  const onSort = useCallback((column: CertificateColumnId) => {
    setSort((s) => ({ column, direction: s.column === column && s.direction === 'asc' ? 'desc' : 'asc' }));
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Enter' && selectedSha256) {
      event.preventDefault();
      openDetails(selectedSha256);
      return;
    }
    if (event.key === 'Delete' && selectedSha256) {
      event.preventDefault();
      setCertificateDialog('delete');
      return;
    }
    const pageSize = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 0) / CERTIFICATE_ROW_HEIGHT) - 2);
    const target = listKeyTarget(event.key, selectedIndex, rows.length, pageSize);
    const item = target === null ? undefined : rows[target];
    if (target === null || !item) return;
    event.preventDefault();
    selectCertificate(item.sha256);
    virtualizer.scrollToIndex(target, { align: 'auto' });
  };

  const activeRendered = selectedIndex >= 0 && virtualRows.some((v) => v.index === selectedIndex);
  const total = inStore.length;

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', minHeight: 0, flex: 1 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, px: 2, py: 1, flexWrap: 'wrap' }}>
        <CertificateSearchBox value={query} onChange={setQuery} />
        <Typography variant="body2" color="text.secondary" role="status" aria-live="polite">
          {deferredQuery.trim() ? `${rows.length.toLocaleString()} of ${total.toLocaleString()} certificates` : `${total.toLocaleString()} certificate${total === 1 ? '' : 's'}`}
        </Typography>
      </Box>
      {!loaded && <LinearProgress aria-label="Loading certificates" />}
      <Box
        ref={scrollRef}
        role="grid"
        aria-label={label}
        aria-rowcount={rows.length + 1}
        aria-colcount={5}
        aria-multiselectable={false}
        aria-activedescendant={activeRendered && selectedSha256 ? rowId(selectedSha256) : undefined}
        tabIndex={0}
        onKeyDown={onKeyDown}
        sx={{
          flex: 1,
          minHeight: 0,
          overflow: 'auto',
          borderTop: 1,
          borderColor: 'divider',
          bgcolor: 'background.paper',
          outline: 'none',
          '&:focus-visible': { boxShadow: (theme) => `inset 0 0 0 2px ${theme.palette.primary.main}` },
        }}
      >
        <Box sx={{ minWidth: CERTIFICATE_GRID_MIN_WIDTH, position: 'relative', height: virtualizer.getTotalSize() }}>
          <CertificateListHeader sort={sort} onSort={onSort} />
          {virtualRows.map((virtual) => {
            const item = rows[virtual.index];
            if (!item) return null;
            return (
              <CertificateRow
                key={item.sha256}
                item={item}
                successor={item.renewal ? bySha256.get(item.renewal.renewedBy) : undefined}
                index={virtual.index}
                top={virtual.start}
                selected={item.sha256 === selectedSha256}
                onSelect={selectCertificate}
                onOpen={openDetails}
              />
            );
          })}
        </Box>
        {loaded && rows.length === 0 && (
          <Typography color="text.secondary" sx={{ p: 3, textAlign: 'center' }}>
            {deferredQuery.trim()
              ? `No certificate matches “${deferredQuery.trim()}”.`
              : 'No certificates here yet. Drop certificate files anywhere on the window, or use Import… in the Actions pane.'}
          </Typography>
        )}
      </Box>
    </Box>
  );
}
