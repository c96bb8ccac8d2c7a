import type { MatchRule } from '../../../shared/models/site';
import { compileManyToOne } from '../../decision/many-to-one';
import type { CertificateView } from '../../decision/certificate-fields';
import type { CertificateDocument, StoredCertificate } from '../certificates/certificate-document';

/** The decoded form the rule readers expect, rebuilt from what import stored: no certificate is parsed again. */
function viewOf(stored: StoredCertificate, document: CertificateDocument, issuers: Map<string, string>): CertificateView {
  const ekus = stored.facts.extendedKeyUsage.map((e) => e.name);
  const unrestricted = ekus.length === 0 || ekus.includes('anyExtendedKeyUsage');
  const decoded = {
    der: new Uint8Array(0),
    sha256: stored.summary.sha256,
    sha1: stored.summary.sha1,
    facts: stored.facts,
    summary: { ...stored.summary, clientAuth: unrestricted || ekus.includes('clientAuth'), serverAuth: unrestricted || ekus.includes('serverAuth') },
  };
  const issuer = issuers.get(stored.issuerKey);
  return { decoded, issuerSha256: () => (issuer && document.certificates[issuer] ? issuer : null) };
}

/** Which stored end-entity certificates a set of many-to-one rules would match (the rule editor's preview). */
export function previewRules(document: CertificateDocument, rules: MatchRule[]): { matches: { sha256: string; subject: string }[]; examined: number } {
  const compiled = compileManyToOne({ id: 'preview', name: 'preview', description: '', enabled: true, permission: 'deny', account: null, rules, hasPassword: false }, 1);
  const all = Object.values(document.certificates);
  const issuers = new Map(all.filter((c) => c.summary.isCA).map((c) => [c.subjectKey, c.summary.sha256]));
  const candidates = all.filter((c) => !c.summary.isCA);
  const matches = candidates
    .filter((c) => compiled.evaluate(viewOf(c, document, issuers)) === null)
    .map((c) => ({ sha256: c.summary.sha256, subject: c.summary.subject }));
  return { matches, examined: candidates.length };
}
