import { z } from 'zod';
import { sha256HexSchema } from './certificate';

/** Key algorithms the local authority can create its own keys and its client keys with. */
export const AUTHORITY_KEY_ALGORITHMS = ['ec-p256', 'ec-p384', 'rsa-2048', 'rsa-3072', 'rsa-4096'] as const;
export const authorityKeyAlgorithmSchema = z.enum(AUTHORITY_KEY_ALGORITHMS);
export type AuthorityKeyAlgorithm = z.infer<typeof authorityKeyAlgorithmSchema>;

/**
 * RFC 5280 section 5.3.1 CRLReason codes a revocation may carry. removeFromCRL (8) only exists in delta
 * CRLs and certificateHold (6) only makes sense with a release, which the local authority does not
 * offer: a revocation here is final.
 */
export const REVOCATION_REASON_CODES = {
  unspecified: 0,
  keyCompromise: 1,
  cACompromise: 2,
  affiliationChanged: 3,
  superseded: 4,
  cessationOfOperation: 5,
  privilegeWithdrawn: 9,
  aACompromise: 10,
} as const;
export type RevocationReason = keyof typeof REVOCATION_REASON_CODES;
export const REVOCATION_REASONS = Object.keys(REVOCATION_REASON_CODES) as [RevocationReason, ...RevocationReason[]];
export const revocationReasonSchema = z.enum(REVOCATION_REASONS);

/** What a certificate the authority signs is for: the EKU, key usage and name rules follow from it. */
export const ISSUE_PROFILES = ['client', 'server'] as const;
export const issueProfileSchema = z.enum(ISSUE_PROFILES);
export type IssueProfile = z.infer<typeof issueProfileSchema>;

/** The authority's own certificates: the root, and the intermediate that issues when there is one. */
export const caCertificateSchema = z.object({
  role: z.enum(['root', 'intermediate']),
  sha256: z.string(),
  subject: z.string(),
  serial: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  keyAlgorithm: authorityKeyAlgorithmSchema,
  /** Where this CA's CRL is published (named as the CDP of what it issues). */
  crlUrl: z.string(),
  crl: z.object({
    number: z.number().int(),
    thisUpdate: z.string(),
    nextUpdate: z.string(),
    revokedCount: z.number().int(),
    sha256: z.string(),
  }),
});
export type CaCertificate = z.infer<typeof caCertificateSchema>;

export const authorityInfoSchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  /** How long each CRL is valid; it is reissued when half of that has passed (and on every revocation). */
  crlValiditySeconds: z.number().int().positive(),
  root: caCertificateSchema,
  intermediate: caCertificateSchema.nullable(),
  /** SHA-256 of the certificate that signs what the authority issues (the intermediate if any, else the root). */
  issuingSha256: z.string(),
  issuedCount: z.number().int(),
  revokedCount: z.number().int(),
});
export type AuthorityInfo = z.infer<typeof authorityInfoSchema>;

/** One certificate the authority issued, with its status today. */
export const issuedCertificateSchema = z.object({
  sha256: z.string(),
  serial: z.string(),
  subject: z.string(),
  profile: z.enum(['client', 'server', 'ca']),
  /** The account it was issued for (client certificates issued with `ca issue`), else null. */
  account: z.string().nullable(),
  issuerSha256: z.string(),
  issuedAt: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  status: z.enum(['valid', 'revoked', 'expired']),
  revokedAt: z.string().nullable(),
  reason: revocationReasonSchema.nullable(),
});
export type IssuedCertificate = z.infer<typeof issuedCertificateSchema>;

/** A CRL file as the CLI and the console download it. */
export const crlFileSchema = z.object({
  fileName: z.string(),
  contentBase64: z.string(),
  number: z.number().int(),
  thisUpdate: z.string(),
  nextUpdate: z.string(),
  url: z.string(),
});
export type CrlFile = z.infer<typeof crlFileSchema>;

/** Shortest CRL validity accepted: tests use seconds, production days (default 7). */
export const MIN_CRL_VALIDITY_SECONDS = 2;
export const DEFAULT_CRL_VALIDITY_SECONDS = 7 * 86_400;

const days = z.number().int().min(1).max(3650);

/** `ca init`: every field optional (a default authority is an ECDSA P-256 root that issues itself). */
export const authorityInitInputSchema = z
  .object({
    name: z.string().trim().min(1).max(64).optional(),
    algorithm: authorityKeyAlgorithmSchema.default('ec-p256'),
    intermediate: z.boolean().default(false),
    /** The issuing CA's CRL URL (http, ending in .crl); default http://127.0.0.1:8081/crl/<authority-id>.crl. */
    crlUrl: z.string().max(2048).optional(),
    crlValiditySeconds: z.number().int().min(MIN_CRL_VALIDITY_SECONDS).max(366 * 86_400).optional(),
  })
  .strict();

/** `ca issue`: a key, a client certificate and its PKCS#12 for an account, optionally mapped on a site. */
export const issueClientInputSchema = z
  .object({
    account: z.string().min(1).max(256),
    /** Default: CN=<account>. */
    subject: z.string().min(1).max(1024).optional(),
    password: z.string().min(1, 'the PKCS#12 file needs a password').max(1024),
    mapSite: z.string().min(1).max(256).optional(),
    days: days.optional(),
    algorithm: authorityKeyAlgorithmSchema.optional(),
  })
  .strict();

export const issueClientResultSchema = z.object({
  certificate: issuedCertificateSchema,
  fileName: z.string(),
  pfxBase64: z.string(),
  certificatePem: z.string(),
  mapping: z.object({ site: z.string(), id: z.string() }).nullable(),
  trustedIssuersAdded: z.array(z.string()),
});

/** `ca sign`: a PKCS#10 request file (PEM, Base64 or DER, as base64 of the file). */
export const signRequestInputSchema = z
  .object({
    requestBase64: z.string().min(1).max(1_000_000),
    profile: issueProfileSchema.default('client'),
    days: days.optional(),
  })
  .strict();

export const signRequestResultSchema = z.object({
  certificate: issuedCertificateSchema,
  fileName: z.string(),
  /** The certificate, then the intermediate that issued it when there is one (not the root). */
  certificatePem: z.string(),
});

export const revokeInputSchema = z.object({ sha256: sha256HexSchema, reason: revocationReasonSchema.default('unspecified') }).strict();
export const revokeResultSchema = z.object({ certificate: issuedCertificateSchema, crl: crlFileSchema });
