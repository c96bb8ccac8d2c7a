import type { Decision } from '../../shared/models/decision';
import type { Binding, FolderSecurity, IdentityHeaders, Site, SiteContent } from '../../shared/models/site';

/**
 * What the gateway process receives on every configuration change: plain, structured-cloneable data
 * (postMessage), compiled in the main process from config.json, certificates.json and the vault.
 * The gateway turns it into a PreparedSnapshot (indexes, matchers, trust contexts) once per version.
 */
export interface GatewaySnapshot {
  version: number;
  sites: SnapshotSite[];
  /** account name -> its groups (for authorization). */
  accounts: Record<string, string[]>;
}

export interface SnapshotSite {
  site: Site;
  /** PEM of the site's server certificate (and, per binding, of the binding's own, by SHA-256). */
  serverCertificates: Record<string, { certificatePem: string; keyPem: string; chainPem: string[] }>;
  /** DER of the site's trusted issuers (roots and intermediates): what the CertificateRequest names. */
  trustedIssuers: { sha256: string; der: Uint8Array; subject: string; isRoot: boolean }[];
  /** Every CRL in the store (DER), for revocation. */
  crls: Uint8Array[];
  /** Mapping id -> password from the vault, forwarded upstream as HTTP Basic. Never written to disk. */
  mappingPasswords: Record<string, string>;
}

/** A presented client certificate: the leaf and whatever chain the client sent, as DER. */
export interface PresentedCertificate {
  der: Uint8Array;
  chain: Uint8Array[];
  /**
   * Instead of `chain` (then empty), where reading the chain costs: the gateway reads it from the
   * TLS connection only when the site's trusted issuers and the store's intermediates make no valid
   * path without it (gateway-connection.ts). Returns the same array on every call.
   */
  readChain?(): Uint8Array[];
}

/** Computed once per TLS connection (never per request): who the certificate is, for one site. */
export interface ConnectionIdentity {
  readonly siteId: string;
  readonly certificate: { sha256: string; subject: string } | null;
  /** Internal per-connection state of the decision engine (trust results per revocation mode, mapping). */
  readonly state: unknown;
}

/** One request as the gateway sees it. */
export interface RequestFacts {
  tls: boolean;
  path: string;
  at: Date;
}

/** A decision plus what the audit log and the detailed error body need. */
export interface GatewayDecision extends Decision {
  /** The step that refused ('client-certificate', 'trust', 'validity', 'revocation', 'mapping', 'authorization', 'tls'), or null. */
  failedStep: string | null;
  /** Password to forward upstream as HTTP Basic for the mapping that decided, if it has one. */
  forwardPassword: string | null;
}

/** The prepared, immutable form of a snapshot: the decision engine's API. */
export interface DecisionEngine {
  readonly version: number;
  site(siteId: string): { site: Site; effectiveSecurity(path: string): FolderSecurity } | undefined;
  identify(siteId: string, presented: PresentedCertificate | null, at: Date): ConnectionIdentity;
  decide(identity: ConnectionIdentity, request: RequestFacts): GatewayDecision;
  /**
   * The http(s) CRL distribution points worth fetching before deciding `path` on this connection:
   * only where the folder checks the certificate in strict revocation mode and the verdict is
   * "revocation unknown" for lack of those CRLs (cached mode never waits on the network).
   */
  crlsToFetch(identity: ConnectionIdentity, path: string): string[];
  /** A new engine whose site `siteId` trusts the store's CRLs plus `crls` (replacing those given before). */
  withCrls(siteId: string, crls: readonly Uint8Array[]): DecisionEngine;
}

export type { Binding, FolderSecurity, IdentityHeaders, SiteContent };
