import { REVOCATION_REASON_CODES } from '../../../shared/models/authority';
import type { CertificateRevocation, CertificateRevocationStatus } from '../../../shared/models/certificate';
import { BoundedCache } from '../trust/bounded-cache';
import { toCertView, type CertView } from '../trust/cert-view';
import { toCrlView, type CrlEntry, type CrlView } from '../trust/crl-view';
import type { SignatureOutcome } from '../trust/signature';
import { checkSignature } from '../trust/trust-context';
import type { KeyObject } from 'node:crypto';
import type { StoredCertificate, StoredCrl } from './certificate-document';
import type { CertificateIndex } from './certificate-index';

const REMOVE_FROM_CRL = 8;
const CERTIFICATE_HOLD = 6;
/** RFC 5280 5.3.1 CRLReason names by code: the local authority's reasons, and the two only delta or other CAs' CRLs carry. */
const REASON_NAMES = new Map<number, string>([
  ...Object.entries(REVOCATION_REASON_CODES).map(([name, code]) => [code, name] as const),
  [CERTIFICATE_HOLD, 'certificateHold'],
  [REMOVE_FROM_CRL, 'removeFromCRL'],
]);

/** Revocations the local authority's register knows of, by SHA-256 of the certificate. */
export type RegisteredRevocations = () => ReadonlyMap<string, CertificateRevocation>;

/** One CRL read once (by its SHA-256): what its signature check needs and its entries, keyed as the index keys them. */
interface ReadCrl {
  view: Pick<CrlView, 'sha256' | 'signed' | 'issuer' | 'issuerKey' | 'akiKeyId' | 'thisUpdate' | 'deltaBase' | 'problems'>;
  entries: { key: string; at: string; reason: number | null }[];
}

/**
 * The canonical serial of the trust engine keeps a 00 byte before a high bit; the store shows
 * serials without any leading zero byte (serialHex). The index keys them the store's way.
 */
const storeSerial = (canonical: string): string => {
  let i = 0;
  while (i + 2 < canonical.length && canonical.startsWith('00', i)) i += 2;
  return canonical.slice(i);
};

const keyOf = (issuerKey: string, serial: string): string => `${issuerKey}\n${serial}`;

/** One build for one CRL set: the revoked (issuer, serial) index, and the CRLs it used (as sources) by their issuer. */
interface BuiltIndex {
  key: string;
  index: Map<string, CertificateRevocation>;
  sourcesByIssuer: Map<string, string[]>;
}

/**
 * Revocation status of stored certificates from the CRLs the store holds (imported ones and the
 * local authority's, mirrored there at every revocation). CRLs are parsed by the trust engine's own
 * reader (toCrlView) once per CRL, their signatures checked with the issuer's key when the issuer is
 * in the store, and an index of revoked (issuer, serial) built once per change of the CRL set (or
 * of the issuers they verify against): a row is then one Map lookup on stored fields, no parsing.
 */
export class RevocationStatus {
  private readonly read = new Map<string, ReadCrl>();
  private readonly views = new BoundedCache<string, CertView>(1_000);
  private readonly signing = { keys: new BoundedCache<string, KeyObject | null>(1_000), signatures: new BoundedCache<string, SignatureOutcome>(10_000) };
  private built: BuiltIndex | undefined;

  /** The index for these CRLs, rebuilt only when the set of CRLs or their issuers in the store changed. */
  indexFor(crls: Record<string, StoredCrl>, certificates: CertificateIndex): ReadonlyMap<string, CertificateRevocation> {
    return this.current(crls, certificates).index;
  }

  /**
   * One certificate's status as its details show it: the list's lookup on the same index, and which
   * of the CRLs read are its issuer's, so that "not revoked" can say what it rests on.
   */
  statusOf(stored: StoredCertificate, crls: Record<string, StoredCrl>, certificates: CertificateIndex, registered: ReadonlyMap<string, CertificateRevocation>): CertificateRevocationStatus {
    const { index, sourcesByIssuer } = this.current(crls, certificates);
    return { revoked: RevocationStatus.of(stored, index, registered), revocationCheckedAgainst: sourcesByIssuer.get(stored.issuerKey) ?? [] };
  }

  /** The revocation of one stored certificate: the register first (it names the reason exactly), else the CRL index. */
  static of(stored: StoredCertificate, index: ReadonlyMap<string, CertificateRevocation>, registered: ReadonlyMap<string, CertificateRevocation>): CertificateRevocation | null {
    return registered.get(stored.summary.sha256) ?? index.get(keyOf(stored.issuerKey, stored.summary.serial)) ?? null;
  }

  private current(crls: Record<string, StoredCrl>, certificates: CertificateIndex): BuiltIndex {
    const stored = Object.values(crls);
    // Which CRLs, and which store certificates could verify each: cheap to compute, no parsing.
    const key = stored.map((crl) => `${crl.summary.sha256}:${certificates.bySubject(crl.issuerKey).map((c) => c.summary.sha256).join(',')}`).sort().join(';');
    if (this.built?.key !== key) this.built = { key, ...this.build(stored, certificates) };
    return this.built;
  }

  private build(stored: readonly StoredCrl[], certificates: CertificateIndex): Omit<BuiltIndex, 'key'> {
    const index = new Map<string, CertificateRevocation>();
    const sourcesByIssuer = new Map<string, string[]>();
    const removals: string[] = [];
    const current = new Set<string>();
    const usable: { crl: ReadCrl; source: string }[] = [];
    for (const storedCrl of stored) {
      current.add(storedCrl.summary.sha256);
      const crl = this.readCrl(storedCrl);
      if (!crl || crl.view.problems.length > 0) continue; // the gateway cannot use it either
      const verdict = this.verify(crl, certificates);
      if (verdict === 'bad') continue;
      const date = new Date(crl.view.thisUpdate).toISOString().slice(0, 10);
      const source = `CRL of "${crl.view.issuer}" (${date})${verdict === 'unchecked' ? ', signature not checked: its issuer is not in the store' : ''}`;
      usable.push({ crl, source });
      sourcesByIssuer.set(crl.view.issuerKey, [...(sourcesByIssuer.get(crl.view.issuerKey) ?? []), source]);
    }
    // Full CRLs first, then deltas, whose removeFromCRL entries release a certificateHold (RFC 5280 5.2.4).
    usable.sort((a, b) => Number(a.crl.view.deltaBase !== null) - Number(b.crl.view.deltaBase !== null));
    for (const { crl, source } of usable) {
      for (const entry of crl.entries) {
        if (entry.reason === REMOVE_FROM_CRL) {
          removals.push(entry.key);
          continue;
        }
        const known = index.get(entry.key);
        if (!known || entry.at < known.at) index.set(entry.key, { at: entry.at, reason: entry.reason === null ? null : (REASON_NAMES.get(entry.reason) ?? String(entry.reason)), source });
      }
    }
    for (const key of removals) if (index.get(key)?.reason === REASON_NAMES.get(CERTIFICATE_HOLD)) index.delete(key);
    for (const sha256 of this.read.keys()) if (!current.has(sha256)) this.read.delete(sha256);
    return { index, sourcesByIssuer };
  }

  private readCrl(stored: StoredCrl): ReadCrl | null {
    const cached = this.read.get(stored.summary.sha256);
    if (cached) return cached;
    const entries: ReadCrl['entries'] = [];
    let view: CrlView;
    try {
      const collect = (entry: CrlEntry) => entries.push({ key: keyOf(entry.issuerKey, storeSerial(entry.serial)), at: entry.revokedAt, reason: entry.reason });
      view = toCrlView(new Uint8Array(Buffer.from(stored.der, 'base64')), collect);
    } catch {
      return null;
    }
    // Keep only what the index needs: the view's own serial sets would double the memory of a large CRL.
    const { sha256, signed, issuer, issuerKey, akiKeyId, thisUpdate, deltaBase, problems } = view;
    const crl: ReadCrl = { view: { sha256, signed, issuer, issuerKey, akiKeyId, thisUpdate, deltaBase, problems }, entries };
    this.read.set(stored.summary.sha256, crl);
    return crl;
  }

  /** 'ok' when a store certificate named as its issuer verifies it, 'bad' when such certificates exist and none does, 'unchecked' when none is stored. */
  private verify(crl: ReadCrl, certificates: CertificateIndex): 'ok' | 'bad' | 'unchecked' {
    const issuers = certificates.bySubject(crl.view.issuerKey);
    if (issuers.length === 0) return 'unchecked';
    for (const issuer of issuers) {
      const view = this.viewOf(issuer);
      if (!view || (crl.view.akiKeyId && view.ext.ski && crl.view.akiKeyId !== view.ext.ski)) continue;
      if (checkSignature(this.signing, crl.view, view) === 'ok') return 'ok';
    }
    return 'bad';
  }

  private viewOf(stored: StoredCertificate): CertView | null {
    const cached = this.views.get(stored.summary.sha256);
    if (cached) return cached;
    try {
      const view = toCertView(new Uint8Array(Buffer.from(stored.der, 'base64')));
      this.views.set(stored.summary.sha256, view);
      return view;
    } catch {
      return null;
    }
  }
}
