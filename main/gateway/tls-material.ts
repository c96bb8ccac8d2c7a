import { createSecureContext, type SecureContext, type SecureContextOptions } from 'node:tls';
import type { SnapshotSite } from '../decision/types';

/** DER -> PEM (64-column Base64), the form OpenSSL's context options take. */
export function pemOf(der: Uint8Array, label = 'CERTIFICATE'): string {
  const base64 = Buffer.from(der.buffer, der.byteOffset, der.byteLength).toString('base64');
  return `-----BEGIN ${label}-----\n${base64.replace(/.{64}/g, '$&\n').replace(/\n$/, '')}\n-----END ${label}-----\n`;
}

/** What one site serves TLS with on one binding: its server certificate and its trust list. */
export interface TlsMaterial {
  /** Same key, same context: server certificate SHA-256 plus the trusted issuers' SHA-256s. */
  key: string;
  options: SecureContextOptions;
  context: SecureContext;
}

/** The server certificate a binding uses: its own, else the site's (Binding.certificateSha256). */
export function serverCertificateOf(site: SnapshotSite, bindingCertificate: string | null): string | null {
  return bindingCertificate ?? site.site.serverCertificateSha256;
}

/**
 * Secure contexts by content, kept across snapshots: building one parses PEM and keys, so a
 * configuration change that leaves a site's certificate and trust list alone reuses its context.
 */
export class TlsMaterialCache {
  private entries = new Map<string, TlsMaterial>();
  private used = new Map<string, TlsMaterial>();

  /** The material for this site and certificate, or why there is none. */
  get(site: SnapshotSite, certificateSha256: string | null): TlsMaterial | { error: string } {
    if (!certificateSha256) return { error: `site "${site.site.name}" has an https binding but no server certificate` };
    const server = site.serverCertificates[certificateSha256];
    if (!server) return { error: `server certificate ${certificateSha256} of site "${site.site.name}" or its private key is not in the store` };
    const key = [certificateSha256, ...site.trustedIssuers.map((i) => i.sha256)].join('|');
    let material = this.used.get(key) ?? this.entries.get(key);
    if (!material) {
      // `ca` is the site's trust list: Node names every one of them in the CertificateRequest (and
      // only them), which is what clients choose their certificate by (KB Q194788). An empty list
      // sends no names, and clients then offer any certificate.
      const ca = site.trustedIssuers.map((issuer) => pemOf(issuer.der));
      const options: SecureContextOptions = {
        cert: server.certificatePem + server.chainPem.join(''),
        key: server.keyPem,
        ca: ca.length > 0 ? ca : undefined,
        minVersion: 'TLSv1.2',
      };
      try {
        material = { key, options, context: createSecureContext(options) };
      } catch (error) {
        return { error: `server certificate ${certificateSha256} of site "${site.site.name}" cannot be used: ${(error as Error).message}` };
      }
    }
    this.used.set(key, material);
    return material;
  }

  /** Forget contexts the last snapshot did not use (call once per snapshot, after every get). */
  sweep(): void {
    this.entries = this.used;
    this.used = new Map();
  }
}
