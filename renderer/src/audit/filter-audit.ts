import type { AuditRecord } from '../../../shared/models/decision';
import { decidedByLabel } from './decided-by-label';

/** The audit page's filters: a site (name or id), a status prefix ("403" or "403.16"), and free text. */
export interface AuditFilter {
  site: string;
  status: string;
  text: string;
}

/** Records passing every filter; free text looks at every field, case-insensitive. */
export function filterAudit(records: readonly AuditRecord[], filter: AuditFilter, siteNames: ReadonlyMap<string, string>): readonly AuditRecord[] {
  const site = filter.site;
  const status = filter.status.trim();
  const text = filter.text.trim().toLowerCase();
  if (!site && !status && !text) return records;
  // A record names its site by name; the filter may hold the id: accept either.
  const siteName = site ? (siteNames.get(site) ?? site).toLowerCase() : '';
  return records.filter((r) => {
    if (site && r.site.toLowerCase() !== siteName && r.site !== site) return false;
    if (status && !r.status.startsWith(status)) return false;
    if (!text) return true;
    // Typed from the row ("CN=… (one-to-one)") or from the tooltip (the mapping's id): either finds it.
    const decidedBy = r.decidedBy ? [r.decidedBy, decidedByLabel(r.decidedBy)] : [];
    return [r.time, r.site, r.path, r.client, r.status, r.account ?? '', ...decidedBy, r.failedStep ?? '', r.certificateSubject ?? '', r.certificateSha256 ?? ''].some((v) => v.toLowerCase().includes(text));
  });
}
