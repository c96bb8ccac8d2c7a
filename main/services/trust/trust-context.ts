import type { KeyObject } from 'node:crypto';
import { digestHex } from '../certificates/codec/text';
import type { DecodedCertificate } from '../certificates/codec/types';
import { BoundedCache } from './bounded-cache';
import { toCertView, type CertView } from './cert-view';
import { toCrlView, type CrlView } from './crl-view';
import { publicKeyOf, verifySignature, type SignatureOutcome, type SignedParts } from './signature';
import { certificateChangePoints, changePointsOf, crlChangePoints, VerdictCache } from './verdict-cache';
import type { VerifyOutcome } from './verify';

/** What a trust context is compiled from: DER certificates and CRLs. */
export interface TrustInput {
  anchors: readonly Uint8Array[];
  intermediates?: readonly Uint8Array[];
  crls?: readonly Uint8Array[];
}

/** A CRL in the index, with the certificates its signature was verified against at compile time. */
export interface CompiledCrl extends CrlView {
  /** SHA-256 of the context certificates whose key verifies this CRL's signature. */
  verifiedBy: ReadonlySet<string>;
}

/** Caches shared by every verification on one context: parsed certificates, keys, signature results. */
export interface VerificationCaches {
  views: BoundedCache<string, CertView>;
  keys: BoundedCache<string, KeyObject | null>;
  signatures: BoundedCache<string, SignatureOutcome>;
  /** Whole verdicts, per presented chain and time window (see verdict-cache.ts). */
  verdicts: VerdictCache<VerifyOutcome>;
}

/**
 * The compiled, immutable trust configuration of one site (or of one CLI run): built once, then
 * shared by every verification. Only the caches inside change, and they only memoise.
 */
export interface TrustContext {
  readonly anchors: ReadonlyMap<string, CertView>;
  /** Anchors and intermediates by subject key (nameKeyOf), anchors first. */
  readonly issuersBySubject: ReadonlyMap<string, readonly CertView[]>;
  /** The same certificates by subjectKeyIdentifier (hex). */
  readonly issuersBySki: ReadonlyMap<string, readonly CertView[]>;
  /** CRLs by issuer key (nameKeyOf of the CRL issuer). */
  readonly crlsByIssuer: ReadonlyMap<string, readonly CompiledCrl[]>;
  /** Inputs that could not be read, with the reason; they are left out, not fatal. */
  readonly notices: readonly string[];
  readonly caches: VerificationCaches;
}

// Sized for a busy gateway: every distinct client certificate costs one entry in each.
const CACHE_LIMIT = 50_000;
// A verdict keeps a copy of the chain the client sent (a few KB when it is not one of the context's own certificates).
const VERDICT_LIMIT = 10_000;

function push<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Compile anchors, intermediates and CRLs into a TrustContext (parsing and CRL signature checks happen here, once). */
export function compileTrustContext(input: TrustInput): TrustContext {
  const views = new BoundedCache<string, CertView>(CACHE_LIMIT);
  const signing: SignatureCaches = { keys: new BoundedCache(CACHE_LIMIT), signatures: new BoundedCache(CACHE_LIMIT * 2) };
  const notices: string[] = [];
  const anchors = new Map<string, CertView>();
  const all = new Map<string, CertView>();
  const read = (der: Uint8Array, what: string, index: number): CertView | null => {
    try {
      const view = toCertView(der);
      views.set(view.sha256, view);
      return view;
    } catch (error) {
      notices.push(`${what} ${index + 1} is not a readable certificate: ${(error as Error).message}`);
      return null;
    }
  };
  input.anchors.forEach((der, i) => {
    const view = read(der, 'Trust anchor', i);
    if (view) anchors.set(view.sha256, view);
  });
  for (const view of anchors.values()) all.set(view.sha256, view);
  (input.intermediates ?? []).forEach((der, i) => {
    const view = read(der, 'Intermediate', i);
    if (view && !all.has(view.sha256)) all.set(view.sha256, view);
  });

  const issuersBySubject = new Map<string, CertView[]>();
  const issuersBySki = new Map<string, CertView[]>();
  for (const view of all.values()) {
    push(issuersBySubject, view.subjectKey, view);
    if (view.ext.ski) push(issuersBySki, view.ext.ski, view);
  }

  const crlsByIssuer = new Map<string, CompiledCrl[]>();
  const seenCrls = new Set<string>();
  (input.crls ?? []).forEach((der, i) => {
    let crl: CrlView;
    try {
      crl = toCrlView(der);
    } catch (error) {
      notices.push(`CRL ${i + 1} is not a readable CRL: ${(error as Error).message}`);
      return;
    }
    if (seenCrls.has(crl.sha256)) return;
    seenCrls.add(crl.sha256);
    const verifiedBy = new Set<string>();
    for (const issuer of issuersBySubject.get(crl.issuerKey) ?? []) {
      if (checkSignature(signing, crl, issuer) === 'ok') verifiedBy.add(issuer.sha256);
    }
    push(crlsByIssuer, crl.issuerKey, { ...crl, verifiedBy });
  });

  const crls = [...crlsByIssuer.values()].flat();
  const points = changePointsOf([...[...all.values()].flatMap(certificateChangePoints), ...crls.flatMap(crlChangePoints)]);
  const caches: VerificationCaches = { views, ...signing, verdicts: new VerdictCache(VERDICT_LIMIT, points, (sha256) => all.get(sha256)?.der) };

  return Object.freeze({ anchors, issuersBySubject, issuersBySki, crlsByIssuer, notices: Object.freeze(notices), caches });
}

/** The CertView of a DER certificate, parsed at most once per context (presented chains repeat); `sha256` and `decoded` when the caller has them. */
export function viewOf(caches: VerificationCaches, der: Uint8Array, sha256 = digestHex('sha256', der), decoded?: DecodedCertificate): CertView {
  const cached = caches.views.get(sha256);
  if (cached) return cached;
  const view = toCertView(der, decoded);
  caches.views.set(sha256, view);
  return view;
}

/** The caches a signature check uses (all a context has while its CRLs are being compiled). */
type SignatureCaches = Pick<VerificationCaches, 'keys' | 'signatures'>;

/** The public key of a certificate (or an explicit SPKI, e.g. with inherited DSA parameters), cached by certificate. */
export function keyOf(caches: SignatureCaches, cert: CertView, spki?: Uint8Array): KeyObject | null {
  if (spki) return publicKeyOf(spki);
  let key = caches.keys.get(cert.sha256);
  if (key === undefined) {
    key = publicKeyOf(cert.spki);
    caches.keys.set(cert.sha256, key);
  }
  return key;
}

/** Verify a certificate's or CRL's signature with an issuer's key; results are cached by (issuer, signed object). */
export function checkSignature(caches: SignatureCaches, signed: { sha256: string; signed: SignedParts }, issuer: CertView, spki?: Uint8Array): SignatureOutcome {
  const cacheKey = `${issuer.sha256}:${signed.sha256}`;
  const cached = spki ? undefined : caches.signatures.get(cacheKey);
  if (cached) return cached;
  const key = keyOf(caches, issuer, spki);
  const outcome = key ? verifySignature(signed.signed, key) : 'unsupported';
  if (!spki) caches.signatures.set(cacheKey, outcome);
  return outcome;
}
