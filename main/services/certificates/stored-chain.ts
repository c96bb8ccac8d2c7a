import type { Chain } from '../../../shared/ipc';
import { buildChain, type ChainCandidate } from './codec';
import type { StoredCertificate } from './certificate-document';
import type { CertificateIndex } from './certificate-index';

/** The chain-building view of a stored certificate (facts were computed at import). */
function toCandidate(stored: StoredCertificate): ChainCandidate {
  return {
    sha256: stored.summary.sha256,
    der: Buffer.from(stored.der, 'base64'),
    subject: stored.summary.subject,
    issuer: stored.summary.issuer,
    subjectKey: stored.subjectKey,
    issuerKey: stored.issuerKey,
    notBefore: stored.summary.notBefore,
    notAfter: stored.summary.notAfter,
    subjectKeyIdentifier: stored.facts.subjectKeyIdentifier,
    authorityKeyIdentifier: stored.facts.authorityKeyIdentifier,
  };
}

/** The chain of one certificate, built from the store; only the Trusted Root store anchors it. */
export function buildStoredChain(leaf: StoredCertificate, index: CertificateIndex, now: Date): Chain {
  const lookup = { bySubject: (key: string) => index.bySubject(key).map(toCandidate) };
  const isTrustedRoot = (sha256: string) => index.document.certificates[sha256]?.summary.store === 'root';
  return buildChain(toCandidate(leaf), lookup, now, isTrustedRoot);
}
