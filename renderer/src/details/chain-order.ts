import type { Chain } from '../../../shared/ipc';

/** The chain's links root first (as Windows' Certification Path shows it), whichever order main sent. */
export function topDownLinks(chain: Chain, leafSha256: string): Chain['links'] {
  const first = chain.links[0];
  return first && first.sha256 === leafSha256 && chain.links.length > 1 ? [...chain.links].reverse() : chain.links;
}
