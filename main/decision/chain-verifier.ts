import type { VerifyResult } from '../../shared/models/decision';
import type { DecodedCertificate } from '../services/certificates/codec';
import type { FolderSecurity } from './types';

/** strict (default), cached CRL only, off: the folder's revocation mode (mapping-spec section 5). */
export type RevocationMode = FolderSecurity['revocation'];

/** What verifying one presented chain gives: cert verify's result plus the CRLs that were needed but absent. */
export type TrustOutcome = VerifyResult & { missingCrls: string[] };

/** One site's compiled trust list: anchors, helper intermediates and CRLs, built once per snapshot. */
export interface SiteTrust {
  /** Inputs the trust engine could not read and left out (shown by what-if). */
  readonly notices?: readonly string[];
  /** `leaf`: the leaf's SHA-256 and parsed form the caller already has (identify computes them), so neither is redone. */
  verify(leafDer: Uint8Array, presented: readonly Uint8Array[], options: { at: Date; revocation: RevocationMode; leaf?: { sha256: string; decoded: DecodedCertificate | null } }): TrustOutcome;
}

/**
 * The trust engine as the decision engine needs it. Kept this small so the decision engine does not
 * depend on how chains are built; the real one is main/services/trust (see trust-engine-verifier.ts).
 */
export interface ChainVerifier {
  compile(input: { anchors: Uint8Array[]; intermediates: Uint8Array[]; crls: Uint8Array[] }): SiteTrust;
}
