import { decodeCertificateDer } from '../services/certificates/codec';
import { digestHex } from '../services/certificates/codec/text';
import { buildGroupIndex, type GroupIndex } from './authorization';
import type { ChainVerifier } from './chain-verifier';
import { ConnectionState, type DecodedPresented, type PresentedFacts } from './connection-state';
import { decideRequest } from './decide';
import { LruCache } from './lru-cache';
import { prepareSite, withExtraCrls, type PreparedSite } from './prepared-site';
import { trustEngineVerifier } from './trust-engine-verifier';
import type { TraceStep } from '../../shared/models/decision';
import type { ConnectionIdentity, DecisionEngine, GatewayDecision, GatewaySnapshot, PresentedCertificate, RequestFacts, SnapshotSite } from './types';

/** Parsed certificates by SHA-256, shared across connections (and engines, if the caller passes one in). */
export type FactsCache = LruCache<string, PresentedFacts>;

/** A fresh parsed-facts cache; 10,000 entries is a few tens of MB at most. */
export const createFactsCache = (capacity = 10_000): FactsCache => new LruCache(capacity);

/** prepareSnapshot's options: the trust engine (tests may pass another) and a facts cache to keep across versions. */
export interface PrepareOptions {
  verifier?: ChainVerifier;
  factsCache?: FactsCache;
  /** CRLs (DER) to add to a site's store CRLs, by site id: those the gateway fetched from distribution points. */
  extraCrls?: ReadonlyMap<string, readonly Uint8Array[]>;
}

/** The prepared engine, with the lookups what-if needs on top of the gateway's DecisionEngine. */
export interface PreparedEngine extends DecisionEngine {
  /** Site id by id or by name (case-insensitive, as IIS site names are). */
  findSiteId(nameOrId: string): string | undefined;
  /** decide with the full trace: trust list, chain, CRLs, every mapping tried; after `lead`, if given. */
  explain(identity: ConnectionIdentity, request: RequestFacts, lead?: readonly TraceStep[]): GatewayDecision;
  /** As DecisionEngine's, keeping what-if's lookups. */
  withCrls(siteId: string, crls: readonly Uint8Array[]): PreparedEngine;
}

function decodePresented(der: Uint8Array): DecodedPresented {
  try {
    return { decoded: decodeCertificateDer(der), error: null };
  } catch (error) {
    return { decoded: null, error: (error as Error).message };
  }
}

/** Parse once and keep what every connection with this certificate reports (frozen: connections share it). */
function factsOf(der: Uint8Array, sha256: string): PresentedFacts {
  const parsed = decodePresented(der);
  const identity = Object.freeze({ sha256, subject: parsed.decoded?.summary.subject ?? '' });
  return Object.freeze({ ...parsed, sha256, identity });
}

/**
 * Build the decision engine for one snapshot version (architecture.md: "indexes built once"): per
 * site the one-to-one Map, the compiled many-to-one list, the folder table and the trust context,
 * and the account -> groups index. Immutable: a configuration change prepares a new engine, and so
 * does withCrls (only that site's trust is compiled again).
 */
export function prepareSnapshot(snapshot: GatewaySnapshot, options: PrepareOptions = {}): PreparedEngine {
  const verifier = options.verifier ?? trustEngineVerifier;
  const stores = new Map<string, SnapshotSite>(snapshot.sites.map((s) => [s.site.id, s]));
  const sites = new Map<string, PreparedSite>(
    snapshot.sites.map((s) => {
      const extra = options.extraCrls?.get(s.site.id);
      return [s.site.id, prepareSite(extra?.length ? { ...s, crls: [...s.crls, ...extra] } : s, verifier)];
    }),
  );
  return buildEngine({ version: snapshot.version, stores, verifier, facts: options.factsCache ?? createFactsCache(), groups: buildGroupIndex(snapshot.accounts) }, sites);
}

interface EngineBase {
  version: number;
  /** Each site as the snapshot gave it (store CRLs only). */
  stores: ReadonlyMap<string, SnapshotSite>;
  verifier: ChainVerifier;
  facts: FactsCache;
  groups: GroupIndex;
}

function buildEngine(base: EngineBase, sites: ReadonlyMap<string, PreparedSite>): PreparedEngine {
  const { facts, groups } = base;
  const engine: PreparedEngine = {
    version: base.version,
    site(siteId) {
      const prepared = sites.get(siteId);
      return prepared && { site: prepared.site, effectiveSecurity: (path: string) => prepared.folders.resolve(path).security };
    },
    findSiteId(nameOrId) {
      if (sites.has(nameOrId)) return nameOrId;
      const wanted = nameOrId.toLowerCase();
      return [...sites.values()].find((s) => s.site.name.toLowerCase() === wanted)?.site.id;
    },
    identify(siteId, presented, at) {
      const state = newState(siteId, presented, at);
      return identityOf(state);
    },
    decide: (identity, request) => decideRequest(current(identity), request, groups, false),
    explain: (identity, request, lead) => decideRequest(current(identity), request, groups, true, lead),
    crlsToFetch(identity, path) {
      const state = current(identity);
      const security = state.site?.folders.resolve(path).security;
      if (!security || security.clientCertificates === 'ignore' || security.revocation !== 'strict' || !state.certificate?.decoded) return [];
      // Computed once per connection and kept: decide() reads the same verdict.
      const outcome = state.trust('strict');
      // Only an unknown status can change with more CRLs; a refusal for another reason stays one.
      // A copy: the verdict is shared with every connection that presents this chain.
      return outcome.code === 'revocation-unknown' ? [...outcome.missingCrls] : [];
    },
    withCrls(siteId, crls) {
      const prepared = sites.get(siteId);
      const store = base.stores.get(siteId);
      if (!prepared || !store) return engine;
      const next = new Map(sites);
      next.set(siteId, withExtraCrls(prepared, store, crls, base.verifier));
      return buildEngine(base, next);
    },
  };

  function newState(siteId: string, presented: PresentedCertificate | null, at: Date): ConnectionState {
    let certificate: PresentedFacts | null = null;
    if (presented) {
      // SHA-256 of the DER is the certificate's identity (about 1 us); parsing is paid once per certificate.
      const sha256 = digestHex('sha256', presented.der);
      certificate = facts.get(sha256) ?? null;
      if (!certificate) {
        certificate = factsOf(presented.der, sha256);
        facts.set(sha256, certificate);
      }
    }
    return new ConnectionState(engine, siteId, sites.get(siteId), presented, certificate, at);
  }

  /** A connection opened under an older snapshot is judged by this one's mappings and trust, once. */
  function current(identity: ConnectionIdentity): ConnectionState {
    const state = identity.state;
    if (!(state instanceof ConnectionState)) throw new TypeError('decide() needs an identity made by identify()');
    if (state.owner === engine) return state;
    if (state.rebound?.owner !== engine) {
      const fresh = new ConnectionState(engine, state.siteId, sites.get(state.siteId), state.presented, state.certificate, state.at);
      state.rebound = { owner: engine, state: fresh };
    }
    return state.rebound.state;
  }

  return engine;
}

function identityOf(state: ConnectionState): ConnectionIdentity {
  return { siteId: state.siteId, certificate: state.certificate?.identity ?? null, state };
}
