import type { DecodedCertificate } from '../services/certificates/codec';
import type { RevocationMode, TrustOutcome } from './chain-verifier';
import { FieldValues, type CertificateView } from './certificate-fields';
import type { MappingOutcome } from './mapping-outcome';
import type { PreparedSite } from './prepared-site';
import type { PresentedCertificate } from './types';

/** The presented certificate decoded once, or why it could not be. */
export type DecodedPresented = { decoded: DecodedCertificate; error: null } | { decoded: null; error: string };

/** A presented certificate as the facts cache keeps it: decoded once, with its SHA-256 and the identity connections report. */
export type PresentedFacts = DecodedPresented & { readonly sha256: string; readonly identity: { readonly sha256: string; readonly subject: string } };

/**
 * Per-connection state behind ConnectionIdentity.state: the certificate decoded once, trust results
 * per revocation mode and the mapping result, each computed on first need and then kept, so a
 * keep-alive connection pays for them once (architecture.md: "never per request").
 */
export class ConnectionState implements CertificateView {
  // One slot per revocation mode: a Map per connection would cost more than the three fields.
  private readonly trustByMode: Partial<Record<RevocationMode, TrustOutcome>> = {};
  private mappingResult: MappingOutcome | undefined;
  private fieldValues: FieldValues | undefined;
  /** The same connection seen by a newer engine after a snapshot swap (see prepare-snapshot.ts). */
  rebound: { owner: object; state: ConnectionState } | undefined;

  constructor(
    readonly owner: object,
    readonly siteId: string,
    readonly site: PreparedSite | undefined,
    readonly presented: PresentedCertificate | null,
    readonly certificate: PresentedFacts | null,
    /** The handshake time: trust is judged once per connection, at this moment. */
    readonly at: Date,
  ) {}

  get decoded(): DecodedCertificate {
    const decoded = this.certificate?.decoded;
    if (!decoded) throw new Error('ConnectionState.decoded read without a decoded certificate');
    return decoded;
  }

  /** The trust engine's verdict for this revocation mode, computed once. */
  trust(mode: RevocationMode): TrustOutcome {
    return (this.trustByMode[mode] ??= this.verify(mode));
  }

  /** The issuing CA as found in the chain (rule field issuer.sha256); reuses any chain already built. */
  issuerSha256(): string | null {
    const built = Object.values(this.trustByMode).find((o) => o.chain.length > 1) ?? this.trust('off');
    return built.chain[1] ?? null;
  }

  /** The chain the client sent (read from the connection if it was not given). */
  sentChain(): readonly Uint8Array[] {
    return this.presented?.readChain?.() ?? this.presented?.chain ?? [];
  }

  /** The certificate's rule field values, each read once per connection. */
  fields(): FieldValues {
    return (this.fieldValues ??= new FieldValues(this));
  }

  /** The mapping result for this certificate on this site, computed once. */
  mapping(compute: (state: ConnectionState) => MappingOutcome): MappingOutcome {
    return (this.mappingResult ??= compute(this));
  }

  private verify(mode: RevocationMode): TrustOutcome {
    const fail = (message: string): TrustOutcome => ({ valid: false, code: 'invalid', message, chain: [], missingCrls: [] });
    if (!this.presented || !this.certificate) return fail('no certificate was presented');
    if (this.certificate.error !== null) return fail(`the certificate cannot be read: ${this.certificate.error}`);
    if (!this.site) return fail('unknown site');
    const trust = this.site.trust;
    if ('error' in trust) return fail(trust.error);
    try {
      const options = { at: this.at, revocation: mode, leaf: this.certificate };
      const outcome = trust.verify(this.presented.der, this.presented.chain, options);
      // A path from the trusted issuers and known intermediates is valid whatever else the client
      // sent; only without one does the chain it sent get read, and tried.
      if (outcome.valid || !this.presented.readChain) return outcome;
      const sent = this.presented.readChain();
      return sent.length > 0 ? trust.verify(this.presented.der, sent, options) : outcome;
    } catch (error) {
      return fail(`verification failed: ${(error as Error).message}`);
    }
  }
}
