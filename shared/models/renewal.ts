import { z } from 'zod';
import { bindingKeySchema, bindingRowSchema } from './binding';
import { certificateRenewalSchema, sha256HexSchema } from './certificate';
import { keyAlgorithmSchema, pendingRequestSchema, requestSanSchema } from './key';

/**
 * The renewal wizard (KB Q277893, modernised): pick a certificate, keep its key or make a new one,
 * edit the prefilled subject and SANs, have the local authority sign or save a request for another
 * authority, install, then move every binding and one-to-one mapping that used the old certificate.
 */

/** A one-to-one mapping that names the certificate being renewed (it moves to the new one). */
export const renewalMappingSchema = z.object({ siteId: z.string(), siteName: z.string(), mappingId: z.string(), account: z.string() });
export type RenewalMapping = z.infer<typeof renewalMappingSchema>;

/** A binding to move, named by its site and its address:port:host. */
export const renewalBindingRefSchema = bindingKeySchema.extend({ siteId: z.string() });
export type RenewalBindingRef = z.infer<typeof renewalBindingRefSchema>;

/** The certificate a renewal produced. */
export const renewedCertificateSchema = z.object({ sha256: z.string(), subject: z.string(), serial: z.string(), notAfter: z.string() });

/** What the wizard prefills for one certificate, and where it is used. */
export const renewalPlanSchema = z.object({
  sha256: z.string(),
  displayName: z.string(),
  subject: z.string(),
  serial: z.string(),
  notAfter: z.string(),
  daysLeft: z.number(),
  /** server: serverAuth (bindings); client: clientAuth only (mappings). The local authority signs with this profile. */
  profile: z.enum(['server', 'client']),
  /** The SANs of the certificate that a request can carry (DNS, IP, email, UPN, URI). */
  subjectAltNames: z.array(requestSanSchema),
  /** The key algorithm a new key gets by default: the old key's, when CertMapper can make that kind. */
  algorithm: keyAlgorithmSchema,
  keyAlgorithmName: z.string(),
  /** Null when the same key can be kept; else why not (no private key in the vault). */
  sameKeyUnavailable: z.string().nullable(),
  /** Null when the local authority can sign this renewal; else why not. */
  localAuthorityUnavailable: z.string().nullable(),
  issuedByLocalAuthority: z.boolean(),
  /** The account of a client certificate the local authority issued for someone. */
  account: z.string().nullable(),
  bindings: z.array(bindingRowSchema),
  mappings: z.array(renewalMappingSchema),
  /** A renewal request of this certificate already waiting for its reply. */
  pendingRequest: pendingRequestSchema.nullable(),
  /**
   * The certificate that already replaced this one, when (the stored renewal link) and whether its
   * bindings were dealt with: while finishedAt is null the wizard resumes at Verify bindings.
   */
  renewedBy: certificateRenewalSchema.omit({ renewedBy: true }).extend({ certificate: renewedCertificateSchema }).nullable(),
});
export type RenewalPlan = z.infer<typeof renewalPlanSchema>;

export const renewInputSchema = z.object({
  sha256: sha256HexSchema,
  /** IIS's choice: a new key (the default; the old one may have been exposed for years) or the same key. */
  key: z.enum(['new', 'same']).default('new'),
  algorithm: keyAlgorithmSchema.optional(),
  /** RFC 4514 as the store shows it; default: the old certificate's subject. */
  subject: z.string().min(1).max(2048).optional(),
  /** Default: the old certificate's SANs. */
  subjectAltNames: z.array(requestSanSchema).max(200).optional(),
  /** local: the local authority signs now and the certificate is installed; request: a PKCS#10 request to send elsewhere. */
  via: z.enum(['local', 'request']),
  days: z.number().int().min(1).max(3650).optional(),
});
export type RenewInput = z.input<typeof renewInputSchema>;

export const renewResultSchema = z.discriminatedUnion('stage', [
  /** The request waits for another authority's reply (install it with keys.install: the wizard continues there). */
  z.object({ stage: z.literal('pending'), previous: z.string(), request: pendingRequestSchema }),
  /** Signed by the local authority and installed: next, the bindings and mappings to move. */
  z.object({ stage: z.literal('installed'), previous: z.string(), certificate: renewedCertificateSchema }),
]);
export type RenewResult = z.infer<typeof renewResultSchema>;

export const rebindInputSchema = z.object({
  from: sha256HexSchema,
  to: sha256HexSchema,
  /** The bindings to move (the wizard checks every one by default). */
  bindings: z.array(renewalBindingRefSchema).max(10_000),
  /** Move the one-to-one mappings of the old certificate to the new one. */
  moveMappings: z.boolean().default(true),
});
export type RebindInput = z.input<typeof rebindInputSchema>;

export const rebindResultSchema = z.object({
  rebound: z.array(bindingRowSchema),
  /** Sites whose own server certificate (the one their bindings inherit) is now the new one. */
  siteCertificatesChanged: z.array(z.string()),
  mappingsMoved: z.array(renewalMappingSchema),
  /** Bindings that still present the old certificate (left unchecked). */
  remaining: z.array(bindingRowSchema),
});
export type RebindResult = z.infer<typeof rebindResultSchema>;
