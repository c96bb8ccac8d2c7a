import type { VerifyResult } from '../../../shared/models/decision';
import { labelOf, type CertView } from './cert-view';
import { lessSerious, messageOf, worstFailure, type Failure } from './failure';
import { candidatePaths, PATH_LIMITS, type SearchNotes } from './path-builder';
import { checkPath, effectiveSpkis, type Purpose } from './path-checks';
import type { PolicyOptions } from './policy-tree';
import { checkRevocation, type RevocationMode } from './revocation';
import { viewOf, type TrustContext } from './trust-context';
import { digestHex } from '../certificates/codec/text';
import type { DecodedCertificate } from '../certificates/codec/types';

/** How to verify: when, for what, and how hard to look at revocation. */
export interface VerifyOptions {
  at: Date;
  purpose: Purpose;
  revocation: RevocationMode;
  /** RFC 5280 policy inputs; the default accepts any policy (what TLS client authentication needs). */
  policy?: PolicyOptions;
  /** SHA-256 (lowercase hex) of the leaf's DER when the caller has already computed it, so it is not hashed twice. */
  leafSha256?: string;
  /** The leaf already decoded from the same DER (the gateway's facts cache), so it is not decoded twice. */
  leafDecoded?: DecodedCertificate;
}

/** The verdict, plus the CRL URLs whose CRL was missing so the caller can fetch them and verify again. */
export type VerifyOutcome = VerifyResult & { missingCrls: string[] };

// Complete candidate paths tried before giving up (each is fully checked).
const MAX_PATHS = 16;
// A CRL signed by another key of the CA is trusted only after validating that key (RFC 5280 6.3.3 (f)); this bounds the recursion.
const MAX_SIGNER_DEPTH = 2;

function untrusted(notes: SearchNotes, leaf: CertView): VerifyOutcome {
  const chain = (notes.deepest.length ? notes.deepest : [leaf]).map((c) => c.sha256);
  if (notes.badSignature) {
    const [child, issuer] = notes.badSignature;
    const message = `Signature check failed: the ${child === leaf ? 'certificate' : 'issuer'} ${labelOf(child)} carries a signature that does not verify with the key of ${labelOf(issuer)}, and no other issuer was found.`;
    return { valid: false, code: 'bad-signature', message, chain, missingCrls: [] };
  }
  const top = notes.deepest[notes.deepest.length - 1] ?? leaf;
  const why = notes.exhausted
    ? `the search stopped after ${PATH_LIMITS.maxExpansions} candidate issuers or ${PATH_LIMITS.maxLength} certificates without reaching a trusted issuer`
    : top.selfIssued && top !== leaf
      ? `the chain ends at the self-issued ${labelOf(top)}, which is not a trusted issuer`
      : `the issuer "${top.issuer}" of ${labelOf(top)} is neither a trusted issuer nor a known or presented intermediate`;
  const message = `Chain building check failed: ${why}${top === leaf && top.selfIssued ? ` (${labelOf(leaf)} is self-signed and not trusted)` : ''}.`;
  return { valid: false, code: 'untrusted', message, chain, missingCrls: [] };
}

// Certificate times have whole seconds: compare at that granularity (x509-limbo validity::*-fractional).
const validationTime = (options: VerifyOptions) => Math.floor(options.at.getTime() / 1000) * 1000;

function verifyDepth(context: TrustContext, leaf: CertView, presented: readonly CertView[], options: VerifyOptions, depth: number, anchorSha?: string): VerifyOutcome {
  const at = validationTime(options);
  const notes: SearchNotes = { deepest: [], badSignature: null, exhausted: false };
  let best: { failure: Failure; path: CertView[]; missing: string[] } | null = null;
  let tried = 0;
  for (const path of candidatePaths(context, leaf, presented, notes)) {
    const anchor = path[path.length - 1]!;
    if (anchorSha && anchor.sha256 !== anchorSha) continue;
    const spkis = effectiveSpkis(path);
    const failures = checkPath(context, path, spkis, at, options.purpose, options.policy ?? {});
    let missing: string[] = [];
    if (options.revocation !== 'off' && path.length > 1) {
      const finding = checkRevocation(
        {
          context,
          presented,
          at,
          mode: options.revocation,
          spkis,
          signerIsValid: (signer, signerAnchor) =>
            depth < MAX_SIGNER_DEPTH && verifyDepth(context, signer, presented, { ...options, purpose: 'any', policy: {} }, depth + 1, signerAnchor.sha256).valid,
        },
        path,
      );
      missing = finding.missingCrls;
      if (finding.problem) failures.push({ code: finding.problem.code, check: 'revocation', index: finding.problem.index, cert: path[finding.problem.index]!, reason: finding.problem.reason });
    }
    const failure = worstFailure(failures);
    const chain = path.map((c) => c.sha256);
    if (!failure) {
      const message = `Valid: ${labelOf(leaf)} chains to the trusted issuer ${labelOf(anchor)}${options.revocation === 'off' ? ' (revocation not checked)' : ''}.`;
      return { valid: true, code: 'ok', message, chain, missingCrls: missing };
    }
    if (!best || lessSerious(failure, best.failure)) best = { failure, path, missing };
    if (++tried >= MAX_PATHS) break;
  }
  if (!best) return untrusted(notes, leaf);
  return { valid: false, code: best.failure.code, message: messageOf(best.failure), chain: best.path.map((c) => c.sha256), missingCrls: best.missing };
}

/**
 * Verify a client's (or server's) certificate against a compiled trust context (RFC 5280 section
 * 6 for what client-certificate authentication needs). Synchronous: every input is in memory;
 * missing CRLs are reported in `missingCrls` for the caller to fetch and retry. The verdict for
 * the default policy is kept in the context (verdict-cache.ts) for as long as it cannot change,
 * and returned frozen: callers share it.
 */
export function verify(context: TrustContext, leafDer: Uint8Array, presented: readonly Uint8Array[], options: VerifyOptions): VerifyOutcome {
  const at = validationTime(options);
  const leafSha256 = options.leafSha256 ?? digestHex('sha256', leafDer);
  // Policy inputs (the CLI's and the test suites') are not part of the key: those verdicts are not kept.
  const keep = options.policy === undefined;
  const cached = keep ? context.caches.verdicts.get(leafSha256, options.purpose, options.revocation, presented, at) : undefined;
  if (cached) return cached;
  let leaf: CertView;
  try {
    leaf = viewOf(context.caches, leafDer, leafSha256, options.leafDecoded);
  } catch (error) {
    return { valid: false, code: 'invalid', message: `Certificate format check failed: the certificate cannot be read (${(error as Error).message}).`, chain: [], missingCrls: [] };
  }
  const views = presented.map((der) => {
    try {
      return viewOf(context.caches, der);
    } catch {
      // An unreadable extra certificate from the client cannot be part of any path: ignore it.
      return null;
    }
  });
  const outcome = verifyDepth(context, leaf, views.filter((v): v is CertView => v !== null), options, 0);
  if (!keep) return outcome;
  const shared = Object.freeze({ ...outcome, chain: Object.freeze(outcome.chain), missingCrls: Object.freeze(outcome.missingCrls) }) as VerifyOutcome;
  context.caches.verdicts.set(leafSha256, options.purpose, options.revocation, presented, { leaf, presented: views }, at, shared);
  return shared;
}
