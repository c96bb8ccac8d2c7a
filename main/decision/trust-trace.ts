import type { TraceStep } from '../../shared/models/decision';
import { decodeCertificateDer, decodeCrlDer, nameKeyOf, type DecodedCertificate, type DecodedCrl } from '../services/certificates/codec';
import { digestHex } from '../services/certificates/codec/text';
import type { RevocationMode, SiteTrust, TrustOutcome } from './chain-verifier';
import type { ConnectionState } from './connection-state';
import type { SnapshotSite } from './types';

/** What-if's lines about one verdict: the chain built and, unless revocation is off, the CRL that answered for each link. */
export interface ChainExplanation {
  chain: TraceStep;
  crls: readonly TraceStep[];
}

/**
 * What-if's account of a site's trust (spec section 5): the trust list, and for a verdict the chain
 * and the CRLs. One per prepared site and trust context; what it reads is decoded once, and the
 * lines for a verdict are built once per verdict: the trust engine hands back the same frozen
 * verdict for the same chain while it holds (services/trust/verdict-cache.ts), and a changed CRL
 * set means a new trust context, a new site and a new explainer.
 */
export interface TrustExplainer {
  /** The trust list the handshake advertises, and what the trust engine could not read (KB Q194788). */
  trustList(): readonly TraceStep[];
  explain(state: ConnectionState, outcome: TrustOutcome, mode: RevocationMode): ChainExplanation;
}

type CrlEntry = DecodedCrl & { revoked: ReadonlySet<string> };

const info = (step: string, detail: string): TraceStep => Object.freeze({ step, result: 'info' as const, detail });

function tryDecode(der: Uint8Array): DecodedCertificate | null {
  try {
    return decodeCertificateDer(der);
  } catch {
    // Undecodable extra certificates are the trust engine's to report.
    return null;
  }
}

/** The newest usable CRL of each issuer (by issuer key), with its serials as a set. */
function newestCrlByIssuer(crls: readonly Uint8Array[]): Map<string, CrlEntry> {
  const newest = new Map<string, CrlEntry>();
  for (const der of crls) {
    let crl: DecodedCrl;
    try {
      crl = decodeCrlDer(der);
    } catch {
      // A damaged CRL is the trust engine's to report; what-if only names the usable ones.
      continue;
    }
    const known = newest.get(crl.issuerKey);
    if (!known || Date.parse(crl.thisUpdate) > Date.parse(known.thisUpdate)) newest.set(crl.issuerKey, { ...crl, revoked: new Set(crl.revokedSerials) });
  }
  return newest;
}

function trustListOf(source: SnapshotSite, trust: SiteTrust | { error: string }): TraceStep[] {
  const issuers = source.trustedIssuers;
  const names = issuers.map((i) => `"${i.subject}" (${i.isRoot ? 'root' : 'intermediate'}, ${i.sha256})`);
  const steps = [
    info('trust', issuers.length === 0 ? 'trust list: the site trusts no issuer, so every client certificate is refused and browsers offer none' : `trust list: ${names.join('; ')}`),
  ];
  const notices = 'error' in trust ? [trust.error] : (trust.notices ?? []);
  for (const notice of notices) steps.push(info('trust', `trust list problem: ${notice}`));
  return steps;
}

/** The explainer of one site as prepared with `trust` (compiled from `source`'s issuers and CRLs). */
export function createTrustExplainer(source: SnapshotSite, trust: SiteTrust | { error: string }): TrustExplainer {
  let list: TraceStep[] | undefined;
  let issuers: Map<string, DecodedCertificate> | undefined;
  let crls: Map<string, CrlEntry> | undefined;
  const explained = new WeakMap<TrustOutcome, { mode: RevocationMode; lines: ChainExplanation }>();

  const issuerCertificates = () => {
    if (!issuers) {
      issuers = new Map();
      for (const issuer of source.trustedIssuers) {
        const decoded = tryDecode(issuer.der);
        if (decoded) issuers.set(decoded.sha256, decoded);
      }
    }
    return issuers;
  };

  /** Every certificate of the chain: the leaf, the site's issuers, and what the client sent (decoded only if needed). */
  const chainCertificates = (state: ConnectionState, chain: readonly string[]): Map<string, DecodedCertificate> => {
    const known = new Map<string, DecodedCertificate>();
    const own = issuerCertificates();
    const missing = new Set<string>();
    for (const sha of chain) {
      const found = sha === state.certificate?.sha256 ? state.certificate.decoded : own.get(sha);
      if (found) known.set(sha, found);
      else missing.add(sha);
    }
    for (const der of missing.size > 0 ? state.sentChain() : []) {
      const sha = digestHex('sha256', der);
      const decoded = missing.has(sha) ? tryDecode(der) : null;
      if (decoded) known.set(sha, decoded);
    }
    return known;
  };

  const build = (state: ConnectionState, outcome: TrustOutcome, mode: RevocationMode): ChainExplanation => {
    const known = chainCertificates(state, outcome.chain);
    const label = (sha: string) => `${known.get(sha)?.summary.subject ?? 'unknown certificate'} (${sha})`;
    const chain = info('trust', outcome.chain.length ? `chain built: ${outcome.chain.map(label).join(' -> ')}` : 'chain built: none');
    if (mode === 'off') return { chain, crls: [info('revocation', 'revocation checking is off for this folder: no CRL consulted')] };
    crls ??= newestCrlByIssuer(source.crls);
    const steps: TraceStep[] = [];
    // The anchor itself is not checked against a CRL; every certificate below it is, by its issuer's CRL.
    for (const sha of outcome.chain.slice(0, -1)) {
      const cert = known.get(sha);
      if (!cert) continue;
      const crl = crls.get(nameKeyOf(cert.facts.issuerFields));
      const { subject, serial, issuer } = cert.summary;
      steps.push(
        info(
          'revocation',
          crl
            ? `CRL of "${crl.issuer}" (${crl.sha256}, this update ${crl.thisUpdate}, next update ${crl.nextUpdate ?? 'none'}) for "${subject}" serial ${serial}: ${crl.revoked.has(serial) ? 'listed as revoked' : 'not listed'}`
            : `no CRL of "${issuer}" in the store for "${subject}"`,
        ),
      );
    }
    if (outcome.missingCrls.length > 0) steps.push(info('revocation', `CRLs needed but missing: ${outcome.missingCrls.join('; ')}`));
    return { chain, crls: steps };
  };

  return {
    trustList: () => (list ??= trustListOf(source, trust)),
    explain(state, outcome, mode) {
      const memo = explained.get(outcome);
      if (memo?.mode === mode) return memo.lines;
      const lines = build(state, outcome, mode);
      explained.set(outcome, { mode, lines });
      return lines;
    },
  };
}
