import { describe, expect, it } from 'vitest';
import type { ExpiryItem, ExpiryKind } from '../../../shared/models/expiry';
import { layoutTimeline } from '../../../renderer/src/expiry/timeline-layout';

const DAY_MS = 86_400_000;
const NOW = '2026-06-15T12:00:00.000Z';

function item(sha256: string, kind: ExpiryKind, days: number): ExpiryItem {
  const expiresAt = new Date(Date.parse(NOW) + days * DAY_MS).toISOString();
  return { kind, sha256, name: sha256, subject: `CN=${sha256}`, store: null, serial: null, expiresAt, daysLeft: Math.floor(days), expired: days <= 0, usedBy: [] };
}

// Where the Certificate Expiry chart draws things: the layout is pure, so it is checked here; the
// console end-to-end test checks the drawn chart in Chromium.
describe('the expiry timeline layout', () => {
  it('puts today and the warning window where their dates are, with earlier items left of today', () => {
    const layout = layoutTimeline([item('past', 'server', -10), item('soon', 'server', 20), item('later', 'server', 200)], 365, NOW, 30);
    const x = Object.fromEntries(layout.placed.map((p) => [p.item.sha256, p.x]));
    expect(x.past!).toBeLessThan(layout.nowX);
    expect(x.soon!).toBeGreaterThan(layout.nowX);
    expect(x.soon!).toBeLessThan(layout.leadX);
    expect(x.later!).toBeGreaterThan(layout.leadX);
    expect(layout.placed.every((p) => p.clamped === null)).toBe(true);
    // Every other month across a year, labelled as months, left to right.
    expect(layout.ticks.length).toBeGreaterThanOrEqual(6);
    expect(layout.ticks.map((t) => t.x)).toEqual([...layout.ticks.map((t) => t.x)].sort((a, b) => a - b));
    expect(layout.ticks[0]?.label).toMatch(/^[A-Z][a-z]{2} \d{4}$/);
  });

  it('keeps each kind in its own lane, in a fixed order', () => {
    const layout = layoutTimeline([item('crl', 'crl', 3), item('ca', 'authority', 90), item('c', 'client', 5), item('s', 'server', 5)], 365, NOW, 30);
    expect(layout.lanes.map((l) => l.kind)).toEqual(['server', 'client', 'authority', 'crl']);
    const laneOf = (sha256: string) => layout.lanes.findIndex((l) => {
      const y = layout.placed.find((p) => p.item.sha256 === sha256)!.y;
      return y > l.top && y < l.top + l.height;
    });
    expect(['s', 'c', 'ca', 'crl'].map(laneOf)).toEqual([0, 1, 2, 3]);
  });

  it('moves items of the same day onto rows below each other instead of drawing them on top', () => {
    const layout = layoutTimeline([item('a', 'client', 10), item('b', 'client', 10), item('c', 'client', 10)], 365, NOW, 30);
    const ys = layout.placed.map((p) => p.y);
    expect(new Set(ys).size).toBe(3);
    expect(new Set(layout.placed.map((p) => p.x)).size).toBe(1);
  });

  it('draws what lies beyond the span at the edge, marked as clamped, and "all" widens the span to include it', () => {
    const items = [item('root', 'authority', 3650), item('gone', 'server', -400)];
    const year = layoutTimeline(items, 365, NOW, 30);
    expect(year.placed.find((p) => p.item.sha256 === 'root')).toMatchObject({ clamped: 'after', x: year.plotRight });
    expect(year.placed.find((p) => p.item.sha256 === 'gone')).toMatchObject({ clamped: 'before', x: year.plotLeft });
    const all = layoutTimeline(items, 'all', NOW, 30);
    expect(all.placed.every((p) => p.clamped === null)).toBe(true);
    expect(all.ticks.every((t) => /^\d{4}$/.test(t.label))).toBe(true);
  });
});
