import { z } from 'zod';

/** The four stores, named as Windows names them in certlm.msc. */
export const STORE_NAMES = ['root', 'intermediate', 'client', 'server'] as const;
export const storeNameSchema = z.enum(STORE_NAMES);
export type StoreName = z.infer<typeof storeNameSchema>;

export const STORE_LABELS: Record<StoreName, string> = {
  root: 'Trusted Root Certification Authorities',
  intermediate: 'Intermediate Certification Authorities',
  client: 'Client Certificates',
  server: 'Server (Personal)',
};

export const sha256HexSchema = z
  .string()
  .regex(/^[0-9a-f]{64}$/i, 'expected a SHA-256 fingerprint: 64 hexadecimal characters')
  .transform((s) => s.toLowerCase());

/** One attribute of a distinguished name, in certificate order (multi-valued fields repeat). */
export const nameFieldSchema = z.object({
  /** Short name as IIS shows it (CN, OU, O, L, S, C, E, DC, UID, ...) or the dotted OID if unknown. */
  type: z.string(),
  oid: z.string(),
  value: z.string(),
});
export type NameField = z.infer<typeof nameFieldSchema>;

export const SAN_TYPES = ['dns', 'ip', 'email', 'upn', 'uri', 'dn', 'other'] as const;
export const sanSchema = z.object({ type: z.enum(SAN_TYPES), value: z.string() });
export type SubjectAltName = z.infer<typeof sanSchema>;

/** What the list shows: computed once at import, never by re-parsing. */
export const certificateSummarySchema = z.object({
  sha256: z.string(),
  sha1: z.string(),
  subject: z.string(),
  issuer: z.string(),
  /** Best display name: subject CN, else first SAN, else the whole subject. */
  displayName: z.string(),
  serial: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  store: storeNameSchema,
  isCA: z.boolean(),
  selfSigned: z.boolean(),
  hasPrivateKey: z.boolean(),
  keyAlgorithm: z.string(),
  importedAt: z.string(),
});
export type CertificateSummary = z.infer<typeof certificateSummarySchema>;

/** Why a stored certificate counts as revoked: the CRLs in the store, or the local authority's register. */
export const certificateRevocationSchema = z.object({
  /** When it was revoked (ISO 8601): the CRL entry's revocationDate, or the register's. */
  at: z.string(),
  /** RFC 5280 CRLReason name (keyCompromise, superseded, ...); null when the CRL entry gives none. */
  reason: z.string().nullable(),
  /** What says so, for people: the CRL (issuer, this update) or the local authority. */
  source: z.string(),
});
export type CertificateRevocation = z.infer<typeof certificateRevocationSchema>;

/** A revocation in one plain line, as the CLI and the certificate's path state it: "2026-12-03 (keyCompromise), by <source>". */
export const revocationSummary = (revoked: CertificateRevocation): string => `${revoked.at.slice(0, 10)} (${revoked.reason ?? 'no reason given'}), by ${revoked.source}`;

/**
 * The renewal that replaced a certificate, as the renewal wizard records it on the old certificate when
 * the new one is installed (Windows keeps such a link on the old certificate too, CERT_RENEWAL_PROP_ID).
 */
export const certificateRenewalSchema = z.object({
  /** SHA-256 of the certificate that replaced this one. */
  renewedBy: z.string().regex(/^[0-9a-f]{64}$/),
  /** When the new certificate was installed (ISO 8601). */
  at: z.string().datetime(),
  /**
   * When the renewal's last step was done: the bindings and mappings moved, or left on this certificate
   * by choice. Null while it waits at Verify bindings: the console offers Finish Renewal… until then.
   */
  finishedAt: z.string().datetime().nullable(),
});
export type CertificateRenewal = z.infer<typeof certificateRenewalSchema>;

/** A row of the certificate list: the stored summary, the revocation status computed from the store's CRLs, and the renewal that replaced it. */
export const certificateListItemSchema = certificateSummarySchema.extend({
  revoked: certificateRevocationSchema.nullable(),
  renewal: certificateRenewalSchema.nullable(),
});
export type CertificateListItem = z.infer<typeof certificateListItemSchema>;

export const chainLinkSchema = z.object({
  sha256: z.string().nullable(),
  subject: z.string(),
  /** Why this link is or is not good: 'ok', 'expired', 'not-yet-valid', 'bad-signature', 'issuer-missing', 'untrusted-root'. */
  status: z.string(),
});

export const chainSchema = z.object({
  /** 'ok' when the chain ends in a Trusted Root and every link is valid now. */
  status: z.enum(['ok', 'partial', 'untrusted', 'invalid']),
  message: z.string(),
  links: z.array(chainLinkSchema),
});
export type Chain = z.infer<typeof chainSchema>;

/** Everything parsed from one certificate, computed once at import. */
export const certificateFactsSchema = z.object({
  subjectFields: z.array(nameFieldSchema),
  issuerFields: z.array(nameFieldSchema),
  subjectAltNames: z.array(sanSchema),
  version: z.number(),
  signatureAlgorithm: z.string(),
  keySize: z.number().nullable(),
  keyUsage: z.array(z.string()),
  extendedKeyUsage: z.array(z.object({ oid: z.string(), name: z.string() })),
  basicConstraints: z.object({ ca: z.boolean(), pathLength: z.number().nullable() }).nullable(),
  subjectKeyIdentifier: z.string().nullable(),
  authorityKeyIdentifier: z.string().nullable(),
  crlDistributionPoints: z.array(z.string()),
  policies: z.array(z.string()),
});
export type CertificateFacts = z.infer<typeof certificateFactsSchema>;

export const certificateDetailsSchema = certificateSummarySchema.extend({
  facts: certificateFactsSchema,
  daysLeft: z.number(),
  pem: z.string(),
  chain: chainSchema,
  /** The status the list shows for it (CertificateListItem.revoked). */
  revoked: certificateRevocationSchema.nullable(),
  /**
   * The CRLs in the store from this certificate's issuer that the status was checked against, worded
   * as a revocation's source; empty when there is none, and then "not revoked" is not known.
   */
  revocationCheckedAgainst: z.array(z.string()),
  /** The renewal that replaced it (CertificateListItem.renewal). */
  renewal: certificateRenewalSchema.nullable(),
});
export type CertificateDetails = z.infer<typeof certificateDetailsSchema>;
/** The revocation part of the details: computed only where it is shown, as it may have to read the store's CRLs. */
export type CertificateRevocationStatus = Pick<CertificateDetails, 'revoked' | 'revocationCheckedAgainst'>;
/** What the details add to the stored certificate: computed only where they are shown. */
export type CertificateStatusDetails = CertificateRevocationStatus & Pick<CertificateDetails, 'renewal'>;

export const crlSummarySchema = z.object({
  sha256: z.string(),
  issuer: z.string(),
  thisUpdate: z.string(),
  nextUpdate: z.string().nullable(),
  revokedCount: z.number(),
  importedAt: z.string(),
});
export type CrlSummary = z.infer<typeof crlSummarySchema>;

export const EXPORT_FORMATS = ['pem', 'der', 'p7b'] as const;
export const exportFormatSchema = z.enum(EXPORT_FORMATS);
export type ExportFormat = z.infer<typeof exportFormatSchema>;
