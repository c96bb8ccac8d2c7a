import type { OneToOneMapping, Site } from '../../shared/models/site';
import { decodeCrlDer, type DecodedCrl } from '../services/certificates/codec';
import type { ChainVerifier, SiteTrust } from './chain-verifier';
import { buildFolderTable, type FolderTable } from './folder-table';
import { compileManyToOne, type CompiledManyToOne } from './many-to-one';
import type { SnapshotSite } from './types';

/** One site of a snapshot with everything a decision needs built in advance. */
export interface PreparedSite {
  source: SnapshotSite;
  site: Site;
  folders: FolderTable;
  /** Enabled one-to-one mappings by certificate SHA-256; empty when the collection is disabled. */
  oneToOne: ReadonlyMap<string, OneToOneMapping>;
  /** Every many-to-one mapping in order, for what-if; `active` holds only those that can decide. */
  manyToOne: readonly CompiledManyToOne[];
  activeManyToOne: readonly CompiledManyToOne[];
  /** Subject of each trusted issuer by SHA-256, to name the anchor a chain ended in. */
  issuerSubjects: ReadonlyMap<string, string>;
  /** The compiled trust list, or why it could not be compiled (every certificate is then refused 403.16). */
  trust: SiteTrust | { error: string };
  /** Every one-to-one mapping (disabled ones too) by certificate SHA-256 and by subject, for what-if's near misses; built on first use. */
  oneToOneByKey(): ReadonlyMap<string, readonly OneToOneMapping[]>;
  /** The CRLs decoded for what-if's revocation trace; decoded on first use, never on the hot path. */
  crls(): readonly DecodedCrl[];
}

function compileTrust(source: SnapshotSite, verifier: ChainVerifier): PreparedSite['trust'] {
  try {
    // Roots are the anchors; intermediates on the list help build chains (spec section 5).
    return verifier.compile({
      anchors: source.trustedIssuers.filter((i) => i.isRoot).map((i) => i.der),
      intermediates: source.trustedIssuers.filter((i) => !i.isRoot).map((i) => i.der),
      crls: source.crls,
    });
  } catch (error) {
    return { error: `the site's trust list could not be compiled: ${(error as Error).message}` };
  }
}

function decodeCrls(crls: readonly Uint8Array[]): DecodedCrl[] {
  const decoded: DecodedCrl[] = [];
  for (const der of crls) {
    try {
      decoded.push(decodeCrlDer(der));
    } catch {
      // A damaged CRL is the trust engine's to report; what-if only names the usable ones.
    }
  }
  return decoded;
}

/** sha256:<fingerprint> and subject:<subject> -> the mappings with that certificate or that subject. */
function indexOneToOne(mappings: readonly OneToOneMapping[]): Map<string, OneToOneMapping[]> {
  const index = new Map<string, OneToOneMapping[]>();
  const add = (key: string, mapping: OneToOneMapping) => {
    const list = index.get(key);
    if (list) list.push(mapping);
    else index.set(key, [mapping]);
  };
  for (const mapping of mappings) {
    add(`sha256:${mapping.certificateSha256.toLowerCase()}`, mapping);
    add(`subject:${mapping.subject}`, mapping);
  }
  return index;
}

/** Build one site's indexes: cost paid once per snapshot version, never per request. */
export function prepareSite(source: SnapshotSite, verifier: ChainVerifier): PreparedSite {
  const { site } = source;
  const oneToOne = new Map<string, OneToOneMapping>();
  if (site.oneToOneEnabled) {
    for (const mapping of site.oneToOne) {
      const key = mapping.certificateSha256.toLowerCase();
      // Document order decides between two enabled entries for one certificate.
      if (mapping.enabled && !oneToOne.has(key)) oneToOne.set(key, mapping);
    }
  }
  const manyToOne = site.manyToOne.map((mapping, index) => compileManyToOne(mapping, index + 1));
  let crls: DecodedCrl[] | undefined;
  let byKey: Map<string, OneToOneMapping[]> | undefined;
  return {
    source,
    site,
    folders: buildFolderTable(site),
    oneToOne,
    manyToOne,
    activeManyToOne: site.manyToOneEnabled ? manyToOne.filter((m) => m.inactive === null) : [],
    issuerSubjects: new Map(source.trustedIssuers.map((i) => [i.sha256.toLowerCase(), i.subject])),
    trust: compileTrust(source, verifier),
    crls: () => (crls ??= decodeCrls(source.crls)),
    oneToOneByKey: () => (byKey ??= indexOneToOne(site.oneToOne)),
  };
}

/**
 * The same prepared site with its trust compiled from the store's CRLs plus `extra` (CRLs the
 * gateway fetched from distribution points); everything else is shared. `store` is the site as
 * the snapshot gave it, so repeated calls replace the extra CRLs instead of piling them up.
 */
export function withExtraCrls(prepared: PreparedSite, store: SnapshotSite, extra: readonly Uint8Array[], verifier: ChainVerifier): PreparedSite {
  const source: SnapshotSite = { ...store, crls: [...store.crls, ...extra] };
  let crls: DecodedCrl[] | undefined;
  return { ...prepared, source, trust: compileTrust(source, verifier), crls: () => (crls ??= decodeCrls(source.crls)) };
}
