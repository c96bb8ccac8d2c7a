import { parseArgs } from 'node:util';
import type { ExpiryItem } from '../../../shared/models/expiry';
import { call, UsageError, type CliContext } from '../cli-context';
import { formatTable } from '../table';

export const EXPIRY_USAGE = `certmapper expiry [--lead-days N] [--json]   (the expiry warning; --lead-days sets how many days ahead it starts, default 30)`;

/** A non-negative whole number of days from an option, or a usage error naming the option. */
export function parseDays(option: string, text: string, min = 0): number {
  const days = Number(text);
  if (!/^\d+$/.test(text) || days < min || days > 36500) throw new UsageError(`--${option} must be a whole number of days from ${min} to 36500 (got ${text})`);
  return days;
}

/** `cert list --expiring DAYS`: certificates expiring within DAYS, expired ones marked, with where each is used. */
export async function listExpiring(context: CliContext, daysText: string, json: boolean): Promise<number> {
  const withinDays = parseDays('expiring', daysText);
  const overview = await call(context, 'expiry.overview', { scope: 'all', withinDays });
  const items = overview.items.filter((i) => i.kind !== 'crl');
  if (json) {
    context.out(JSON.stringify(items, null, 2));
    return 0;
  }
  if (items.length === 0) {
    context.out(`No certificate expires within ${withinDays} days.`);
    return 0;
  }
  const rows = items.map((i) => [i.sha256, i.store ?? '', i.expiresAt.slice(0, 10), whenText(i), i.name, i.usedBy.map((u) => u.text).join('; ') || 'not used']);
  context.out(formatTable(['SHA-256', 'STORE', 'EXPIRES', 'STATUS', 'SUBJECT', 'USED BY'], rows));
  return 0;
}

function whenText(item: ExpiryItem): string {
  if (item.expired) return `EXPIRED ${-item.daysLeft} day(s) ago`;
  return item.daysLeft === 0 ? 'expires today' : `in ${item.daysLeft} day(s)`;
}

/** `certmapper expiry`: the warning the console's banner shows, and its lead time. */
export async function expiryCommand(context: CliContext): Promise<number> {
  const { values } = parseArgs({ args: context.args, options: { 'lead-days': { type: 'string' }, json: { type: 'boolean' } } });
  if (values['lead-days'] !== undefined) await call(context, 'expiry.setLeadDays', { days: parseDays('lead-days', values['lead-days'], 1) });
  const overview = await call(context, 'expiry.overview', { scope: 'in-use' });
  if (values.json) {
    context.out(JSON.stringify({ leadDays: overview.leadDays, warning: overview.warning }, null, 2));
    return 0;
  }
  context.out(`Warnings start ${overview.leadDays} days ahead. ${overview.warning.message ?? 'Nothing in use expires within that time.'}`);
  return 0;
}
