import { daysUntil, expiryLevel } from '../util/dates';
import { formatDate } from '../util/dates';

/**
 * The Expires cell: the date, and how soon when expired or within 30 days. The colour comes from the
 * console's stylesheet through the `expired` / `soon` class (use-console-theme.ts): no per-row style
 * computation while scrolling.
 */
export function ExpiryText({ notAfter }: { notAfter: string }) {
  const level = expiryLevel(notAfter);
  const days = daysUntil(notAfter);
  const note = level === 'expired' ? 'expired' : level === 'soon' ? `${days} day${days === 1 ? '' : 's'} left` : '';
  return (
    <span className={level === 'ok' ? undefined : level} title={note ? `${notAfter} (${note})` : notAfter}>
      {formatDate(notAfter)}
      {note && ` (${note})`}
    </span>
  );
}
