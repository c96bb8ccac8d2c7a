import type { CertView } from './cert-view';
import { checkSignature, type TrustContext } from './trust-context';

/** Limits that keep path building bounded whatever the client sends (x509-limbo's pathological cases). */
export const PATH_LIMITS = {
  /** Certificates in one path, leaf and anchor included. */
  maxLength: 12,
  /** Issuer candidates examined in one search (each may cost a signature check). */
  maxExpansions: 256,
} as const;

/** What the search saw besides complete paths, so a failure can say why no path was found. */
export interface SearchNotes {
  /** The longest dead-end path (leaf first), to name where the chain stops. */
  deepest: CertView[];
  /** A name-matching issuer whose key did not verify the signature: [child, issuer]. */
  badSignature: [CertView, CertView] | null;
  /** The search stopped on a limit before trying everything. */
  exhausted: boolean;
}

/** Issuer candidates for `cert`: anchors first, then presented, then known intermediates; AKI/SKI mismatches left out. */
function issuerCandidates(context: TrustContext, presentedBySubject: Map<string, CertView[]>, cert: CertView): CertView[] {
  const known = context.issuersBySubject.get(cert.issuerKey) ?? [];
  const anchors = known.filter((c) => context.anchors.has(c.sha256));
  const others = [...(presentedBySubject.get(cert.issuerKey) ?? []), ...known.filter((c) => !context.anchors.has(c.sha256))];
  const seen = new Set<string>();
  const out: CertView[] = [];
  const aki = cert.ext.akiKeyId;
  // RFC 5280 4.2.1.1: the AKI names the issuer's SKI; a certificate whose SKI differs is another key.
  const sameKey = (c: CertView) => !aki || !c.ext.ski || c.ext.ski === aki;
  for (const candidate of [...anchors, ...others.filter((c) => c.ext.ski === aki), ...others]) {
    if (seen.has(candidate.sha256) || !sameKey(candidate)) continue;
    seen.add(candidate.sha256);
    out.push(candidate);
  }
  return out;
}

/**
 * Depth-first search for paths from `leaf` to a trust anchor, yielding each complete path
 * (leaf first, anchor last). Issuers are matched by name and AKI/SKI; a candidate whose key
 * definitely does not verify the signature is pruned (the verdict is cached); each certificate
 * appears at most once per path, so cross-certificate loops end.
 */
export function* candidatePaths(context: TrustContext, leaf: CertView, presented: readonly CertView[], notes: SearchNotes): Generator<CertView[]> {
  const presentedBySubject = new Map<string, CertView[]>();
  for (const cert of presented) {
    if (cert.sha256 === leaf.sha256) continue;
    const list = presentedBySubject.get(cert.subjectKey);
    if (list) list.push(cert);
    else presentedBySubject.set(cert.subjectKey, [cert]);
  }
  let expansions = 0;
  const path: CertView[] = [leaf];
  const onPath = new Set<string>([leaf.sha256]);
  if (context.anchors.has(leaf.sha256)) yield [leaf];

  function* extend(): Generator<CertView[]> {
    const top = path[path.length - 1]!;
    if (path.length > notes.deepest.length) notes.deepest = [...path];
    if (path.length >= PATH_LIMITS.maxLength) {
      notes.exhausted = true;
      return;
    }
    for (const issuer of issuerCandidates(context, presentedBySubject, top)) {
      if (onPath.has(issuer.sha256)) continue;
      if (++expansions > PATH_LIMITS.maxExpansions) {
        notes.exhausted = true;
        return;
      }
      // 'unsupported' (e.g. DSA parameters inherited from further up) is decided later, top-down.
      if (checkSignature(context.caches, top, issuer) === 'bad') {
        notes.badSignature ??= [top, issuer];
        continue;
      }
      path.push(issuer);
      onPath.add(issuer.sha256);
      if (context.anchors.has(issuer.sha256)) yield [...path];
      else yield* extend();
      path.pop();
      onPath.delete(issuer.sha256);
    }
  }
  yield* extend();
}
