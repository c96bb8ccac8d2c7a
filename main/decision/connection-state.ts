import type { DecodedCertificate } from '../services/certificates/codec';
import type { RevocationMode, TrustOutcome } from './chain-verifier';
import type { CertificateView } from './certificate-fields';
import type { MappingOutcome } from './mapping-outcome';
import type { PreparedSite } from './prepared-site';
import type { PresentedCertificate } from './types';

/** The presented certificate decoded once, or why it could not be. */
export type DecodedPresented = { decoded: DecodedCertificate; error: null } | { decoded: null; error: string };

/**
 * Per-connection state behind ConnectionIdentity.state: the certificate decoded once, trust results
 * per revocation mode and the mapping result, each computed on first need and then kept, so a
 * keep-alive connection pays for them once (architecture.md: "never per request").
 */
export class ConnectionState implements CertificateView {
  private readonly trustByMode = new Map<RevocationMode, TrustOutcome>();
  private mappingResult: MappingOutcome | undefined;
  /** The same connection seen by a newer engine after a snapshot swap (see prepare-snapshot.ts). */
  rebound: { owner: object; state: ConnectionState } | undefined;

  constructor(
    readonly owner: object,
    readonly siteId: string,
    readonly site: PreparedSite | undefined,
    readonly presented: PresentedCertificate | null,
    readonly certificate: (DecodedPresented & { sha256: string }) | null,
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
    let outcome = this.trustByMode.get(mode);
    if (!outcome) {
      outcome = this.verify(mode);
      this.trustByMode.set(mode, outcome);
    }
    return outcome;
  }

  /** The issuing CA as found in the chain (rule field issuer.sha256); reuses any chain already built. */
  issuerSha256(): string | null {
    const built = [...this.trustByMode.values()].find((o) => o.chain.length > 1) ?? this.trust('off');
    return built.chain[1] ?? null;
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
      return trust.verify(this.presented.der, this.presented.chain, { at: this.at, revocation: mode });
    } catch (error) {
      return fail(`verification failed: ${(error as Error).message}`);
    }
  }
}
