import type { Site } from '../../shared/models/site';
import type { SecretVault } from '../ports';
import { privateKeyId, type CertificateDocument, type StoredCertificate } from '../services/certificates/certificate-document';
import { buildChain, toPem, type ChainCandidate } from '../services/certificates/codec';
import { mappingPasswordId, type ConfigDocument } from '../services/sites/config-document';
import type { GatewaySnapshot, SnapshotSite } from './types';

/** What a snapshot is compiled from: the two documents and the vault (Services.snapshotSources()). */
export interface SnapshotSources {
  config: ConfigDocument;
  certificates: CertificateDocument;
  vault: SecretVault;
  version: number;
}

const derOf = (stored: StoredCertificate): Uint8Array => new Uint8Array(Buffer.from(stored.der, 'base64'));

function candidateOf(stored: StoredCertificate): ChainCandidate {
  const { summary, facts } = stored;
  return {
    sha256: summary.sha256, der: derOf(stored), subject: summary.subject, issuer: summary.issuer,
    subjectKey: stored.subjectKey, issuerKey: stored.issuerKey, notBefore: summary.notBefore, notAfter: summary.notAfter,
    subjectKeyIdentifier: facts.subjectKeyIdentifier, authorityKeyIdentifier: facts.authorityKeyIdentifier,
  };
}

/** The intermediates a server certificate is sent with, found in the store (roots are not sent). */
function serverChainPem(leaf: StoredCertificate, document: CertificateDocument): string[] {
  const bySubject = new Map<string, ChainCandidate[]>();
  for (const stored of Object.values(document.certificates)) {
    bySubject.set(stored.subjectKey, [...(bySubject.get(stored.subjectKey) ?? []), candidateOf(stored)]);
  }
  const isRoot = (sha256: string) => document.certificates[sha256]?.summary.store === 'root';
  const chain = buildChain(candidateOf(leaf), { bySubject: (key) => bySubject.get(key) ?? [] }, new Date(), isRoot);
  return chain.links
    .slice(1)
    .map((link) => (link.sha256 ? document.certificates[link.sha256] : undefined))
    .filter((stored): stored is StoredCertificate => !!stored && !stored.summary.selfSigned && stored.summary.store !== 'root')
    .map((stored) => toPem(derOf(stored)));
}

function serverCertificates(site: Site, sources: SnapshotSources): SnapshotSite['serverCertificates'] {
  const wanted = new Set([site.serverCertificateSha256, ...site.bindings.map((b) => b.certificateSha256)].filter((s): s is string => !!s));
  const result: SnapshotSite['serverCertificates'] = {};
  for (const sha256 of wanted) {
    const stored = sources.certificates.certificates[sha256];
    const key = sources.vault.get(privateKeyId(sha256));
    // A certificate without its key cannot serve TLS; the site service refuses such bindings already.
    if (!stored || !key) continue;
    result[sha256] = { certificatePem: toPem(derOf(stored)), keyPem: toPem(key, 'PRIVATE KEY'), chainPem: serverChainPem(stored, sources.certificates) };
  }
  return result;
}

function mappingPasswords(site: Site, vault: SecretVault): Record<string, string> {
  const passwords: Record<string, string> = {};
  for (const mapping of [...site.oneToOne, ...site.manyToOne]) {
    if (!mapping.hasPassword) continue;
    const secret = vault.get(mappingPasswordId(site.id, mapping.id));
    if (secret) passwords[mapping.id] = Buffer.from(secret).toString('utf8');
  }
  return passwords;
}

/**
 * Compile the gateway snapshot from config.json, certificates.json and the vault: plain,
 * structured-cloneable data (types.ts). Trusted issuers missing from the store are left out.
 */
export function compileSnapshot(sources: SnapshotSources): GatewaySnapshot {
  const { config, certificates } = sources;
  const crls = Object.values(certificates.crls).map((crl) => new Uint8Array(Buffer.from(crl.der, 'base64')));
  const sites = Object.values(config.sites).map((site): SnapshotSite => ({
    site,
    serverCertificates: serverCertificates(site, sources),
    trustedIssuers: site.trustedIssuers.flatMap((sha256) => {
      const stored = certificates.certificates[sha256];
      if (!stored) return [];
      // Trusted Root store entries (and self-signed CAs) anchor chains; other CAs help build them.
      const isRoot = stored.summary.store === 'root' || stored.summary.selfSigned;
      return [{ sha256, der: derOf(stored), subject: stored.summary.subject, isRoot }];
    }),
    crls,
    mappingPasswords: mappingPasswords(site, sources.vault),
  }));
  const accounts = Object.fromEntries(Object.values(config.accounts).map((account) => [account.name, [...account.groups]]));
  return { version: sources.version, sites, accounts };
}
