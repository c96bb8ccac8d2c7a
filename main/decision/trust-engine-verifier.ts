import type { ChainVerifier } from './chain-verifier';

/** The product's trust engine behind the ChainVerifier interface (main/services/trust). TEMPORARY stub. */
export const trustEngineVerifier: ChainVerifier = {
  compile() {
    throw new Error('the trust engine (main/services/trust) is not available yet');
  },
};
