import type { ExpiryItem, ExpiryKind } from '../../../shared/models/expiry';
import { KIND_ORDER } from './expiry-labels';

const DAY_MS = 86_400_000;

/** How far ahead the timeline looks. */
export type TimelineHorizon = 90 | 365 | 1825 | 'all';

/** Where one item is drawn; `clamped` when it lies outside the visible span (drawn at the edge as an arrow). */
export interface PlacedItem {
  item: ExpiryItem;
  x: number;
  y: number;
  clamped: 'before' | 'after' | null;
}

export interface Lane {
  kind: ExpiryKind;
  top: number;
  height: number;
}

export interface Tick {
  x: number;
  label: string;
}

export interface TimelineLayout {
  width: number;
  height: number;
  plotLeft: number;
  plotRight: number;
  axisY: number;
  lanes: Lane[];
  placed: PlacedItem[];
  ticks: Tick[];
  nowX: number;
  /** The end of the warning window (now + lead days), clamped to the plot. */
  leadX: number;
}

export const TIMELINE_WIDTH = 960;
const PLOT_LEFT = 170;
const PLOT_RIGHT = TIMELINE_WIDTH - 20;
const TOP = 8;
const ROW = 14;
const LANE_PAD = 10;
const MIN_GAP = 12;
const MAX_SUB_ROWS = 5;
const AXIS = 28;

/** The visible span: a little of the past (for what already expired), then the horizon ahead. */
function span(items: readonly ExpiryItem[], horizon: TimelineHorizon, now: number, leadDays: number): [number, number] {
  if (horizon !== 'all') return [now - Math.max(14, horizon * 0.12) * DAY_MS, now + horizon * DAY_MS];
  const times = items.map((i) => Date.parse(i.expiresAt));
  const first = Math.min(now - 30 * DAY_MS, ...times);
  const last = Math.max(now + leadDays * 2 * DAY_MS, ...times);
  const margin = (last - first) * 0.03;
  return [first - margin, last + margin];
}

const monthFormat = new Intl.DateTimeFormat('en', { month: 'short', year: 'numeric', timeZone: 'UTC' });

/** Month ticks for spans up to about two years (every 1, 2 or 3 months), year ticks beyond. */
function ticks(start: number, end: number, x: (t: number) => number): Tick[] {
  const days = (end - start) / DAY_MS;
  const result: Tick[] = [];
  const from = new Date(start);
  if (days > 800) {
    const everyYears = Math.max(1, Math.ceil(days / 365 / 10));
    for (let year = from.getUTCFullYear() + 1; Date.UTC(year, 0, 1) <= end; year += 1) {
      if (year % everyYears === 0) result.push({ x: x(Date.UTC(year, 0, 1)), label: String(year) });
    }
    return result;
  }
  const everyMonths = days > 500 ? 3 : days > 200 ? 2 : 1;
  for (let m = from.getUTCMonth() + 1, y = from.getUTCFullYear(); ; m++) {
    const t = Date.UTC(y, m, 1);
    if (t > end) break;
    const month = new Date(t).getUTCMonth();
    if (month % everyMonths === 0) result.push({ x: x(t), label: monthFormat.format(t) });
  }
  return result;
}

/**
 * Lay the items out: one lane per kind, x by expiry date, and within a lane items too close to the
 * one before them move down a row (at most a few rows; beyond that they overlap), so that a day
 * with ten expiring client certificates is still readable.
 */
export function layoutTimeline(items: readonly ExpiryItem[], horizon: TimelineHorizon, nowIso: string, leadDays: number): TimelineLayout {
  const now = Date.parse(nowIso);
  const [start, end] = span(items, horizon, now, leadDays);
  const x = (t: number) => PLOT_LEFT + ((t - start) / (end - start)) * (PLOT_RIGHT - PLOT_LEFT);
  const lanes: Lane[] = [];
  const placed: PlacedItem[] = [];
  let top = TOP;
  for (const kind of KIND_ORDER) {
    const inLane = items.filter((i) => i.kind === kind).sort((a, b) => Date.parse(a.expiresAt) - Date.parse(b.expiresAt));
    const rowEnds: number[] = [];
    const lanePlaced: PlacedItem[] = [];
    for (const item of inLane) {
      const t = Date.parse(item.expiresAt);
      const clamped = t < start ? 'before' : t > end ? 'after' : null;
      const px = clamped === 'before' ? PLOT_LEFT : clamped === 'after' ? PLOT_RIGHT : x(t);
      let row = rowEnds.findIndex((last) => px - last >= MIN_GAP);
      if (row < 0) row = rowEnds.length < MAX_SUB_ROWS ? rowEnds.length : rowEnds.indexOf(Math.min(...rowEnds));
      rowEnds[row] = px;
      lanePlaced.push({ item, x: px, y: row, clamped });
    }
    const rows = Math.max(1, rowEnds.length);
    const height = rows * ROW + LANE_PAD * 2;
    for (const p of lanePlaced) placed.push({ ...p, y: top + LANE_PAD + p.y * ROW + ROW / 2 });
    lanes.push({ kind, top, height });
    top += height;
  }
  const clampX = (t: number) => Math.min(PLOT_RIGHT, Math.max(PLOT_LEFT, x(t)));
  return {
    width: TIMELINE_WIDTH,
    height: top + AXIS,
    plotLeft: PLOT_LEFT,
    plotRight: PLOT_RIGHT,
    axisY: top,
    lanes,
    placed,
    ticks: ticks(start, end, x),
    nowX: clampX(now),
    leadX: clampX(now + leadDays * DAY_MS),
  };
}
