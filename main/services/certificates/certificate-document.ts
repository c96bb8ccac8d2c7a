import type { CertificateFacts, CertificateSummary, CrlSummary } from '../../../shared/ipc';

/** One certificate as stored: parsed once at import, never re-parsed to be listed. */
export interface StoredCertificate {
  summary: CertificateSummary;
  facts: CertificateFacts;
  /** DER, base64: the certificate itself; everything else is derived from it at import. */
  der: string;
  /** Canonical subject and issuer names, so chain building is a lookup. */
  subjectKey: string;
  issuerKey: string;
  /** The renewal that replaced it (absent: none). Read only through renewalOf, which validates it: the file may be edited by hand. */
  renewal?: unknown;
}

/** A CRL kept for revocation checks (used by the gateway's revocation step). */
export interface StoredCrl {
  summary: CrlSummary;
  der: string;
  issuerKey: string;
  revokedSerials: string[];
}

/** certificates.json: the whole certificate store, written in one atomic step per change. */
export interface CertificateDocument {
  version: 1;
  certificates: Record<string, StoredCertificate>;
  crls: Record<string, StoredCrl>;
}

export const emptyCertificateDocument = (): CertificateDocument => ({ version: 1, certificates: {}, crls: {} });

/** Vault id of the private key that belongs to a certificate. */
export const privateKeyId = (sha256: string): string => `certificate-key:${sha256}`;
