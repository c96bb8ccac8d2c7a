import { bindingText } from '../../../shared/models/binding';
import type { ExpiryItem, ExpiryKind, ExpiryUse } from '../../../shared/models/expiry';
import type { Site } from '../../../shared/models/site';
import type { StoredCertificate, StoredCrl } from '../certificates/certificate-document';
import { daysUntil } from '../bindings/binding-rows';

/** What the expiry overview is computed from: the two documents' contents and the time. */
export interface ExpirySources {
  sites: readonly Site[];
  certificates: readonly StoredCertificate[];
  crls: readonly StoredCrl[];
  now: Date;
}

const MAX_CHAIN_DEPTH = 10;

/**
 * Every stored certificate and every CRL with a next update, each with where it is used: by a binding
 * (its server certificate), a one-to-one mapping, a site's trust list, as the issuer of something in
 * use, or (a CRL) for an issuer in use. Nothing is parsed: the store computed every fact at import.
 */
export function collectExpiryItems(sources: ExpirySources): ExpiryItem[] {
  const uses = new Map<string, ExpiryUse[]>();
  const use = (sha256: string, entry: ExpiryUse) => {
    const list = uses.get(sha256) ?? [];
    if (!list.some((u) => u.text === entry.text)) list.push(entry);
    uses.set(sha256, list);
  };
  for (const site of sources.sites) {
    const siteName = site.name;
    for (const binding of site.bindings) {
      const sha256 = binding.protocol === 'https' ? (binding.certificateSha256 ?? site.serverCertificateSha256) : null;
      if (sha256) use(sha256, { kind: 'binding', siteName, text: `${bindingText(binding)} of site "${siteName}"` });
    }
    for (const mapping of site.oneToOne) {
      use(mapping.certificateSha256, { kind: 'mapping', siteName, text: `one-to-one mapping to ${mapping.account} on site "${siteName}"${mapping.enabled ? '' : ' (disabled)'}` });
    }
    for (const issuer of site.trustedIssuers) use(issuer, { kind: 'trusted-issuer', siteName, text: `trusted issuer of site "${siteName}"` });
  }
  const bySha256 = new Map(sources.certificates.map((c) => [c.summary.sha256, c]));
  addIssuerUses(sources.certificates, bySha256, uses, use);
  const items = sources.certificates.map((stored) => certificateItem(stored, uses.get(stored.summary.sha256) ?? [], sources.now));
  for (const crl of sources.crls) {
    const item = crlItem(crl, sources.certificates, uses, sources.now);
    if (item) items.push(item);
  }
  return items.sort((a, b) => Date.parse(a.expiresAt) - Date.parse(b.expiresAt));
}

/**
 * The authorities above every certificate a binding or a mapping uses, found by canonical subject and
 * issuer names through the store (roots and intermediates alike): when one of them expires, so does
 * every chain through it. One use per authority, counting what it issues.
 */
function addIssuerUses(
  certificates: readonly StoredCertificate[],
  bySha256: ReadonlyMap<string, StoredCertificate>,
  uses: ReadonlyMap<string, ExpiryUse[]>,
  use: (sha256: string, entry: ExpiryUse) => void,
): void {
  const authoritiesBySubject = new Map<string, StoredCertificate[]>();
  for (const c of certificates) {
    if (!c.summary.isCA && c.summary.store !== 'root' && c.summary.store !== 'intermediate') continue;
    authoritiesBySubject.set(c.subjectKey, [...(authoritiesBySubject.get(c.subjectKey) ?? []), c]);
  }
  const issued = new Map<string, Set<string>>();
  for (const [sha256, list] of uses) {
    const leaf = bySha256.get(sha256);
    if (!leaf || !list.some((u) => u.kind === 'binding' || u.kind === 'mapping')) continue;
    let current = leaf;
    for (let depth = 0; depth < MAX_CHAIN_DEPTH && !current.summary.selfSigned; depth++) {
      const issuers = (authoritiesBySubject.get(current.issuerKey) ?? []).filter((c) => c !== current);
      if (issuers.length === 0) break;
      for (const issuer of issuers) issued.set(issuer.summary.sha256, (issued.get(issuer.summary.sha256) ?? new Set()).add(leaf.summary.displayName));
      current = issuers[0]!;
    }
  }
  for (const [sha256, names] of issued) {
    const [only] = names;
    use(sha256, { kind: 'chain', siteName: null, text: names.size === 1 ? `issuer (in the chain) of ${only}` : `issuer (in the chain) of ${names.size} certificates in use` });
  }
}

/** Bindings make a server certificate, mappings a client one; otherwise the store says what it is. */
function kindOf(stored: StoredCertificate, usedBy: readonly ExpiryUse[]): ExpiryKind {
  if (usedBy.some((u) => u.kind === 'binding')) return 'server';
  if (usedBy.some((u) => u.kind === 'mapping')) return 'client';
  const { store, isCA } = stored.summary;
  if (isCA || store === 'root' || store === 'intermediate') return 'authority';
  return store === 'server' ? 'server' : 'client';
}

function certificateItem(stored: StoredCertificate, usedBy: ExpiryUse[], now: Date): ExpiryItem {
  const { summary } = stored;
  return {
    kind: kindOf(stored, usedBy),
    sha256: summary.sha256,
    name: summary.displayName,
    subject: summary.subject,
    store: summary.store,
    serial: summary.serial,
    expiresAt: summary.notAfter,
    daysLeft: daysUntil(summary.notAfter, now),
    expired: Date.parse(summary.notAfter) <= now.getTime(),
    usedBy,
  };
}

/** A CRL's next update, used when its issuer is: past it, strict revocation can no longer rely on it. */
function crlItem(crl: StoredCrl, certificates: readonly StoredCertificate[], uses: ReadonlyMap<string, ExpiryUse[]>, now: Date): ExpiryItem | null {
  const { nextUpdate } = crl.summary;
  if (!nextUpdate) return null;
  const usedBy: ExpiryUse[] = [];
  for (const issuer of certificates) {
    if (issuer.subjectKey !== crl.issuerKey || !uses.has(issuer.summary.sha256)) continue;
    usedBy.push({ kind: 'crl-issuer', siteName: null, text: `revocation list of ${issuer.summary.displayName}, ${uses.get(issuer.summary.sha256)![0]!.text}` });
  }
  return {
    kind: 'crl',
    sha256: crl.summary.sha256,
    name: `CRL of ${crl.summary.issuer}`,
    subject: crl.summary.issuer,
    store: null,
    serial: null,
    expiresAt: nextUpdate,
    daysLeft: daysUntil(nextUpdate, now),
    expired: Date.parse(nextUpdate) <= now.getTime(),
    usedBy,
  };
}
