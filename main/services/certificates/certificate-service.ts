import {
  DomainError,
  revocationSummary,
  type CertificateDetails,
  type CertificateListItem,
  type CertificateRenewal,
  type CertificateStatusDetails,
  type CertificateSummary,
  type CrlSummary,
  type ExportFormat,
  type ImportFileResult,
  type ImportRequest,
  type StoreName,
} from '../../../shared/ipc';
import type { Clock, ConfigStore, SecretVault } from '../../ports';
import { CertificateIndex } from './certificate-index';
import { privateKeyId, type CertificateDocument, type StoredCertificate } from './certificate-document';
import { renewalOf, withRenewal } from './certificate-renewal';
import { buildStoredChain } from './stored-chain';
import { importOneFile, toStoredCrl } from './import-file';
import { exportCertificate, type ExportedFile } from './export-certificate';
import { decodeCrlDer, toPem } from './codec';
import { certificateLayout } from './codec/certificate';
import { RevocationStatus, type RegisteredRevocations } from './revocation-status';

const DAY_MS = 86_400_000;

/** A certificate's details as the store holds them, before the revocation status is looked up. */
export type StoredCertificateDetails = Omit<CertificateDetails, keyof CertificateStatusDetails>;

/** The certificate store: Trusted Root, Intermediate, Client and Server, keyed by SHA-256 of the DER. */
export class CertificateService {
  private index: CertificateIndex | undefined;
  private readonly revocation = new RevocationStatus();

  constructor(
    private readonly store: ConfigStore<CertificateDocument>,
    private readonly vault: SecretVault,
    private readonly clock: Clock,
    /** The local authority's register of revocations (createServices wires it; none without an authority). */
    private readonly registered: RegisteredRevocations = () => new Map(),
  ) {}

  /** The index for the current document; another process's write gives a new document and a new index. */
  private current(): CertificateIndex {
    const document = this.store.read();
    if (this.index?.document !== document) this.index = new CertificateIndex(document);
    return this.index;
  }

  list(store?: StoreName): CertificateSummary[] {
    const all = Object.values(this.current().document.certificates).map((c) => c.summary);
    return store ? all.filter((s) => s.store === store) : all;
  }

  /** The list with each certificate's revocation status (one index per CRL set, one lookup per row) and the renewal that replaced it. */
  listWithStatus(store?: StoreName): CertificateListItem[] {
    const index = this.current();
    const revoked = this.revocation.indexFor(index.document.crls, index);
    const registered = this.registered();
    const items: CertificateListItem[] = [];
    for (const stored of Object.values(index.document.certificates)) {
      if (store && stored.summary.store !== store) continue;
      items.push({ ...stored.summary, revoked: RevocationStatus.of(stored, revoked, registered), renewal: renewalOf(stored, index.document) });
    }
    return items;
  }

  /** The renewal that replaced this certificate, or null (none, or one renewalOf does not accept). */
  renewal(sha256: string): CertificateRenewal | null {
    const { document } = this.current();
    const stored = document.certificates[sha256.toLowerCase()];
    return stored ? renewalOf(stored, document) : null;
  }

  /**
   * Mark the renewal of `from` finished (its bindings moved, or left by choice), if it is the renewal
   * that installed `to` and is not finished yet; otherwise nothing changes.
   */
  finishRenewal(from: string, to: string): void {
    const renewal = this.renewal(from);
    if (!renewal || renewal.renewedBy !== to || renewal.finishedAt) return;
    this.store.write(withRenewal(this.current().document, from.toLowerCase(), { ...renewal, finishedAt: this.clock.now().toISOString() }));
  }

  /** The renewal that replaced each replaced certificate, by its SHA-256: for lists that show it beside a certificate without its revocation status (the bindings). */
  renewals(): Map<string, CertificateRenewal> {
    const { document } = this.current();
    const renewals = new Map<string, CertificateRenewal>();
    for (const [sha256, stored] of Object.entries(document.certificates)) {
      const renewal = renewalOf(stored, document);
      if (renewal) renewals.set(sha256, renewal);
    }
    return renewals;
  }

  counts(): { certificates: number; crls: number } {
    const { document } = this.current();
    return { certificates: Object.keys(document.certificates).length, crls: Object.keys(document.crls).length };
  }

  /** What the details panel and `cert show` show: the certificate with its revocation status, from the list's own index. */
  details(sha256: string): CertificateDetails {
    const index = this.current();
    const stored = this.require(sha256);
    const details = this.get(sha256);
    const status = this.revocation.statusOf(stored, index.document.crls, index, this.registered());
    // The store's chain builder knows no CRLs: a revoked certificate's path must not read as valid beside its red box.
    const chain = status.revoked ? { ...details.chain, status: 'invalid' as const, message: `This certificate was revoked on ${revocationSummary(status.revoked)}.` } : details.chain;
    return { ...details, chain, ...status, renewal: renewalOf(stored, index.document) };
  }

  /** The details without their revocation status: what other services read, with no CRL to parse. */
  get(sha256: string): StoredCertificateDetails {
    const index = this.current();
    const stored = this.require(sha256);
    const now = this.clock.now();
    return {
      ...stored.summary,
      facts: stored.facts,
      daysLeft: Math.floor((Date.parse(stored.summary.notAfter) - now.getTime()) / DAY_MS),
      pem: toPem(Buffer.from(stored.der, 'base64')),
      chain: buildStoredChain(stored, index, now),
    };
  }

  /** One result per file; a bad file never stops the others, and nothing is written unless something was added. */
  import(request: ImportRequest): ImportFileResult[] {
    const before = this.current().document;
    const draft: CertificateDocument = {
      version: 1,
      certificates: { ...before.certificates },
      crls: { ...before.crls },
    };
    const results = request.files.map((file) =>
      importOneFile(file, draft, this.vault, {
        password: request.password,
        store: request.store,
        importedAt: this.clock.now().toISOString(),
      }),
    );
    if (results.some((r) => r.certificates.some((c) => !c.duplicate) || r.crls > 0 || r.privateKeys > 0)) {
      this.store.write(draft);
    }
    return results;
  }

  export(sha256: string, format: ExportFormat): ExportedFile {
    return exportCertificate(this.require(sha256), format);
  }

  move(sha256: string, store: StoreName): CertificateSummary {
    const { document } = this.current();
    const stored = this.require(sha256);
    const moved: StoredCertificate = { ...stored, summary: { ...stored.summary, store } };
    this.store.write({ ...document, certificates: { ...document.certificates, [stored.summary.sha256]: moved } });
    return moved.summary;
  }

  delete(sha256: string): void {
    const { document } = this.current();
    const stored = this.require(sha256);
    const certificates = { ...document.certificates };
    delete certificates[stored.summary.sha256];
    this.store.write({ ...document, certificates });
    this.vault.delete(privateKeyId(stored.summary.sha256));
  }

  /** Size of the subject's DER: what naming this certificate in a TLS CertificateRequest costs. */
  subjectNameBytes(sha256: string): number {
    const { subject } = certificateLayout(Buffer.from(this.require(sha256).der, 'base64'));
    return subject.end - subject.start;
  }

  /**
   * Keep a CRL its issuer just published in place of the one it supersedes (the local authority's
   * CRLs) in one write: the store never holds both, nor neither.
   */
  replaceCrl(der: Uint8Array, supersededSha256: string | null): CrlSummary {
    const { document } = this.current();
    const stored = toStoredCrl(decodeCrlDer(der), this.clock.now().toISOString());
    const crls = { ...document.crls };
    if (supersededSha256 && supersededSha256 !== stored.summary.sha256) delete crls[supersededSha256];
    crls[stored.summary.sha256] = stored;
    this.store.write({ ...document, crls });
    return stored.summary;
  }

  listCrls(): CrlSummary[] {
    return Object.values(this.current().document.crls).map((c) => c.summary);
  }

  private require(sha256: string): StoredCertificate {
    const stored = this.current().document.certificates[sha256.toLowerCase()];
    if (!stored) throw new DomainError('NOT_FOUND', `No certificate with SHA-256 ${sha256} in the store`);
    return stored;
  }
}
