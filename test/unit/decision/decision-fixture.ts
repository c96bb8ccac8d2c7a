import {
  newSite,
  DEFAULT_SECURITY,
  type AuthorizationRule,
  type Folder,
  type FolderSecurity,
  type ManyToOneMapping,
  type MatchRule,
  type OneToOneMapping,
  type Site,
} from '../../../shared/models/site';
import type { ChainVerifier } from '../../../main/decision/chain-verifier';
import { decodeCertificateDer } from '../../../main/services/certificates/codec';
import { prepareSnapshot, type PreparedEngine } from '../../../main/decision/prepare-snapshot';
import type { GatewaySnapshot, PresentedCertificate } from '../../../main/decision/types';
import type { Issued } from '../codec/openssl-pki';
import type { DecisionPki } from './decision-pki';
import { trustEngineVerifier } from '../../../main/decision/trust-engine-verifier';

/** The trust engine the decision tests run: the product's own (main/services/trust). */
export const testVerifier: ChainVerifier = trustEngineVerifier;

/** A site as SiteService creates it (IIS secure defaults), trusting the test root and intermediate. */
export function makeSite(pki: DecisionPki, overrides: Partial<Site> = {}): Site {
  return {
    ...newSite({
      id: 'site-1',
      name: 'Default Web Site',
      bindings: [{ protocol: 'https', address: '127.0.0.1', port: 8443, host: null, certificateSha256: null }],
      serverCertificateSha256: null,
      content: { kind: 'static', directory: '/srv/www' },
    }),
    trustedIssuers: [pki.root.sha256, pki.intermediate.sha256],
    ...overrides,
  };
}

/** The snapshot compileSnapshot would produce for these sites: the test CAs, both CRLs. */
export function snapshotOf(pki: DecisionPki, sites: Site[], accounts: Record<string, string[]> = {}, extra: { crls?: Uint8Array[]; passwords?: Record<string, string> } = {}): GatewaySnapshot {
  const cas = [
    { cert: pki.root, subject: 'CN=Decision Root, O=Decision Test, C=US', isRoot: true },
    { cert: pki.intermediate, subject: 'CN=Decision Issuing CA, O=Decision Test, C=US', isRoot: false },
  ];
  return {
    version: 1,
    accounts,
    sites: sites.map((site) => ({
      site,
      serverCertificates: {},
      trustedIssuers: cas.filter((ca) => site.trustedIssuers.includes(ca.cert.sha256)).map((ca) => ({ sha256: ca.cert.sha256, der: ca.cert.der, subject: ca.subject, isRoot: ca.isRoot })),
      crls: extra.crls ?? pki.crls,
      mappingPasswords: extra.passwords ?? {},
    })),
  };
}

/** Prepare an engine for one site with the test verifier. */
export function engineFor(pki: DecisionPki, site: Site, accounts: Record<string, string[]> = {}, extra: Parameters<typeof snapshotOf>[3] = {}): PreparedEngine {
  return prepareSnapshot(snapshotOf(pki, [site], accounts, extra), { verifier: testVerifier });
}

/** A certificate as a client presents it: the leaf and, by default, its issuing CA. */
export const presentedOf = (cert: Issued, chain: Issued[] = []): PresentedCertificate => ({ der: cert.der, chain: chain.map((c) => c.der) });

/** A many-to-one rule; compareCaseSensitive defaults to true as in IIS. */
export const rule = (field: string, pattern: string, caseSensitive = true): MatchRule => ({ field, pattern, caseSensitive });

let counter = 0;
/** An enabled allow mapping to `account` unless options say otherwise. */
export function manyToOne(name: string, rules: MatchRule[], options: Partial<ManyToOneMapping> = {}): ManyToOneMapping {
  return { id: `m2o-${++counter}`, name, description: '', enabled: true, permission: 'allow', account: name.toLowerCase(), rules, hasPassword: false, ...options };
}

const subjects = new WeakMap<Issued, string>();
/** An enabled one-to-one mapping of `cert` to `account`, with the subject MappingService would record. */
export function oneToOne(cert: Issued, account: string, options: Partial<OneToOneMapping> = {}): OneToOneMapping {
  let subject = subjects.get(cert);
  if (subject === undefined) subjects.set(cert, (subject = decodeCertificateDer(cert.der).summary.subject));
  return { id: `o2o-${++counter}`, certificateSha256: cert.sha256, subject, account, enabled: true, hasPassword: false, ...options };
}

/** Site-root or folder security: IIS's secure defaults with a change. */
export const securityOf = (change: Partial<FolderSecurity>): FolderSecurity => ({ ...DEFAULT_SECURITY, ...change });
export const folderOf = (path: string, change: Partial<FolderSecurity>, authorization: AuthorizationRule[] = []): Folder => ({ path, security: change, authorization });
export const allowRule = (kind: AuthorizationRule['kind'], name = ''): AuthorizationRule => ({ access: 'allow', kind, name });
export const denyRule = (kind: AuthorizationRule['kind'], name = ''): AuthorizationRule => ({ access: 'deny', kind, name });

/** Local accounts of the decide tests: alice (Staff), bob (Admins, Staff). */
export const ACCOUNTS = { alice: ['Staff'], bob: ['Admins', 'Staff'] };

/** A site where OU=Admins maps to bob and OU=Staff to alice (so alice, OU Staff+Sales, is "alice"). */
export function mappedSite(pki: DecisionPki, overrides: Partial<Site> = {}): Site {
  return makeSite(pki, {
    manyToOne: [manyToOne('Admins', [rule('subject.OU', 'Admins')], { account: 'bob' }), manyToOne('Staff', [rule('subject.OU', 'Staff')], { account: 'alice' })],
    ...overrides,
  });
}

/** One connection and one request on it; `cert` null: no client certificate. */
export function decideOnce(pki: DecisionPki, site: Site, cert: Issued | null, request: { tls?: boolean; path?: string; at: Date }, extra: Parameters<typeof snapshotOf>[3] = {}) {
  const engine = engineFor(pki, site, ACCOUNTS, extra);
  const identity = engine.identify('site-1', cert ? presentedOf(cert, [pki.intermediate]) : null, request.at);
  return engine.decide(identity, { tls: request.tls ?? true, path: request.path ?? '/', at: request.at });
}

/** "403.16" and so on. */
export const statusOf = (decision: { status: number; substatus: number }) => `${decision.status}.${decision.substatus}`;
