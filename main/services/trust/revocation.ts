import { KU, type DistributionPoint } from './cert-extensions';
import { labelOf, type CertView } from './cert-view';
import { ALL_REASONS, compareCrlNumbers, crlApplies, crlUrlsOf, distributionPointsOf, reasonsCovered } from './crl-scope';
import { checkSignature, type CompiledCrl, type TrustContext } from './trust-context';

/** strict: every non-anchor certificate needs a current CRL; cached: use the CRLs there are; off: skip. */
export type RevocationMode = 'strict' | 'cached' | 'off';

/** What revocation checking needs from the verification in progress. */
export interface RevocationEnv {
  context: TrustContext;
  presented: readonly CertView[];
  at: number;
  mode: 'strict' | 'cached';
  /** Per path index, a key rebuilt with inherited DSA parameters (see effectiveSpkis). */
  spkis: readonly (Uint8Array | undefined)[];
  /** RFC 5280 6.3.3 (f): a CRL signer other than the certificate's issuer must itself validate to the same anchor. */
  signerIsValid(signer: CertView, anchor: CertView): boolean;
}

/** The first revocation problem on a path (anchor side first) and the CRL URLs that would help. */
export interface RevocationFinding {
  problem: { index: number; code: 'revoked' | 'revocation-unknown'; reason: string } | null;
  missingCrls: string[];
}

type Status = { status: 'good' | 'revoked' | 'unknown'; reason: string; complete: boolean };

const crlLabel = (crl: CompiledCrl) => `the CRL of "${crl.issuer}" (${crl.sha256.slice(0, 12)})`;
const mayCrlSign = (cert: CertView) => cert.ext.keyUsage === null || (cert.ext.keyUsage & KU.cRLSign) !== 0;

function candidatesFor(context: TrustContext, cert: CertView, point: DistributionPoint): readonly CompiledCrl[] {
  if (!point.crlIssuer) return context.crlsByIssuer.get(cert.issuerKey) ?? [];
  return point.crlIssuer.flatMap((name) => (name.kind === 'dn' && name.nameKey !== undefined ? (context.crlsByIssuer.get(name.nameKey) ?? []) : []));
}

/** The certificate whose key signed the CRL and may sign CRLs, validated when it is not the issuer; null if none. */
function crlSigner(env: RevocationEnv, crl: CompiledCrl, cert: CertView, issuer: CertView, issuerSpki: Uint8Array | undefined, anchor: CertView): CertView | null {
  const verifies = (signer: CertView, spki?: Uint8Array) => crl.verifiedBy.has(signer.sha256) || checkSignature(env.context.caches, crl, signer, spki) === 'ok';
  if (crl.issuerKey === issuer.subjectKey && mayCrlSign(issuer) && verifies(issuer, issuerSpki)) return issuer;
  const others = [...(env.context.issuersBySubject.get(crl.issuerKey) ?? []), ...env.presented.filter((c) => c.subjectKey === crl.issuerKey)];
  for (const signer of others) {
    if (signer.sha256 === issuer.sha256 || (crl.akiKeyId && signer.ext.ski && crl.akiKeyId !== signer.ext.ski)) continue;
    if (!mayCrlSign(signer) || !verifies(signer)) continue;
    // A CRL issuer may vouch for its own certificate (PKITS 4.14.30): validating it again would only loop.
    if (signer.sha256 === cert.sha256 || env.context.anchors.has(signer.sha256) || env.signerIsValid(signer, anchor)) return signer;
  }
  return null;
}

/** A current delta CRL (RFC 5280 5.2.4) that extends `base`, from the same signer and scope. */
function deltaFor(env: RevocationEnv, base: CompiledCrl, cert: CertView, point: DistributionPoint, signer: CertView, signerSpki: Uint8Array | undefined): CompiledCrl | null {
  if (base.crlNumber === null) return null;
  for (const delta of candidatesFor(env.context, cert, point)) {
    if (delta.deltaBase === null || delta.problems.length > 0 || delta.issuerKey !== base.issuerKey) continue;
    if (compareCrlNumbers(delta.deltaBase, base.crlNumber) > 0) continue;
    if (delta.nextUpdate !== null && delta.nextUpdate < env.at) continue;
    if (crlApplies(delta, cert, point) !== null) continue;
    if (delta.verifiedBy.has(signer.sha256) || checkSignature(env.context.caches, delta, signer, signerSpki) === 'ok') return delta;
  }
  return null;
}

/** Revocation status of `cert` (issued by `issuer`) from the CRLs in the context (RFC 5280 6.3.3, all CRLs consulted). */
function statusOf(env: RevocationEnv, cert: CertView, issuer: CertView, issuerSpki: Uint8Array | undefined, anchor: CertView): Status {
  let mask = 0;
  const notes: string[] = [];
  for (const point of distributionPointsOf(cert)) {
    for (const crl of candidatesFor(env.context, cert, point)) {
      if (crl.deltaBase !== null) continue; // a delta only counts on top of its base
      if (crl.problems.length > 0) {
        notes.push(`${crlLabel(crl)} cannot be used: ${crl.problems[0]}`);
        continue;
      }
      const scope = crlApplies(crl, cert, point);
      if (scope) {
        notes.push(`${crlLabel(crl)} does not apply: ${scope}`);
        continue;
      }
      const signer = crlSigner(env, crl, cert, issuer, issuerSpki, anchor);
      if (!signer) {
        notes.push(`${crlLabel(crl)} is not signed by a key allowed to sign CRLs for ${labelOf(issuer)}`);
        continue;
      }
      const delta = deltaFor(env, crl, cert, point, signer, signer === issuer ? issuerSpki : undefined);
      let revoked = crl.revoked.get(cert.issuerKey)?.has(cert.serial) ?? false;
      if (delta?.revoked.get(cert.issuerKey)?.has(cert.serial)) revoked = true;
      else if (delta?.removed.get(cert.issuerKey)?.has(cert.serial)) revoked = false;
      if (revoked) return { status: 'revoked', reason: `is revoked by ${crlLabel(delta && !crl.revoked.get(cert.issuerKey)?.has(cert.serial) ? delta : crl)}`, complete: true };
      // A stale CRL still proves revocation, but not the absence of it (strict mode).
      if (crl.nextUpdate !== null && crl.nextUpdate < env.at && env.mode === 'strict') {
        notes.push(`${crlLabel(crl)} expired on ${new Date(crl.nextUpdate).toISOString()}`);
        continue;
      }
      mask |= reasonsCovered(crl, point);
    }
  }
  const complete = (mask & ALL_REASONS) === ALL_REASONS;
  if (complete || env.mode === 'cached') return { status: 'good', reason: '', complete };
  const why = notes[0] ?? (mask === 0 ? `no CRL from "${cert.issuer}" is known` : 'the known CRLs do not cover every revocation reason');
  return { status: 'unknown', reason: `has an unknown revocation status: ${why}`, complete };
}

/** Check every non-anchor certificate of `path` (leaf first, anchor last), from the anchor side down. */
export function checkRevocation(env: RevocationEnv, path: readonly CertView[]): RevocationFinding {
  const anchor = path[path.length - 1]!;
  const missing = new Set<string>();
  let problem: RevocationFinding['problem'] = null;
  for (let i = path.length - 2; i >= 0; i--) {
    const result = statusOf(env, path[i]!, path[i + 1]!, env.spkis[i + 1], anchor);
    if (!result.complete) for (const url of crlUrlsOf(path[i]!)) missing.add(url);
    if (result.status !== 'good' && (!problem || (problem.code === 'revocation-unknown' && result.status === 'revoked'))) {
      problem = { index: i, code: result.status === 'revoked' ? 'revoked' : 'revocation-unknown', reason: result.reason };
    }
  }
  return { problem, missingCrls: [...missing] };
}
