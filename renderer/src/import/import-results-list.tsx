import { useRef } from 'react';
import { Box } from '@mui/material';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ImportFileResult } from '../../../shared/ipc';
import { ImportResultRow } from './import-result-row';

/** Per-file results, virtualized (rows vary in height and are measured) since a drop can hold thousands. */
export function ImportResultsList({ results, retrying, onRetry }: { results: readonly ImportFileResult[]; retrying: ReadonlySet<number>; onRetry(index: number, password: string): void }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: results.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 64,
    overscan: 6,
  });
  return (
    <Box
      ref={scrollRef}
      data-testid="import-results"
      role="list"
      aria-label="Import results"
      sx={{ maxHeight: '50vh', overflow: 'auto', border: 1, borderColor: 'divider', borderRadius: 1 }}
    >
      <Box sx={{ position: 'relative', height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((virtual) => {
          const result = results[virtual.index];
          if (!result) return null;
          return (
            <Box
              key={virtual.key}
              role="listitem"
              data-index={virtual.index}
              ref={virtualizer.measureElement}
              // Position inline, not in sx: Emotion would mint a class per offset.
              style={{ position: 'absolute', top: 0, left: 0, width: '100%', transform: `translateY(${virtual.start}px)` }}
            >
              <ImportResultRow result={result} retrying={retrying.has(virtual.index)} onRetry={(password) => onRetry(virtual.index, password)} />
            </Box>
          );
        })}
      </Box>
    </Box>
  );
}
