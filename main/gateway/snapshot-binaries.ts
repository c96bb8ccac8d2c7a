import type { GatewaySnapshot, SnapshotSite } from '../decision/types';

/**
 * A copy of these bytes in a buffer of their own, unless they already have one. Node's advanced IPC
 * serialization (and v8.deserialize) hands typed arrays over as views into the whole message: with
 * 100,000 mappings that is a buffer of about 25 MB, which one kept trust anchor would keep alive for
 * as long as its configuration is in force. A worker's structured clone copies the whole underlying
 * buffer of a view, to the same effect.
 */
function owned(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes);
}

function siteWithOwnBinaries(site: SnapshotSite): SnapshotSite {
  return {
    ...site,
    trustedIssuers: site.trustedIssuers.map((issuer) => ({ ...issuer, der: owned(issuer.der) })),
    crls: site.crls.map(owned),
  };
}

/** The snapshot as it arrived, its DER fields (the only bytes the gateway keeps) in buffers of their own. */
export function withOwnBinaries(snapshot: GatewaySnapshot): GatewaySnapshot {
  return { ...snapshot, sites: snapshot.sites.map(siteWithOwnBinaries) };
}
