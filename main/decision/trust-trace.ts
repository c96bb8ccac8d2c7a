import type { TraceStep } from '../../shared/models/decision';
import { decodeCertificateDer, nameKeyOf, type DecodedCertificate } from '../services/certificates/codec';
import type { RevocationMode, TrustOutcome } from './chain-verifier';
import type { ConnectionState } from './connection-state';
import type { PreparedSite } from './prepared-site';

/** Every certificate what-if may name, by SHA-256: the leaf, what the client sent, the site's issuers. */
function knownCertificates(site: PreparedSite, state: ConnectionState): Map<string, DecodedCertificate> {
  const known = new Map<string, DecodedCertificate>();
  const add = (der: Uint8Array) => {
    try {
      const decoded = decodeCertificateDer(der);
      known.set(decoded.sha256, decoded);
    } catch {
      // Undecodable extra certificates are the trust engine's to report.
    }
  };
  for (const issuer of site.source.trustedIssuers) add(issuer.der);
  for (const der of state.presented?.chain ?? []) add(der);
  if (state.certificate?.decoded) known.set(state.certificate.sha256, state.certificate.decoded);
  return known;
}

/** The trust list the handshake advertises, as what-if shows it (spec section 5, KB Q194788). */
export function explainTrustList(site: PreparedSite): TraceStep[] {
  const issuers = site.source.trustedIssuers;
  const names = issuers.map((i) => `"${i.subject}" (${i.isRoot ? 'root' : 'intermediate'}, ${i.sha256})`);
  const steps: TraceStep[] = [
    {
      step: 'trust',
      result: 'info',
      detail: issuers.length === 0 ? 'trust list: the site trusts no issuer, so every client certificate is refused and browsers offer none' : `trust list: ${names.join('; ')}`,
    },
  ];
  const notices = 'error' in site.trust ? [site.trust.error] : (site.trust.notices ?? []);
  for (const notice of notices) steps.push({ step: 'trust', result: 'info', detail: `trust list problem: ${notice}` });
  return steps;
}

/** The chain the trust engine built, and (unless revocation is off) the CRL that answered for each link. */
export function explainChainAndCrls(site: PreparedSite, state: ConnectionState, outcome: TrustOutcome, mode: RevocationMode): { chain: TraceStep; crls: TraceStep[] } {
  const known = knownCertificates(site, state);
  const label = (sha: string) => `${known.get(sha)?.summary.subject ?? 'unknown certificate'} (${sha})`;
  const chain: TraceStep = { step: 'trust', result: 'info', detail: outcome.chain.length ? `chain built: ${outcome.chain.map(label).join(' -> ')}` : 'chain built: none' };
  if (mode === 'off') return { chain, crls: [{ step: 'revocation', result: 'info', detail: 'revocation checking is off for this folder: no CRL consulted' }] };
  const steps: TraceStep[] = [];
  const crls = site.crls();
  // The anchor itself is not checked against a CRL; every certificate below it is, by its issuer's CRL.
  for (const sha of outcome.chain.slice(0, -1)) {
    const cert = known.get(sha);
    if (!cert) continue;
    const issuerKey = nameKeyOf(cert.facts.issuerFields);
    const crl = crls.filter((c) => c.issuerKey === issuerKey).sort((a, b) => Date.parse(b.thisUpdate) - Date.parse(a.thisUpdate))[0];
    const detail = crl
      ? `CRL of "${crl.issuer}" (${crl.sha256}, this update ${crl.thisUpdate}, next update ${crl.nextUpdate ?? 'none'}) for "${cert.summary.subject}" serial ${cert.summary.serial}: ${crl.revokedSerials.includes(cert.summary.serial) ? 'listed as revoked' : 'not listed'}`
      : `no CRL of "${cert.summary.issuer}" in the store for "${cert.summary.subject}"`;
    steps.push({ step: 'revocation', result: 'info', detail });
  }
  if (outcome.missingCrls.length > 0) steps.push({ step: 'revocation', result: 'info', detail: `CRLs needed but missing: ${outcome.missingCrls.join('; ')}` });
  return { chain, crls: steps };
}
