import { compileSnapshot, prepareSnapshot, type PreparedEngine } from '../../decision';
import type { Services } from '../create-services';

/**
 * One prepared decision engine per version of the documents: what-if in the console calls it again
 * and again, and recompiling 100,000 mappings each time would be wasted work.
 */
export function createEngineCache(sources: Services['snapshotSources']): () => PreparedEngine {
  let cached: { config: object; certificates: object; engine: PreparedEngine } | undefined;
  let version = 0;
  return () => {
    const current = sources();
    if (cached?.config !== current.config || cached.certificates !== current.certificates) {
      const engine = prepareSnapshot(compileSnapshot({ ...current, version: ++version }));
      cached = { config: current.config, certificates: current.certificates, engine };
    }
    return cached.engine;
  };
}
