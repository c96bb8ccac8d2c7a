import type { BindingRow, BoundCertificate, BoundRenewal } from '../../../shared/models/binding';
import type { CertificateRenewal, CertificateSummary } from '../../../shared/models/certificate';
import type { Site } from '../../../shared/models/site';

const DAY_MS = 86_400_000;

/** Whole days until a date, rounded down (negative once past), as `cert show` counts them. */
export const daysUntil = (iso: string, now: Date): number => Math.floor((Date.parse(iso) - now.getTime()) / DAY_MS);

/** The certificate store as the bindings list reads it: each certificate's summary, and the renewals that replaced some. */
export interface BoundCertificates {
  summaries: ReadonlyMap<string, CertificateSummary>;
  /** By the SHA-256 of the replaced certificate (CertificateService.renewals). */
  renewals: ReadonlyMap<string, CertificateRenewal>;
}

/** Every binding of every site, sites by name and bindings in their configured order, with the certificate each presents. */
export function bindingRows(sites: readonly Site[], certificates: BoundCertificates, now: Date): BindingRow[] {
  const rows: BindingRow[] = [];
  for (const site of [...sites].sort((a, b) => a.name.localeCompare(b.name))) {
    for (const binding of site.bindings) {
      const sha256 = binding.protocol === 'https' ? (binding.certificateSha256 ?? site.serverCertificateSha256) : null;
      const summary = sha256 ? certificates.summaries.get(sha256) : undefined;
      rows.push({
        siteId: site.id,
        siteName: site.name,
        protocol: binding.protocol,
        address: binding.address,
        port: binding.port,
        host: binding.host,
        ownCertificateSha256: binding.certificateSha256,
        certificate: summary ? boundCertificate(summary, certificates, now) : null,
        missingCertificateSha256: sha256 && !summary ? sha256 : null,
      });
    }
  }
  return rows;
}

function boundCertificate(summary: CertificateSummary, certificates: BoundCertificates, now: Date): BoundCertificate {
  return {
    sha256: summary.sha256,
    subject: summary.subject,
    displayName: summary.displayName,
    serial: summary.serial,
    notAfter: summary.notAfter,
    daysLeft: daysUntil(summary.notAfter, now),
    usable: summary.hasPrivateKey,
    renewal: boundRenewal(certificates.renewals.get(summary.sha256), certificates),
  };
}

function boundRenewal(renewal: CertificateRenewal | undefined, certificates: BoundCertificates): BoundRenewal | null {
  if (!renewal) return null;
  // The summaries and the renewals are two reads of the store: another process may delete the new certificate in between.
  const successor = certificates.summaries.get(currentSuccessor(renewal.renewedBy, certificates.renewals));
  if (!successor) return null;
  return { ...renewal, successor: { sha256: successor.sha256, displayName: successor.displayName, notAfter: successor.notAfter } };
}

/**
 * The certificate that replaces it today: a renewal's certificate may itself have been renewed since
 * (A by B, then B by C), and a binding left on A should be moved to C, not to B.
 */
function currentSuccessor(sha256: string, renewals: ReadonlyMap<string, CertificateRenewal>): string {
  const seen = new Set<string>();
  let current = sha256;
  for (let next = renewals.get(current); next && !seen.has(current); next = renewals.get(current)) {
    seen.add(current);
    current = next.renewedBy;
  }
  return current;
}
