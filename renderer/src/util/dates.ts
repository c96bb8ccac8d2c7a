const DAY_MS = 86_400_000;

/** How close a certificate is to the end of its validity; drives the warning colour in the list. */
export type ExpiryLevel = 'expired' | 'soon' | 'ok';

/** Certificates expiring within this many days are flagged, as IIS's certificate list does. */
export const EXPIRY_WARNING_DAYS = 30;

/** Whole days from now to `iso` (negative once past). */
export function daysUntil(iso: string, now = Date.now()): number {
  return Math.floor((Date.parse(iso) - now) / DAY_MS);
}

/** Expiry level of a notAfter date. */
export function expiryLevel(notAfter: string, now = Date.now()): ExpiryLevel {
  const days = daysUntil(notAfter, now);
  if (Date.parse(notAfter) <= now) return 'expired';
  return days < EXPIRY_WARNING_DAYS ? 'soon' : 'ok';
}

const dateFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: '2-digit' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A date as the user's locale writes it (list column). */
export function formatDate(iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : dateFormat.format(time);
}

/** A date and time (details panel). */
export function formatDateTime(iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : dateTimeFormat.format(time);
}
