import type { ExpiryItem, ExpiryKind } from '../../../shared/models/expiry';

/** The timeline's lanes, top to bottom, and the kind column's words. */
export const KIND_LABELS: Record<ExpiryKind, string> = {
  server: 'Server certificates',
  client: 'Client certificates',
  authority: 'Authority certificates',
  crl: 'CRL next updates',
};

export const KIND_ORDER: readonly ExpiryKind[] = ['server', 'client', 'authority', 'crl'];

/** How an item stands against the warning window. */
export type ExpiryStatus = 'expired' | 'warning' | 'ok';

const DAY_MS = 86_400_000;

export function expiryStatus(item: ExpiryItem, leadDays: number, now: number): ExpiryStatus {
  if (item.expired) return 'expired';
  return Date.parse(item.expiresAt) <= now + leadDays * DAY_MS ? 'warning' : 'ok';
}

/** "in 12 days", "today", "3 days ago" (a CRL: "due"). */
export function whenText(item: ExpiryItem): string {
  if (item.expired) return item.kind === 'crl' ? `due ${-item.daysLeft} day${item.daysLeft === -1 ? '' : 's'} ago` : `expired ${-item.daysLeft} day${item.daysLeft === -1 ? '' : 's'} ago`;
  if (item.daysLeft === 0) return 'today';
  return `in ${item.daysLeft} day${item.daysLeft === 1 ? '' : 's'}`;
}

/** An item's identity on the timeline and in the list. */
export const expiryItemId = (item: ExpiryItem): string => `${item.kind}-${item.sha256}`;
