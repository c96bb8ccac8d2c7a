import { X509Certificate } from 'node:crypto';
import type { Chain } from '../../../../shared/models/certificate';
import { nameKeyOf } from './names';
import type { DecodedCertificate } from './types';

/** What chain building needs to know about a stored certificate (all of it computed at import). */
export interface ChainCandidate {
  sha256: string;
  der: Uint8Array;
  /** Display subject, for link labels. */
  subject: string;
  /** Display issuer, for the label of a missing issuer; the issuer key is used when absent. */
  issuer?: string;
  /** nameKeyOf(subject fields) / nameKeyOf(issuer fields). */
  subjectKey: string;
  issuerKey: string;
  notBefore: string;
  notAfter: string;
  subjectKeyIdentifier?: string | null;
  authorityKeyIdentifier?: string | null;
}

/** Finds stored certificates by canonical subject key. */
export interface ChainLookup {
  bySubject(subjectKey: string): ChainCandidate[];
}

/** Canonical subject key of a decoded certificate (what ChainLookup.bySubject is keyed by). */
export function subjectKeyOf(cert: DecodedCertificate): string {
  return nameKeyOf(cert.facts.subjectFields);
}

/** Canonical issuer key of a decoded certificate. */
export function issuerKeyOf(cert: DecodedCertificate): string {
  return nameKeyOf(cert.facts.issuerFields);
}

/** The chain-building view of a decoded certificate. */
export function toChainCandidate(cert: DecodedCertificate): ChainCandidate {
  return {
    sha256: cert.sha256,
    der: cert.der,
    subject: cert.summary.subject,
    issuer: cert.summary.issuer,
    subjectKey: subjectKeyOf(cert),
    issuerKey: issuerKeyOf(cert),
    notBefore: cert.summary.notBefore,
    notAfter: cert.summary.notAfter,
    subjectKeyIdentifier: cert.facts.subjectKeyIdentifier,
    authorityKeyIdentifier: cert.facts.authorityKeyIdentifier,
  };
}

// Longer than any real chain; stops cross-certificate loops that the visited set cannot see.
const MAX_LENGTH = 12;

type LinkStatus = 'ok' | 'expired' | 'not-yet-valid' | 'bad-signature' | 'issuer-missing' | 'untrusted-root';
type Link = { sha256: string | null; subject: string; status: LinkStatus };

function validityOf(candidate: ChainCandidate, now: number): LinkStatus {
  if (Date.parse(candidate.notBefore) > now) return 'not-yet-valid';
  if (Date.parse(candidate.notAfter) < now) return 'expired';
  return 'ok';
}

function summarize(links: Link[]): Chain {
  const bad = links.find((link) => link.status === 'expired' || link.status === 'not-yet-valid' || link.status === 'bad-signature');
  if (bad) {
    const candidateDate = (status: LinkStatus) => (status === 'expired' ? 'has expired' : status === 'not-yet-valid' ? 'is not valid yet' : '');
    const message =
      bad.status === 'bad-signature'
        ? `The signature on "${bad.subject}" does not verify with its issuer's key.`
        : `"${bad.subject}" ${candidateDate(bad.status)}.`;
    return { status: 'invalid', message, links };
  }
  const missing = links.find((link) => link.status === 'issuer-missing');
  if (missing) return { status: 'partial', message: `The issuer "${missing.subject}" is not in the store, so the chain is incomplete.`, links };
  const last = links[links.length - 1]!;
  if (last.status === 'untrusted-root') {
    return { status: 'untrusted', message: `The chain ends in "${last.subject}", which is self-signed but not in Trusted Root Certification Authorities.`, links };
  }
  return { status: 'ok', message: `The chain ends in the trusted root "${last.subject}".`, links };
}

/**
 * Build the chain from `leaf` up through the store, verifying each signature with node:crypto.
 * Ends 'ok' at a trusted root (any certificate isTrustedRoot accepts is an anchor), 'partial' when
 * an issuer is missing, 'untrusted' at a self-signed certificate that is not a trusted root,
 * 'invalid' when a link has expired, is not yet valid, or its signature does not verify. Each
 * certificate is visited once, so loops (cross-signing) end.
 */
export function buildChain(leaf: ChainCandidate, lookup: ChainLookup, now: Date, isTrustedRoot: (sha256: string) => boolean): Chain {
  const parsed = new Map<string, X509Certificate | null>();
  const load = (candidate: ChainCandidate): X509Certificate | null => {
    if (!parsed.has(candidate.sha256)) {
      try {
        parsed.set(candidate.sha256, new X509Certificate(Buffer.from(candidate.der)));
      } catch {
        parsed.set(candidate.sha256, null);
      }
    }
    return parsed.get(candidate.sha256) ?? null;
  };
  const signedBy = (child: ChainCandidate, issuer: ChainCandidate): boolean => {
    const childCert = load(child);
    const issuerCert = load(issuer);
    if (!childCert || !issuerCert) return false;
    try {
      return childCert.verify(issuerCert.publicKey);
    } catch {
      return false; // a key type node:crypto cannot verify with counts as not verified
    }
  };

  const nowMs = now.getTime();
  const links: Link[] = [];
  const visited = new Set<string>();
  let current = leaf;
  for (let depth = 0; depth < MAX_LENGTH; depth++) {
    visited.add(current.sha256);
    const validity = validityOf(current, nowMs);
    const link = (status: LinkStatus): Link => ({ sha256: current.sha256, subject: current.subject, status });
    if (isTrustedRoot(current.sha256)) {
      links.push(link(validity));
      return summarize(links);
    }
    if (current.subjectKey === current.issuerKey && signedBy(current, current)) {
      links.push(link(validity === 'ok' ? 'untrusted-root' : validity));
      return summarize(links);
    }
    const aki = current.authorityKeyIdentifier;
    const candidates = lookup
      .bySubject(current.issuerKey)
      .filter((candidate) => !visited.has(candidate.sha256))
      // Prefer the issuer the key identifier names, then one valid now, then the newest.
      .sort((a, b) => {
        const keyMatch = Number(!!aki && b.subjectKeyIdentifier === aki) - Number(!!aki && a.subjectKeyIdentifier === aki);
        if (keyMatch) return keyMatch;
        const valid = Number(validityOf(b, nowMs) === 'ok') - Number(validityOf(a, nowMs) === 'ok');
        return valid || Date.parse(b.notAfter) - Date.parse(a.notAfter);
      });
    const issuer = candidates.find((candidate) => signedBy(current, candidate));
    if (!issuer) {
      // Same name but a different key identifier is another CA: the real issuer is missing.
      const namedByKeyId = candidates.filter((c) => !aki || !c.subjectKeyIdentifier || c.subjectKeyIdentifier === aki);
      const selfIssued = current.subjectKey === current.issuerKey;
      if (namedByKeyId.length > 0 || (selfIssued && candidates.length === 0)) {
        links.push(link('bad-signature'));
        return summarize(links);
      }
      links.push(link(validity));
      links.push({ sha256: null, subject: current.issuer ?? current.issuerKey, status: 'issuer-missing' });
      return summarize(links);
    }
    links.push(link(validity));
    current = issuer;
  }
  links.push({ sha256: null, subject: current.subject, status: 'issuer-missing' });
  return { ...summarize(links), message: 'The chain is too long or loops; it does not reach a trusted root.' };
}
