import { useMemo } from 'react';
import { Box, useTheme } from '@mui/material';
import type { ExpiryItem } from '../../../shared/models/expiry';
import { formatDate } from '../util/dates';
import { expiryItemId, expiryStatus, KIND_LABELS, whenText, type ExpiryStatus } from './expiry-labels';
import { layoutTimeline, type PlacedItem, type TimelineHorizon } from './timeline-layout';

interface Props {
  items: readonly ExpiryItem[];
  now: string;
  leadDays: number;
  horizon: TimelineHorizon;
  /** expiryItemId of the selected item. */
  selected: string | null;
  onSelect(id: string): void;
}

function describe(item: ExpiryItem): string {
  const uses = item.usedBy.map((u) => u.text).join('; ') || 'not used';
  return `${KIND_LABELS[item.kind]}: ${item.name}, ${item.kind === 'crl' ? 'next update' : 'expires'} ${formatDate(item.expiresAt)} (${whenText(item)}). Used by: ${uses}`;
}

/**
 * What expires when, drawn as SVG (no chart library: a few lanes of dots): one lane per kind, today as
 * a line, the warning window shaded, each dot coloured by how close it is. Click a dot to select its
 * row in the list below (the list is the keyboard's way in; the dots are for the eye and the mouse).
 */
export function ExpiryTimeline({ items, now, leadDays, horizon, selected, onSelect }: Props) {
  const theme = useTheme();
  const layout = useMemo(() => layoutTimeline(items, horizon, now, leadDays), [items, horizon, now, leadDays]);
  const colour: Record<ExpiryStatus, string> = { expired: theme.palette.error.main, warning: theme.palette.warning.main, ok: theme.palette.success.main };
  const nowTime = Date.parse(now);
  const marker = ({ item, x, y, clamped }: PlacedItem) => {
    const fill = colour[expiryStatus(item, leadDays, nowTime)];
    const isSelected = expiryItemId(item) === selected;
    const shape = clamped
      ? <path d={clamped === 'after' ? `M${x - 6},${y - 6} L${x + 2},${y} L${x - 6},${y + 6} Z` : `M${x + 6},${y - 6} L${x - 2},${y} L${x + 6},${y + 6} Z`} fill={fill} />
      : <circle cx={x} cy={y} r={isSelected ? 7 : 5} fill={fill} stroke={isSelected ? theme.palette.text.primary : theme.palette.background.paper} strokeWidth={isSelected ? 2 : 1} />;
    return (
      <g
        key={expiryItemId(item)}
        role="img"
        aria-label={describe(item)}
        data-sha256={item.sha256}
        data-kind={item.kind}
        data-status={expiryStatus(item, leadDays, nowTime)}
        onClick={() => onSelect(expiryItemId(item))}
        style={{ cursor: 'pointer', outline: 'none' }}
      >
        <title>{describe(item)}</title>
        {shape}
      </g>
    );
  };
  return (
    <Box data-testid="expiry-timeline" sx={{ border: 1, borderColor: 'divider', borderRadius: 1, bgcolor: 'background.paper', p: 1 }}>
      <svg viewBox={`0 0 ${layout.width} ${layout.height}`} width="100%" role="group" aria-label={`Expiry timeline: ${items.length} item${items.length === 1 ? '' : 's'}`} style={{ display: 'block', fontFamily: theme.typography.fontFamily, fontSize: 12 }}>
        <rect x={layout.nowX} y={0} width={Math.max(0, layout.leadX - layout.nowX)} height={layout.axisY} fill={theme.palette.warning.main} opacity={0.12} />
        {layout.lanes.map((lane, index) => (
          <g key={lane.kind} data-lane={lane.kind}>
            {index > 0 && <line x1={0} x2={layout.width} y1={lane.top} y2={lane.top} stroke={theme.palette.divider} />}
            <text x={8} y={lane.top + lane.height / 2 + 4} fill={theme.palette.text.secondary}>
              {KIND_LABELS[lane.kind]}
            </text>
          </g>
        ))}
        {layout.ticks.map((tick) => (
          <g key={`${tick.label}-${tick.x}`}>
            <line x1={tick.x} x2={tick.x} y1={0} y2={layout.axisY + 4} stroke={theme.palette.divider} strokeDasharray="2 3" />
            <text x={tick.x} y={layout.axisY + 18} textAnchor="middle" fill={theme.palette.text.secondary}>
              {tick.label}
            </text>
          </g>
        ))}
        <line x1={layout.plotLeft} x2={layout.plotRight} y1={layout.axisY} y2={layout.axisY} stroke={theme.palette.text.secondary} />
        <line x1={layout.nowX} x2={layout.nowX} y1={0} y2={layout.axisY} stroke={theme.palette.primary.main} strokeWidth={2} />
        <text x={layout.nowX + 4} y={12} fill={theme.palette.primary.main}>
          Today
        </text>
        {layout.leadX > layout.nowX + 60 && (
          <text x={layout.leadX - 4} y={12} textAnchor="end" fill={theme.palette.warning.dark}>
            {leadDays} days
          </text>
        )}
        {layout.placed.map(marker)}
      </svg>
    </Box>
  );
}
