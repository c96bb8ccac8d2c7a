import type { CertificateSummary } from '../../../shared/ipc';

/** Lower-cased text a row is searched by, built once per list (not per keystroke). */
export function searchText(c: CertificateSummary): string {
  const serial = c.serial.toLowerCase();
  return [c.displayName, c.subject, c.issuer, c.sha256, c.sha1, serial, serial.replace(/[:\s]/g, '')].join('\n').toLowerCase();
}

/**
 * Rows whose subject, issuer, fingerprint or serial contains the query, case-insensitive. A pasted
 * fingerprint or serial with colons or spaces ("AB:CD:...") also matches the plain hex we store.
 */
export function filterCertificates(items: readonly CertificateSummary[], texts: ReadonlyMap<CertificateSummary, string>, query: string): readonly CertificateSummary[] {
  const q = query.trim().toLowerCase();
  if (!q) return items;
  const hex = /^[0-9a-f:\s]+$/.test(q) ? q.replace(/[:\s]/g, '') : '';
  return items.filter((item) => {
    const text = texts.get(item) ?? '';
    return text.includes(q) || (hex.length > 1 && text.includes(hex));
  });
}
