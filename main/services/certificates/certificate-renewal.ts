import { certificateRenewalSchema, type CertificateRenewal } from '../../../shared/models/certificate';
import type { CertificateDocument, StoredCertificate } from './certificate-document';

/**
 * The renewal link of a stored certificate, or null: none, one that does not validate (a hand-edited
 * file must not break the list), or one whose new certificate is no longer in the store (deleted: the
 * old certificate is then simply the one there is).
 */
export function renewalOf(stored: StoredCertificate, document: CertificateDocument): CertificateRenewal | null {
  if (stored.renewal === undefined) return null;
  const parsed = certificateRenewalSchema.safeParse(stored.renewal);
  if (!parsed.success || !document.certificates[parsed.data.renewedBy]) return null;
  return parsed.data;
}

/** The document with `sha256` marked as replaced by `renewal.renewedBy`; unchanged when that certificate is not stored. */
export function withRenewal(document: CertificateDocument, sha256: string, renewal: CertificateRenewal): CertificateDocument {
  const stored = document.certificates[sha256];
  if (!stored || sha256 === renewal.renewedBy) return document;
  return { ...document, certificates: { ...document.certificates, [sha256]: { ...stored, renewal: certificateRenewalSchema.parse(renewal) } } };
}
