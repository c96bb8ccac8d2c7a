import type { CrlFetcher } from '../services/trust';

/** What one round of fetching gave a site: its new extra CRLs when they changed, and each URL that failed with why. */
export interface CrlFetchResult {
  /** Every CRL fetched for the site so far (one per URL), when this round changed them; null if nothing changed. */
  changed: Uint8Array[] | null;
  failures: ReadonlyMap<string, string>;
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => a === b || Buffer.compare(a, b) === 0;

/**
 * CRLs the gateway fetched from CRL distribution points (mapping-spec section 5), per site and per
 * URL. The fetcher caches each CRL until its nextUpdate, backs off after a failure and shares
 * concurrent requests for one URL; this keeps, per site, the latest CRL each URL gave, so that the
 * site's trust context can be compiled with `store CRLs + these` once per new CRL (not per connection).
 */
export class CrlDistribution {
  private readonly bySite = new Map<string, Map<string, Uint8Array>>();

  constructor(private readonly fetcher: CrlFetcher) {}

  /** The extra CRLs of every site of a new snapshot (prepareSnapshot's extraCrls); sites no longer there are forgotten. */
  forSites(siteIds: readonly string[]): Map<string, Uint8Array[]> {
    const keep = new Set(siteIds);
    for (const id of this.bySite.keys()) if (!keep.has(id)) this.bySite.delete(id);
    return new Map([...this.bySite].map(([id, crls]) => [id, [...crls.values()]]));
  }

  /**
   * Fetch `urls` for a site, all at once (each bounded by the fetcher's timeout). A CRL still cached
   * comes back at once; a failure within the back-off is answered without asking the network again.
   */
  async fetch(siteId: string, urls: readonly string[]): Promise<CrlFetchResult> {
    const settled = await Promise.allSettled(urls.map((url) => this.fetcher.fetch(url)));
    // From here on synchronous: two connections waiting on the same fetch change the site once.
    const failures = new Map<string, string>();
    let site = this.bySite.get(siteId);
    let changed = false;
    settled.forEach((result, i) => {
      const url = urls[i]!;
      if (result.status === 'rejected') {
        failures.set(url, (result.reason as Error).message);
        return;
      }
      const previous = site?.get(url);
      if (previous && sameBytes(previous, result.value.der)) return;
      // A newer CRL from the same URL replaces the one before (refetched after its nextUpdate).
      if (!site) this.bySite.set(siteId, (site = new Map()));
      site.set(url, result.value.der);
      changed = true;
    });
    return { changed: changed && site ? [...site.values()] : null, failures };
  }
}
