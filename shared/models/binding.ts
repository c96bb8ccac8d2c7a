import { z } from 'zod';
import { certificateRenewalSchema, sha256HexSchema } from './certificate';

/** What names one binding among all sites: IIS's binding information "address:port:host" plus the protocol. */
export const bindingKeySchema = z.object({
  protocol: z.enum(['https', 'http']),
  /** '*' is all addresses (IIS's "All Unassigned"). */
  address: z.string().min(1).max(64),
  port: z.number().int().min(0).max(65535),
  host: z.string().max(253).nullable(),
});
export type BindingKey = z.infer<typeof bindingKeySchema>;

/** A binding as the Site Bindings pane and `binding add` give it: the key, and the certificate of an https binding. */
export const bindingInputSchema = bindingKeySchema.extend({
  /** null: the site's server certificate. */
  certificateSha256: sha256HexSchema.nullable(),
});
export type BindingInput = z.infer<typeof bindingInputSchema>;

/**
 * The renewal that replaced a bound certificate (CertificateListItem.renewal), with what replaces it
 * today: the renewal's certificate, or the latest renewal of that one when it was renewed again.
 */
export const boundRenewalSchema = certificateRenewalSchema.extend({
  successor: z.object({ sha256: z.string(), displayName: z.string(), notAfter: z.string() }),
});
export type BoundRenewal = z.infer<typeof boundRenewalSchema>;

/** The certificate a binding presents, as the list shows it. */
export const boundCertificateSchema = z.object({
  sha256: z.string(),
  subject: z.string(),
  displayName: z.string(),
  serial: z.string(),
  notAfter: z.string(),
  daysLeft: z.number(),
  /** Stored, with its private key: the gateway can serve it. */
  usable: z.boolean(),
  /**
   * A renewal replaced it, yet the binding still presents it: while the renewal is not finished,
   * finishing it moves the binding; once finished, the binding was left here (by choice or edited
   * since), and changing its certificate is the way to the new one.
   */
  renewal: boundRenewalSchema.nullable(),
});
export type BoundCertificate = z.infer<typeof boundCertificateSchema>;

/** One row of "all bindings in one place". */
export const bindingRowSchema = bindingKeySchema.extend({
  siteId: z.string(),
  siteName: z.string(),
  /** The binding's own certificate; null when it uses the site's. */
  ownCertificateSha256: z.string().nullable(),
  /** What an https binding presents (its own, else the site's); null for http or when none is set or stored. */
  certificate: boundCertificateSchema.nullable(),
  /** A certificate is named but not in the store (deleted since): the gateway cannot serve this binding. */
  missingCertificateSha256: z.string().nullable(),
});
export type BindingRow = z.infer<typeof bindingRowSchema>;

/**
 * Why a binding cannot be saved. `duplicate`: the same address:port:host is bound already;
 * `all-addresses`: a specific address and all addresses on one port; `protocol`: http and https on
 * one address:port; `port-in-use`: another program listens there; `port-unavailable`: the system
 * refuses to listen there (no permission, or not an address of this computer).
 */
export const BINDING_CONFLICT_KINDS = ['duplicate', 'all-addresses', 'protocol', 'port-in-use', 'port-unavailable'] as const;
export const bindingConflictSchema = z.object({
  kind: z.enum(BINDING_CONFLICT_KINDS),
  /** Plain words, shown as they are by the console and the CLI. */
  message: z.string(),
  /** The configured binding it clashes with (none for a port held outside CertMapper). */
  with: bindingKeySchema.extend({ siteName: z.string() }).nullable(),
});
export type BindingConflict = z.infer<typeof bindingConflictSchema>;

/** A binding as one line of text: "https 127.0.0.1:8443 (shop.example)". */
export function bindingText(binding: BindingKey): string {
  const address = binding.address.includes(':') ? `[${binding.address}]` : binding.address;
  return `${binding.protocol}://${address}:${binding.port}${binding.host ? ` host ${binding.host}` : ''}`;
}

/** Two keys name the same binding (host names compare case-insensitively, as SNI does). */
export function sameBindingKey(a: BindingKey, b: BindingKey): boolean {
  return a.protocol === b.protocol && a.address.toLowerCase() === b.address.toLowerCase() && a.port === b.port && (a.host ?? '').toLowerCase() === (b.host ?? '').toLowerCase();
}
