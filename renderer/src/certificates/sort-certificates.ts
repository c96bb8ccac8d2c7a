import type { CertificateListItem } from '../../../shared/ipc';
import { commonName } from '../util/distinguished-name';
import { STORE_SHORT_LABELS } from '../util/store-labels';
import type { CertificateColumnId } from './certificate-columns';

/** Which column orders the list, and which way. */
export interface CertificateSort {
  column: CertificateColumnId;
  direction: 'asc' | 'desc';
}

/**
 * A key that sorts case-insensitively and numbers by value ("user2" before "user10") with plain `<`:
 * Intl.Collator gives the same order but is about four times slower on 50,000 rows.
 */
function naturalKey(text: string): string {
  return text.toLowerCase().replace(/\d+/g, (digits) => digits.padStart(12, '0'));
}

/** The value a column sorts by; computed once per row per sort, never inside the comparator. */
function sortKey(c: CertificateListItem, column: CertificateColumnId): string | number {
  switch (column) {
    case 'subject':
      return naturalKey(c.displayName);
    case 'issuer':
      return naturalKey(commonName(c.issuer));
    case 'expires':
      return Date.parse(c.notAfter);
    case 'status':
      // Ascending puts revoked certificates first, the most recently revoked on top, then the renewed ones likewise.
      if (c.revoked) return `0${String(9e15 - Date.parse(c.revoked.at)).padStart(16, '0')}`;
      return c.renewal ? `1${String(9e15 - Date.parse(c.renewal.at)).padStart(16, '0')}` : '2';
    case 'store':
      return naturalKey(STORE_SHORT_LABELS[c.store]);
    case 'sha256':
      return c.sha256;
  }
}

/** A sorted copy; ties keep a stable order by fingerprint so rows never jump between refreshes. */
export function sortCertificates<T extends CertificateListItem>(items: readonly T[], sort: CertificateSort): T[] {
  const keyed = items.map((item) => ({ item, key: sortKey(item, sort.column) }));
  const sign = sort.direction === 'asc' ? 1 : -1;
  keyed.sort((a, b) => {
    const order = a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
    return order !== 0 ? order * sign : a.item.sha256 < b.item.sha256 ? -1 : 1;
  });
  return keyed.map((k) => k.item);
}
