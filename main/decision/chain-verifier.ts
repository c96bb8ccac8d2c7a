import type { VerifyResult } from '../../shared/models/decision';
import type { FolderSecurity } from './types';

/** strict (default), cached CRL only, off: the folder's revocation mode (mapping-spec section 5). */
export type RevocationMode = FolderSecurity['revocation'];

/** What verifying one presented chain gives: cert verify's result plus the CRLs that were needed but absent. */
export type TrustOutcome = VerifyResult & { missingCrls: string[] };

/** One site's compiled trust list: anchors, helper intermediates and CRLs, built once per snapshot. */
export interface SiteTrust {
  /** Inputs the trust engine could not read and left out (shown by what-if). */
  readonly notices?: readonly string[];
  verify(leafDer: Uint8Array, presented: readonly Uint8Array[], options: { at: Date; revocation: RevocationMode }): TrustOutcome;
}

/**
 * The trust engine as the decision engine needs it. Kept this small so the decision engine does not
 * depend on how chains are built; the real one is main/services/trust (see trust-engine-verifier.ts).
 */
export interface ChainVerifier {
  compile(input: { anchors: Uint8Array[]; intermediates: Uint8Array[]; crls: Uint8Array[] }): SiteTrust;
}
