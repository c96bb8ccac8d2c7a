import type { CertificateListItem, CertificateSummary } from '../../../shared/ipc';

/** Lower-cased text a row is searched by, built once per list (not per keystroke). */
export function searchText(c: CertificateSummary & Partial<Pick<CertificateListItem, 'revoked' | 'renewal'>>): string {
  const serial = c.serial.toLowerCase();
  // "revoked" finds the revoked ones, "renewed" or "replaced" those a renewal replaced.
  return [c.displayName, c.subject, c.issuer, c.sha256, c.sha1, serial, serial.replace(/[:\s]/g, ''), c.revoked ? 'revoked' : '', c.renewal ? 'renewed\nreplaced' : ''].join('\n').toLowerCase();
}

/**
 * Rows whose subject, issuer, fingerprint or serial contains the query, case-insensitive. A pasted
 * fingerprint or serial with colons or spaces ("AB:CD:...") also matches the plain hex we store.
 */
export function filterCertificates<T extends CertificateSummary>(items: readonly T[], texts: ReadonlyMap<T, string>, query: string): readonly T[] {
  const q = query.trim().toLowerCase();
  if (!q) return items;
  const hex = /^[0-9a-f:\s]+$/.test(q) ? q.replace(/[:\s]/g, '') : '';
  return items.filter((item) => {
    const text = texts.get(item) ?? '';
    return text.includes(q) || (hex.length > 1 && text.includes(hex));
  });
}
