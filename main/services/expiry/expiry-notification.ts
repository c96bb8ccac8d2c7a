import type { ExpiryItem, ExpiryOverview } from '../../../shared/models/expiry';
import { expiresWithin } from './expiry-warning';

/** A desktop notification to show. */
export interface ExpiryNotice {
  title: string;
  body: string;
}

/** What to show now (null: nothing new), and what counts as already shown from now on. */
export interface ExpiryNotificationDecision {
  notice: ExpiryNotice | null;
  notified: Set<string>;
}

const MAX_LINES = 3;

/** Why an item in use is worth a warning, or null when it is not (yet). */
function warningState(item: ExpiryItem, leadDays: number, now: Date): 'expired' | 'expiring' | 'stale' | null {
  if (item.usedBy.length === 0) return null;
  if (item.kind === 'crl') return item.expired ? 'stale' : null;
  if (item.expired) return 'expired';
  return expiresWithin(item, leadDays, now) ? 'expiring' : null;
}

function line(item: ExpiryItem): string {
  const when = item.kind === 'crl' ? `was due ${-item.daysLeft} day(s) ago` : item.expired ? `expired ${-item.daysLeft} day(s) ago` : item.daysLeft === 0 ? 'expires today' : `expires in ${item.daysLeft} day(s)`;
  return `${item.name} ${when} (${item.usedBy[0]!.text})`;
}

/**
 * Whether the desktop app should notify: once for each certificate that enters the warning window,
 * once more when it expires, and not again on every check while nothing changed. A certificate that
 * was renewed (so left the window) would warn again if it came back. Pure, so it is unit-tested; the
 * Electron shell only shows what this returns.
 */
export function decideExpiryNotification(overview: ExpiryOverview, alreadyNotified: ReadonlySet<string>): ExpiryNotificationDecision {
  const now = new Date(overview.now);
  const warned = overview.items
    .map((item) => ({ item, state: warningState(item, overview.leadDays, now) }))
    .filter((w): w is { item: ExpiryItem; state: 'expired' | 'expiring' | 'stale' } => w.state !== null);
  const notified = new Set(warned.map((w) => `${w.item.sha256}:${w.state}`));
  const fresh = warned.filter((w) => !alreadyNotified.has(`${w.item.sha256}:${w.state}`));
  if (fresh.length === 0 || !overview.warning.message) return { notice: null, notified };
  const lines = fresh.slice(0, MAX_LINES).map((w) => line(w.item));
  if (fresh.length > MAX_LINES) lines.push(`and ${fresh.length - MAX_LINES} more: see Certificate Expiry in the console`);
  return { notice: { title: capitalize(overview.warning.message), body: lines.join('\n') }, notified };
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
