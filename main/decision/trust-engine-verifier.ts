import { compileTrustContext, verify } from '../services/trust';
import type { ChainVerifier } from './chain-verifier';

/** The product's trust engine (main/services/trust) behind the ChainVerifier interface, for client authentication. */
export const trustEngineVerifier: ChainVerifier = {
  compile(input) {
    const context = compileTrustContext(input);
    return {
      notices: context.notices,
      verify: (leafDer, presented, { at, revocation, leaf }) =>
        verify(context, leafDer, presented, { at, purpose: 'client', revocation, leafSha256: leaf?.sha256, leafDecoded: leaf?.decoded ?? undefined }),
    };
  },
};
