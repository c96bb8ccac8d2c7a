import type { DistributionPoint } from './cert-extensions';
import type { CertView } from './cert-view';
import type { CrlView } from './crl-view';
import type { GeneralName } from './general-names';

/** Every revocation reason of ReasonFlags (bits 1-8; bit 0 is "unused"). */
export const ALL_REASONS = 0x1fe;

/** The distribution points to satisfy for a certificate: its CRLDistributionPoints, or the issuer's full CRL. */
export function distributionPointsOf(cert: CertView): DistributionPoint[] {
  const points = cert.ext.distributionPoints;
  return points.length > 0 ? points : [{ fullName: null, relativeName: null, reasons: null, crlIssuer: null }];
}

/** The http(s) URLs a certificate names for its CRLs (what a fetcher can retrieve). */
export function crlUrlsOf(cert: CertView): string[] {
  const urls: string[] = [];
  for (const point of cert.ext.distributionPoints) {
    for (const name of point.fullName ?? []) if (name.kind === 'uri' && /^https?:\/\//i.test(name.text)) urls.push(name.text);
  }
  return urls;
}

// A name as a comparable string: directory names by RDN keys, the rest by form and text.
function nameKeys(names: readonly GeneralName[], relativeTo: readonly string[] | null, relative: string | null): string[] {
  if (relative !== null) return relativeTo ? [`dn:${[...relativeTo, relative].join('/')}`] : [];
  return names.map((n) => (n.kind === 'dn' ? `dn:${(n.rdns ?? []).join('/')}` : `${n.kind}:${n.text}`));
}

/** The names of a certificate's distribution point (relative names resolve against the CRL issuer, RFC 5280 4.2.1.13). */
function pointNames(point: DistributionPoint, cert: CertView): string[] {
  const crlIssuerRdns = point.crlIssuer?.find((n) => n.kind === 'dn')?.rdns ?? null;
  const base = crlIssuerRdns ?? issuerRdnsOf(cert);
  return nameKeys(point.fullName ?? [], base, point.relativeName);
}

function issuerRdnsOf(cert: CertView): string[] | null {
  return cert.decoded.facts.issuerFields.length === 0 ? null : cert.issuerRdns;
}

/** Whether the CRL may be used for this certificate and distribution point (RFC 5280 6.3.3 (b)); a reason when not. */
export function crlApplies(crl: CrlView, cert: CertView, point: DistributionPoint): string | null {
  if (point.crlIssuer) {
    const named = point.crlIssuer.some((n) => n.kind === 'dn' && n.nameKey === crl.issuerKey);
    if (!named) return 'its issuer is not the cRLIssuer the certificate names';
    if (crl.issuerKey !== cert.issuerKey && !crl.scope?.indirect) return 'it is not an indirect CRL';
  } else if (crl.issuerKey !== cert.issuerKey) {
    return 'it was issued by another authority';
  }
  const scope = crl.scope;
  if (!scope) return null;
  if (scope.fullName || scope.relativeName !== null) {
    const idpNames = new Set(nameKeys(scope.fullName ?? [], crl.issuerRdns, scope.relativeName));
    const certNames = point.fullName || point.relativeName !== null ? pointNames(point, cert) : nameKeys(point.crlIssuer ?? [], null, null);
    if (!certNames.some((name) => idpNames.has(name))) return 'its distribution point does not match the certificate';
  }
  const isCa = cert.ext.basicConstraints?.ca === true;
  if (scope.onlyUserCerts && isCa) return 'it only covers end-entity certificates';
  if (scope.onlyCaCerts && !isCa) return 'it only covers CA certificates';
  if (scope.onlyAttributeCerts) return 'it only covers attribute certificates';
  return null;
}

/** The reasons this CRL covers for this distribution point (RFC 5280 6.3.3 (d)). */
export function reasonsCovered(crl: CrlView, point: DistributionPoint): number {
  return (crl.scope?.onlySomeReasons ?? ALL_REASONS) & (point.reasons ?? ALL_REASONS) & ALL_REASONS;
}

/** Compare CRL numbers given as uppercase hex without leading zeros. */
export function compareCrlNumbers(a: string, b: string): number {
  return a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0;
}
