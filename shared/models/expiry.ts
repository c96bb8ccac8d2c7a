import { z } from 'zod';
import { storeNameSchema } from './certificate';

/** How far ahead the console warns when nothing was set (IIS's Certificate Expiration Notification uses 30 days too). */
export const DEFAULT_EXPIRY_LEAD_DAYS = 30;
export const expiryLeadDaysSchema = z.number().int().min(1).max(3650);

/** What expires: a server certificate, a client certificate, an authority (root or intermediate) certificate, or a CRL's next update. */
export const EXPIRY_KINDS = ['server', 'client', 'authority', 'crl'] as const;
export const expiryKindSchema = z.enum(EXPIRY_KINDS);
export type ExpiryKind = z.infer<typeof expiryKindSchema>;

/** Where something that expires is used, in words the console and the CLI print as they are. */
export const expiryUseSchema = z.object({
  kind: z.enum(['binding', 'mapping', 'trusted-issuer', 'chain', 'crl-issuer']),
  siteName: z.string().nullable(),
  /** "https://127.0.0.1:8443 of site Shop", "one-to-one mapping to alice on site Shop", ... */
  text: z.string(),
});
export type ExpiryUse = z.infer<typeof expiryUseSchema>;

/** One thing on the expiry timeline. */
export const expiryItemSchema = z.object({
  kind: expiryKindSchema,
  /** SHA-256 of the certificate, or of the CRL. */
  sha256: z.string(),
  /** Display name of a certificate; the issuer of a CRL. */
  name: z.string(),
  subject: z.string(),
  /** Certificates only. */
  store: storeNameSchema.nullable(),
  serial: z.string().nullable(),
  /** notAfter of a certificate, nextUpdate of a CRL. */
  expiresAt: z.string(),
  /** Whole days from now until expiresAt, rounded down; negative once expired. */
  daysLeft: z.number(),
  expired: z.boolean(),
  usedBy: z.array(expiryUseSchema),
});
export type ExpiryItem = z.infer<typeof expiryItemSchema>;

/** The warning the console's banner and the desktop notification carry. */
export const expiryWarningSchema = z.object({
  /** Certificates in use that expire within the lead time and have not expired yet. */
  expiring: z.number(),
  /** Certificates in use that have already expired. */
  expired: z.number(),
  /** CRLs in use past their next update. */
  staleCrls: z.number(),
  /** "3 certificates expire within 30 days; 1 has expired", or null when there is nothing to say. */
  message: z.string().nullable(),
});
export type ExpiryWarning = z.infer<typeof expiryWarningSchema>;

export const expiryOverviewSchema = z.object({
  now: z.string(),
  leadDays: z.number(),
  items: z.array(expiryItemSchema),
  warning: expiryWarningSchema,
});
export type ExpiryOverview = z.infer<typeof expiryOverviewSchema>;
