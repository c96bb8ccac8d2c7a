import { randomBytes, type webcrypto } from 'node:crypto';
import { hostname } from 'node:os';
import * as x509 from '@peculiar/x509';
import { DomainError } from '../../../shared/errors';
import {
  DEFAULT_CRL_VALIDITY_SECONDS,
  type AuthorityInfo,
  type AuthorityKeyAlgorithm,
  type CrlFile,
  type IssueProfile,
  type IssuedCertificate,
  type RevocationReason,
} from '../../../shared/models/authority';
import type { Clock, ConfigStore, SecretVault } from '../../ports';
import type { AccountService } from '../accounts/account-service';
import type { CertificateService } from '../certificates/certificate-service';
import { decodeCertificateDer, toPem } from '../certificates/codec';
import { generateKeyPair } from '../keys/key-generation';
import { writePkcs12 } from '../keys/pkcs12-writer';
import type { MappingService } from '../mappings/mapping-service';
import type { SiteService } from '../sites/site-service';
import { issuingCa, type AuthorityDocument, type AuthorityRecord, type CaRecord, type CrlState } from './authority-document';
import { authorityInfo, crlFile, issuedView } from './authority-views';
import { CaKeys } from './ca-keys';
import { readVerifiedRequest } from './verified-request';
import { BACKDATE_MS, createAuthority } from './create-authority';
import { crlIsDue, issueCrl } from './crl-issuer';
import { checkCrlUrl, defaultCrlUrl } from './crl-url';
import { randomSerialHex } from './serial-number';
import { clientAltNames, signCertificate } from './sign-certificate';
import { parseSubject, toX509Name } from '../keys/subject-name';

const DAY_MS = 86_400_000;
/** A year, as Windows' Certificate Services issues user certificates by default. */
export const DEFAULT_VALIDITY_DAYS = 365;

export interface AuthorityInit {
  name?: string;
  algorithm?: AuthorityKeyAlgorithm;
  intermediate?: boolean;
  crlUrl?: string;
  crlValiditySeconds?: number;
}

/** A subject alternative name to put in a certificate the authority issues. */
export interface AltName {
  type: 'dns' | 'ip' | 'email' | 'upn' | 'uri';
  value: string;
}

/** A certificate for a key the caller already holds (the renewal wizard, a key made by the key manager). */
export interface PublicKeyOrder {
  /** "CN=..., O=..." (RFC 4514 form) or an already built name. */
  subject: string | x509.Name;
  /** SubjectPublicKeyInfo DER, or a parsed/WebCrypto public key. */
  publicKey: Uint8Array | x509.PublicKey | webcrypto.CryptoKey;
  profile: IssueProfile;
  /** Names to include; server certificates need at least one DNS or IP name. */
  altNames?: AltName[];
  /** A subjectAltName extension to copy as it is (from a request); wins over altNames. */
  altNamesExtension?: x509.SubjectAlternativeNameExtension | null;
  days?: number;
  account?: string | null;
}

/** What the authority hands back after signing: the register entry, the DER and the chain up to (not including) the root. */
export interface SignedCertificate {
  certificate: IssuedCertificate;
  der: Uint8Array;
  chain: Uint8Array[];
}

export interface ClientCertificateOrder {
  account: string;
  /** Default: CN=<account>. */
  subject?: string;
  password: string;
  /** Also map the certificate one-to-one on this site (and make the site trust the authority). */
  mapSite?: string | null;
  days?: number;
  algorithm?: AuthorityKeyAlgorithm;
}

export interface IssuedClientCertificate extends SignedCertificate {
  /** PKCS#12 (AES-256, PBKDF2) with the key, the certificate and its chain, protected by the order's password. */
  pfx: Uint8Array;
  fileName: string;
  mapping: { site: string; id: string } | null;
  /** CA certificates the mapped site was made to trust (empty when it already did). */
  trustedIssuersAdded: string[];
}

export interface AuthorityDependencies {
  certificates: CertificateService;
  sites: SiteService;
  accounts: AccountService;
  mappings: MappingService;
}

const x509Alt = (name: AltName): x509.JsonGeneralName => ({ type: name.type === 'uri' ? 'url' : name.type, value: name.value });

/**
 * The local certificate authority (IIS's Certificate Server role): a root, optionally an intermediate
 * that issues, a register of everything issued, revocation and CRLs. Its keys live only in the vault;
 * its CA certificates are also put in the certificate store, and each CA's current CRL is kept among
 * the store's CRLs, which is how a running gateway learns of a revocation (its snapshot follows the
 * store) without fetching anything.
 */
export class AuthorityService {
  private readonly keys: CaKeys;

  constructor(
    private readonly store: ConfigStore<AuthorityDocument>,
    private readonly vault: SecretVault,
    private readonly clock: Clock,
    private readonly deps: AuthorityDependencies,
  ) {
    this.keys = new CaKeys(vault);
  }

  /** The authority, or null before `ca init` (or a first start) created one. */
  info(): AuthorityInfo | null {
    const authority = this.store.read().authority;
    return authority ? authorityInfo(authority) : null;
  }

  /** The register, newest first, with each certificate's status today. */
  issued(): IssuedCertificate[] {
    const now = this.clock.now();
    return Object.values(this.require().issued)
      .map((record) => issuedView(record, now))
      // Insertion order reversed first, so certificates issued in the same millisecond stay newest first.
      .reverse()
      .sort((a, b) => b.issuedAt.localeCompare(a.issuedAt));
  }

  /** The register's entry for one certificate, or null when the local authority did not issue it. */
  findIssued(sha256: string): IssuedCertificate | null {
    const record = this.store.read().authority?.issued[sha256.toLowerCase()];
    return record ? issuedView(record, this.clock.now()) : null;
  }

  /** Create the authority (once per data folder). Its CA certificates go to the Trusted Root and Intermediate stores. */
  async init(input: AuthorityInit = {}): Promise<AuthorityInfo> {
    this.assertNoAuthority();
    const id = randomBytes(8).toString('hex');
    const name = (input.name ?? `CertMapper Local Authority (${hostname()})`).trim();
    if (!name || name.length > 64) throw new DomainError('INVALID_INPUT', 'The authority name must have 1 to 64 characters (it is the CA certificate\'s common name)');
    const authority = await createAuthority(
      {
        id,
        name,
        algorithm: input.algorithm ?? 'ec-p256',
        intermediate: input.intermediate ?? false,
        crlUrl: input.crlUrl ? checkCrlUrl(input.crlUrl) : defaultCrlUrl(id),
        crlValiditySeconds: input.crlValiditySeconds ?? DEFAULT_CRL_VALIDITY_SECONDS,
      },
      this.vault,
      this.keys,
      this.clock.now(),
    );
    this.commit((document) => {
      if (document.authority) throw this.alreadyThere(document.authority);
      return { ...document, authority };
    });
    this.putCaCertificatesInStore(authority);
    for (const ca of this.cas(authority)) this.deps.certificates.replaceCrl(Buffer.from(ca.crl.der, 'base64'), null);
    return authorityInfo(authority);
  }

  /**
   * Issue a certificate for a key someone else holds: the subject and names as given, the profile's
   * key usage and EKU, the issuing CA's CRL distribution point. Recorded in the register.
   */
  async issue(order: PublicKeyOrder): Promise<SignedCertificate> {
    const authority = this.require();
    const ca = issuingCa(authority);
    const subject = typeof order.subject === 'string' ? toX509Name(parseSubject(order.subject)) : order.subject;
    const publicKey = order.publicKey instanceof Uint8Array ? new x509.PublicKey(order.publicKey) : order.publicKey;
    const altNamesExtension = order.altNamesExtension !== undefined ? order.altNamesExtension : order.altNames?.length ? new x509.SubjectAlternativeNameExtension(order.altNames.map(x509Alt)) : null;
    if (order.profile === 'server' && !altNamesExtension?.names.items.some((name) => name.type === 'dns' || name.type === 'ip')) {
      throw new DomainError('INVALID_INPUT', 'A server certificate needs a subject alternative name (DNS name or IP address): TLS clients match the host against those only. Add one to the request (openssl req -addext "subjectAltName=DNS:host.example") and try again.');
    }
    const now = this.clock.now();
    const days = order.days ?? DEFAULT_VALIDITY_DAYS;
    const notAfter = new Date(now.getTime() + days * DAY_MS);
    if (notAfter.getTime() > Date.parse(ca.notAfter)) {
      throw new DomainError('INVALID_INPUT', `${days} days would outlive the issuing CA (valid until ${ca.notAfter}): ask for fewer days`);
    }
    const certificate = await signCertificate(await this.keys.signer(authority, ca), {
      kind: order.profile,
      serialHex: randomSerialHex(),
      subject,
      publicKey,
      subjectAltNames: altNamesExtension,
      notBefore: new Date(now.getTime() - BACKDATE_MS),
      notAfter,
      crlUrl: ca.crl.url,
    });
    const der = new Uint8Array(certificate.rawData);
    // Subject and serial as the certificate store shows them (RFC 4514 order), from our own decoder.
    const decoded = decodeCertificateDer(der);
    const record = {
      sha256: decoded.sha256,
      serial: decoded.summary.serial,
      subject: decoded.summary.subject,
      profile: order.profile,
      account: order.account ?? null,
      issuerSha256: ca.sha256,
      issuedAt: now.toISOString(),
      notBefore: decoded.summary.notBefore,
      notAfter: decoded.summary.notAfter,
      revocation: null,
    };
    this.commit((document) => {
      const current = document.authority;
      if (current?.id !== authority.id) throw new DomainError('CONFLICT', 'The local authority was replaced while the certificate was being issued');
      return { ...document, authority: { ...current, issued: { ...current.issued, [record.sha256]: record } } };
    });
    return { certificate: issuedView(record, now), der, chain: authority.intermediate ? [Buffer.from(authority.intermediate.der, 'base64')] : [] };
  }

  /**
   * Sign a PKCS#10 request made elsewhere (openssl req, another tool's key): its signature is checked
   * first; subject and subjectAltName are copied from it, everything else comes from the profile.
   */
  async signRequest(input: { request: Uint8Array; profile: IssueProfile; days?: number; account?: string | null }): Promise<SignedCertificate> {
    this.require();
    const request = await readVerifiedRequest(input.request);
    return this.issue({
      subject: request.subject,
      publicKey: request.publicKey,
      profile: input.profile,
      altNamesExtension: request.subjectAltNames,
      days: input.days,
      account: input.account ?? null,
    });
  }

  /**
   * One action for a person: a new key, a client certificate (clientAuth, the account's email and UPN
   * as subject alternative names), a PKCS#12 protected by `password`, and optionally a one-to-one
   * mapping on a site that is made to trust the authority. The authority keeps no copy of the key.
   */
  async issueClientCertificate(order: ClientCertificateOrder): Promise<IssuedClientCertificate> {
    const account = this.deps.accounts.require(order.account);
    if (order.mapSite) this.deps.sites.get(order.mapSite);
    if (!order.password) throw new DomainError('INVALID_INPUT', 'A PKCS#12 file needs a password to protect its private key');
    const authority = this.require();
    const subject = order.subject ? toX509Name(parseSubject(order.subject)) : new x509.Name([{ '2.5.4.3': [account.name] }]);
    const keyPair = await generateKeyPair(order.algorithm ?? 'ec-p256');
    const signed = await this.issue({
      subject,
      publicKey: keyPair.cryptoKeys.publicKey,
      profile: 'client',
      altNamesExtension: clientAltNames({ email: account.email, upn: account.upn }),
      days: order.days,
      account: account.name,
    });
    const pfx = writePkcs12({ certificates: [signed.der, ...signed.chain], privateKeyPkcs8: keyPair.privateKeyPkcs8, password: order.password, friendlyName: `${account.name} (${authority.name})` });
    keyPair.privateKeyPkcs8.fill(0);
    let mapping: IssuedClientCertificate['mapping'] = null;
    let trustedIssuersAdded: string[] = [];
    if (order.mapSite) {
      trustedIssuersAdded = this.trustOnSite(order.mapSite);
      this.deps.certificates.import({ files: [{ name: `${account.name}.cer`, contentBase64: Buffer.from(signed.der).toString('base64') }], store: 'client' });
      const added = this.deps.mappings.addOneToOne(order.mapSite, { certificateSha256: signed.certificate.sha256, account: account.name, enabled: true });
      mapping = { site: this.deps.sites.get(order.mapSite).name, id: added.id };
    }
    return { ...signed, pfx, fileName: `${account.name.replace(/[^\w.-]+/g, '_')}.pfx`, mapping, trustedIssuersAdded };
  }

  /**
   * Make a site trust the authority: its CA certificates (back) in the store and on the site's trusted
   * issuers, so its CertificateRequest names them. Returns the SHA-256 of those newly trusted.
   */
  trustOnSite(siteName: string): string[] {
    const authority = this.require();
    this.putCaCertificatesInStore(authority);
    const trusted = new Set(this.deps.sites.get(siteName).trustedIssuers);
    const add = this.cas(authority).map((ca) => ca.sha256).filter((sha256) => !trusted.has(sha256));
    if (add.length) this.deps.sites.setTrust(siteName, add, []);
    return add;
  }

  /**
   * Revoke a certificate the authority issued, with an RFC 5280 reason. Its CA's CRL is reissued at
   * once and put in the certificate store, which a running gateway follows within a second.
   */
  revoke(sha256: string, reason: RevocationReason = 'unspecified'): { certificate: IssuedCertificate; crl: CrlFile } {
    const key = sha256.toLowerCase();
    const now = this.clock.now();
    let previous: CrlState | undefined;
    const document = this.commit((base) => {
      const authority = this.require(base);
      const record = authority.issued[key];
      if (!record) {
        const isRoot = authority.root.sha256 === key;
        throw new DomainError('NOT_FOUND', isRoot ? 'The root cannot be revoked: it is trusted directly. Remove it from the sites\' trusted issuers instead.' : `No certificate with SHA-256 ${sha256} was issued by the local authority`);
      }
      if (record.revocation) throw new DomainError('CONFLICT', `The certificate ${record.subject} was already revoked on ${record.revocation.at} (${record.revocation.reason})`);
      const revoked = { ...authority, issued: { ...authority.issued, [key]: { ...record, revocation: { at: now.toISOString(), reason } } } };
      const ca = this.cas(revoked).find((c) => c.sha256 === record.issuerSha256)!;
      previous = ca.crl;
      return { ...base, authority: this.withCrl(revoked, ca.role, issueCrl(revoked, ca, this.keys, now)) };
    });
    const authority = document.authority!;
    const record = authority.issued[key]!;
    const ca = this.cas(authority).find((c) => c.sha256 === record.issuerSha256)!;
    this.deps.certificates.replaceCrl(Buffer.from(ca.crl.der, 'base64'), previous?.sha256 ?? null);
    return { certificate: issuedView(record, now), crl: crlFile(authority, ca) };
  }

  /** The current CRL of the issuing CA (or the root's), reissued first if it is due. */
  crl(role: 'issuing' | 'root' = 'issuing'): CrlFile {
    this.refreshCrlsIfDue();
    const authority = this.require();
    return crlFile(authority, role === 'root' ? authority.root : issuingCa(authority));
  }

  /** The DER of the CRL published at `pathname` (the publisher's lookup), reissued first if due; null if none is. */
  crlAtPath(pathname: string): { der: Uint8Array; sha256: string; thisUpdate: string; nextUpdate: string } | null {
    if (!this.store.read().authority) return null;
    this.refreshCrlsIfDue();
    const ca = this.cas(this.require()).find((c) => new URL(c.crl.url).pathname === pathname);
    return ca ? { der: Buffer.from(ca.crl.der, 'base64'), sha256: ca.crl.sha256, thisUpdate: ca.crl.thisUpdate, nextUpdate: ca.crl.nextUpdate } : null;
  }

  /** Reissue every CRL past half its validity (serve's timer calls this); returns the roles reissued. */
  refreshCrlsIfDue(): CaRecord['role'][] {
    const now = this.clock.now();
    const initial = this.store.read().authority;
    if (!initial || !this.cas(initial).some((ca) => crlIsDue(initial, ca, now))) return [];
    const replaced: { role: CaRecord['role']; previous: string }[] = [];
    const document = this.commit((base) => {
      replaced.length = 0;
      let authority = this.require(base);
      for (const ca of this.cas(authority)) {
        if (!crlIsDue(authority, ca, now)) continue;
        replaced.push({ role: ca.role, previous: ca.crl.sha256 });
        authority = this.withCrl(authority, ca.role, issueCrl(authority, ca, this.keys, now));
      }
      return { ...base, authority };
    });
    for (const { role, previous } of replaced) {
      const ca = role === 'root' ? document.authority!.root : document.authority!.intermediate!;
      this.deps.certificates.replaceCrl(Buffer.from(ca.crl.der, 'base64'), previous);
    }
    return replaced.map((r) => r.role);
  }

  /** PEM of the authority's CA certificates (root first), e.g. for a client's trust store. */
  caCertificatesPem(): string {
    return this.cas(this.require())
      .map((ca) => toPem(Buffer.from(ca.der, 'base64')))
      .join('');
  }

  private withCrl(authority: AuthorityRecord, role: CaRecord['role'], crl: CrlState): AuthorityRecord {
    if (role === 'root') return { ...authority, root: { ...authority.root, crl } };
    return { ...authority, intermediate: { ...authority.intermediate!, crl } };
  }

  private cas(authority: AuthorityRecord): CaRecord[] {
    return authority.intermediate ? [authority.root, authority.intermediate] : [authority.root];
  }

  private putCaCertificatesInStore(authority: AuthorityRecord): void {
    for (const ca of this.cas(authority)) {
      const file = { name: `${ca.subject}.cer`, contentBase64: ca.der };
      this.deps.certificates.import({ files: [file], store: ca.role === 'root' ? 'root' : 'intermediate' });
    }
  }

  /**
   * Read-modify-write of authority.json that does not lose another process's change: the document is
   * read again just before writing (a stat), and the change is recomputed if it moved meanwhile.
   */
  private commit(change: (document: AuthorityDocument) => AuthorityDocument): AuthorityDocument {
    for (let attempt = 0; ; attempt++) {
      const base = this.store.read();
      const next = change(base);
      if (this.store.read() === base || attempt === 4) {
        this.store.write(next);
        return next;
      }
    }
  }

  private require(document = this.store.read()): AuthorityRecord {
    if (!document.authority) throw new DomainError('NOT_FOUND', 'There is no local certificate authority yet: create it with certmapper ca init (or in the console: Certification Authority > Create)');
    return document.authority;
  }

  private assertNoAuthority(): void {
    const existing = this.store.read().authority;
    if (existing) throw this.alreadyThere(existing);
  }

  private alreadyThere(authority: AuthorityRecord): DomainError {
    return new DomainError('CONFLICT', `This data folder already has a local authority, "${authority.name}" (root SHA-256 ${authority.root.sha256}); certificates it issued would no longer verify against a new one`);
  }
}
