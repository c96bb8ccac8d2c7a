import type { OneToOneMapping, Site } from '../../shared/models/site';
import type { ChainVerifier, SiteTrust } from './chain-verifier';
import { buildFolderTable, type FolderTable } from './folder-table';
import { compileManyToOne, type CompiledManyToOne } from './many-to-one';
import { ManyToOneIndex } from './many-to-one-index';
import { buildManyToOneWalk, type ManyToOneWalk } from './many-to-one-walk';
import { createTrustExplainer, type TrustExplainer } from './trust-trace';
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
  /** The first-match search over `activeManyToOne`. */
  manyToOneIndex: ManyToOneIndex;
  /** What-if's walk over `manyToOne`, laid out on first use (never by the gateway). */
  manyToOneWalk(): ManyToOneWalk;
  /** Subject of each trusted issuer by SHA-256, to name the anchor a chain ended in. */
  issuerSubjects: ReadonlyMap<string, string>;
  /** The compiled trust list, or why it could not be compiled (every certificate is then refused 403.16). */
  trust: SiteTrust | { error: string };
  /** Every one-to-one mapping (disabled ones too) by certificate SHA-256 (lowercase) and by subject, for what-if's near misses; built on first use. */
  oneToOneByKey(): OneToOneIndex;
  /** What-if's trust list, chain and CRL lines; what it decodes is decoded on first use, never on the hot path. */
  explainer: TrustExplainer;
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

/** The one-to-one mappings with a certificate, and those with a subject, in document order. */
export interface OneToOneIndex {
  bySha256: ReadonlyMap<string, readonly OneToOneMapping[]>;
  bySubject: ReadonlyMap<string, readonly OneToOneMapping[]>;
}

function indexOneToOne(mappings: readonly OneToOneMapping[]): OneToOneIndex {
  const bySha256 = new Map<string, OneToOneMapping[]>();
  const bySubject = new Map<string, OneToOneMapping[]>();
  const add = (index: Map<string, OneToOneMapping[]>, key: string, mapping: OneToOneMapping) => {
    const list = index.get(key);
    if (list) list.push(mapping);
    else index.set(key, [mapping]);
  };
  for (const mapping of mappings) {
    add(bySha256, mapping.certificateSha256.toLowerCase(), mapping);
    add(bySubject, mapping.subject, mapping);
  }
  return { bySha256, bySubject };
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
  const activeManyToOne = site.manyToOneEnabled ? manyToOne.filter((m) => m.inactive === null) : [];
  const trust = compileTrust(source, verifier);
  let byKey: OneToOneIndex | undefined;
  let walk: ManyToOneWalk | undefined;
  const manyToOneIndex = new ManyToOneIndex(activeManyToOne);
  return {
    source,
    site,
    folders: buildFolderTable(site),
    oneToOne,
    manyToOne,
    activeManyToOne,
    manyToOneIndex,
    manyToOneWalk: () => (walk ??= buildManyToOneWalk(manyToOne, activeManyToOne, manyToOneIndex)),
    issuerSubjects: new Map(source.trustedIssuers.map((i) => [i.sha256.toLowerCase(), i.subject])),
    trust,
    explainer: createTrustExplainer(source, trust),
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
  const trust = compileTrust(source, verifier);
  return { ...prepared, source, trust, explainer: createTrustExplainer(source, trust) };
}
