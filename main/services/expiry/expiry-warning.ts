import type { ExpiryItem, ExpiryWarning } from '../../../shared/models/expiry';

const DAY_MS = 86_400_000;
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Whether an item expires (or expired) no later than `days` days from now. */
export const expiresWithin = (item: ExpiryItem, days: number, now: Date): boolean => Date.parse(item.expiresAt) <= now.getTime() + days * DAY_MS;

/**
 * What the banner and the desktop notification say: only what is in use counts (an unused certificate
 * in the store expiring is no one's problem). "3 certificates expire within 30 days; 1 has expired".
 * CRLs warn only once past their next update: they are re-issued every few days by design.
 */
export function expiryWarning(items: readonly ExpiryItem[], leadDays: number, now: Date): ExpiryWarning {
  const inUse = items.filter((i) => i.usedBy.length > 0);
  const certificates = inUse.filter((i) => i.kind !== 'crl');
  const expiring = certificates.filter((i) => !i.expired && expiresWithin(i, leadDays, now)).length;
  const expired = certificates.filter((i) => i.expired).length;
  const staleCrls = inUse.filter((i) => i.kind === 'crl' && i.expired).length;
  const parts: string[] = [];
  if (expiring) parts.push(`${plural(expiring, 'certificate expires', 'certificates expire')} within ${plural(leadDays, 'day', 'days')}`);
  if (expired) parts.push(expiring ? `${expired} ${expired === 1 ? 'has' : 'have'} expired` : `${plural(expired, 'certificate has', 'certificates have')} expired`);
  if (staleCrls) parts.push(`${plural(staleCrls, 'CRL is', 'CRLs are')} past ${staleCrls === 1 ? 'its' : 'their'} next update`);
  return { expiring, expired, staleCrls, message: parts.length ? parts.join('; ') : null };
}
