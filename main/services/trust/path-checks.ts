import { KU } from './cert-extensions';
import { labelOf, type CertView } from './cert-view';
import type { Failure } from './failure';
import { checkNameConstraints, constraintsProblem } from './name-constraints';
import { processCertificatePolicies, type PolicyOptions } from './policy-tree';
import { EXTENDED_KEY_USAGES } from '../certificates/codec/oids';
import { isValidDnsName, sameBytes } from './name-forms';
import { inheritDsaParameters } from './signature';
import { checkSignature, type TrustContext } from './trust-context';

/** What a certificate is checked for: TLS client authentication, server authentication, or anything. */
export type Purpose = 'client' | 'server' | 'any';

const EKU_SERVER = '1.3.6.1.5.5.7.3.1';
const EKU_CLIENT = '1.3.6.1.5.5.7.3.2';
const EKU_ANY = '2.5.29.37.0';
const KU_KEY_ENCIPHERMENT = 1 << 2;
const KU_KEY_AGREEMENT = 1 << 4;

const iso = (ms: number) => new Date(ms).toISOString();
const isHostname = (name: string) => isValidDnsName(name, true) && !name.includes('_');
const ekuNames = (eku: readonly string[]) => (eku.length ? eku.map((oid) => EXTENDED_KEY_USAGES[oid] ?? oid).join(', ') : 'an empty list');

/** EKU of the leaf (and of intermediates that restrict it, as Windows and OpenSSL do) against the purpose. */
function ekuAllows(eku: readonly string[] | null, purpose: Purpose): boolean {
  if (purpose === 'any' || eku === null) return true;
  return eku.includes(EKU_ANY) || eku.includes(purpose === 'client' ? EKU_CLIENT : EKU_SERVER);
}

// TLS signs with the client key (CertificateVerify); servers may also use key encipherment/agreement.
function keyUsageAllows(keyUsage: number | null, purpose: Purpose): boolean {
  if (keyUsage === null || purpose === 'any') return true;
  const needed = purpose === 'client' ? KU.digitalSignature | KU_KEY_AGREEMENT : KU.digitalSignature | KU_KEY_AGREEMENT | KU_KEY_ENCIPHERMENT;
  return (keyUsage & needed) !== 0;
}

/** Format and extension checks that apply to any certificate of the path. */
function checkProfile(cert: CertView, actsAsCa: boolean, push: (f: Omit<Failure, 'cert' | 'index'>) => void): void {
  const { ext } = cert;
  if (ext.problems.length > 0) push({ code: 'invalid', check: 'certificate format', reason: ext.problems[0]! });
  if (ext.unknownCritical.length > 0) push({ code: 'invalid', check: 'critical extensions', reason: `has a critical extension this validator does not process (${ext.unknownCritical.join(', ')})` });
  if (!sameBytes(cert.innerAlgorithmDer, cert.signed.algorithmDer)) {
    push({ code: 'invalid', check: 'certificate format', reason: 'names different signature algorithms inside and outside the signed part (RFC 5280 4.1.1.2)' });
  }
  if (cert.decoded.facts.issuerFields.length === 0) push({ code: 'invalid', check: 'certificate format', reason: 'has an empty issuer name (RFC 5280 4.1.2.4)' });
  if (cert.subjectRdns.length === 0 && (actsAsCa || !ext.sanCritical)) {
    push({ code: 'invalid', check: 'certificate format', reason: actsAsCa ? 'is a CA with an empty subject name' : 'has an empty subject without a critical subjectAltName (RFC 5280 4.2.1.6)' });
  }
  const isCa = ext.basicConstraints?.ca === true;
  if (ext.keyUsage !== null && ext.keyUsage & KU.keyCertSign && !isCa) {
    push({ code: 'invalid', check: 'basic constraints', reason: 'asserts keyCertSign without being a CA (RFC 5280 4.2.1.3)' });
  }
  if (ext.nameConstraints) {
    if (!isCa) push({ code: 'invalid', check: 'name constraints', reason: 'has name constraints but is not a CA (RFC 5280 4.2.1.10)' });
    const problem = constraintsProblem(ext.nameConstraints);
    if (problem) push({ code: 'invalid', check: 'name constraints', reason: `has a malformed name constraint: ${problem}` });
  }
}

/** Issuer-side checks: CA, keyCertSign, intermediate EKU (the anchor too, except EKU). */
function checkIssuer(cert: CertView, isAnchor: boolean, purpose: Purpose, push: (f: Omit<Failure, 'cert' | 'index'>) => void): void {
  const { ext } = cert;
  // A v1/v2 anchor has no extensions at all and is a CA by being trusted (RFC 5280 6.1.4 (k) is for intermediates).
  const legacyAnchor = isAnchor && cert.version < 3;
  if (!legacyAnchor && ext.basicConstraints?.ca !== true) {
    push({ code: 'invalid', check: 'basic constraints', reason: ext.basicConstraints ? 'issues certificates but its basicConstraints say it is not a CA' : 'issues certificates but has no basicConstraints extension marking it a CA' });
  }
  if (ext.keyUsage !== null && !(ext.keyUsage & KU.keyCertSign)) push({ code: 'invalid', check: 'key usage', reason: 'issues certificates but its keyUsage lacks keyCertSign' });
  if (!isAnchor && !ekuAllows(ext.eku, purpose)) push({ code: 'wrong-usage', check: 'extended key usage', reason: `restricts its extended key usage to ${ekuNames(ext.eku!)}, which excludes ${purpose} authentication` });
}

/** RFC 5280 6.1.4 (l)-(m): pathLenConstraint, counting non-self-issued intermediates below each constraint. */
function checkPathLength(path: readonly CertView[], push: (index: number, f: Omit<Failure, 'cert' | 'index'>) => void): void {
  const anchor = path[path.length - 1]!;
  let remaining = anchor.ext.basicConstraints?.pathLen ?? Infinity;
  let setBy = anchor;
  for (let k = path.length - 2; k >= 1; k--) {
    const cert = path[k]!;
    if (!cert.selfIssued) {
      if (remaining <= 0) {
        push(k, { code: 'invalid', check: 'basic constraints', reason: `is one CA too many: ${labelOf(setBy)} allows ${setBy.ext.basicConstraints?.pathLen ?? 0} intermediate CA(s) below it (pathLenConstraint)` });
        return;
      }
      remaining--;
    }
    const own = cert.ext.basicConstraints?.pathLen;
    if (own != null && own < remaining) {
      remaining = own;
      setBy = cert;
    }
  }
}

/**
 * RFC 5280 6.1.4 (e)-(f): a DSA key without parameters inherits its issuer's. Returns, per path
 * index, the rebuilt SubjectPublicKeyInfo where that applies (undefined elsewhere).
 */
export function effectiveSpkis(path: readonly CertView[]): (Uint8Array | undefined)[] {
  const spkis: (Uint8Array | undefined)[] = new Array(path.length).fill(undefined);
  for (let i = path.length - 2; i >= 0; i--) {
    spkis[i] = inheritDsaParameters(path[i]!.spki, spkis[i + 1] ?? path[i + 1]!.spki) ?? undefined;
  }
  return spkis;
}

/**
 * Every check of RFC 5280 6.1 except revocation on one complete path (leaf first, anchor last).
 * Returns all failures; the caller picks the one to report by precedence.
 */
export function checkPath(context: TrustContext, path: readonly CertView[], spkis: readonly (Uint8Array | undefined)[], at: number, purpose: Purpose, policy: PolicyOptions): Failure[] {
  const failures: Failure[] = [];
  const push = (index: number, f: Omit<Failure, 'cert' | 'index'>) => failures.push({ ...f, index, cert: path[index]! });
  const anchorIndex = path.length - 1;
  for (let i = anchorIndex; i >= 0; i--) {
    const cert = path[i]!;
    const actsAsCa = i > 0;
    checkProfile(cert, actsAsCa, (f) => push(i, f));
    if (actsAsCa) checkIssuer(cert, i === anchorIndex, purpose, (f) => push(i, f));
    if (at > cert.notAfter) push(i, { code: 'expired', check: 'validity period', reason: `expired on ${iso(cert.notAfter)} (validation time ${iso(at)})` });
    if (at < cert.notBefore) push(i, { code: 'not-yet-valid', check: 'validity period', reason: `is not valid before ${iso(cert.notBefore)} (validation time ${iso(at)})` });
    if (i < anchorIndex) {
      const issuer = path[i + 1]!;
      const issuerSpki = spkis[i + 1];
      const outcome = checkSignature(context.caches, cert, issuer, issuerSpki);
      if (outcome === 'bad') push(i, { code: 'bad-signature', check: 'signature', reason: `carries a signature that does not verify with the key of ${labelOf(issuer)}` });
      if (outcome === 'unsupported') push(i, { code: 'invalid', check: 'signature', reason: `is signed with ${cert.decoded.facts.signatureAlgorithm}, or by a key of ${labelOf(issuer)} that cannot be used` });
    }
  }
  checkPathLength(path, push);
  const leaf = path[0]!;
  if (!ekuAllows(leaf.ext.eku, purpose)) {
    push(0, { code: 'wrong-usage', check: 'extended key usage', reason: `is not for ${purpose} authentication: its extended key usage is ${ekuNames(leaf.ext.eku!)}` });
  }
  if (purpose === 'server') {
    // A server name must be a hostname (RFC 5280 4.2.1.6 preferred name syntax), never an address in DNS form.
    const bad = (leaf.ext.subjectAltNames ?? []).find((n) => n.kind === 'dns' && (!isHostname(n.text) || /^[\d.]+$/.test(n.text)));
    if (bad) push(0, { code: 'invalid', check: 'certificate format', reason: `has a subjectAltName dNSName "${bad.text}" that is not a valid host name` });
  }
  // A TLS peer is an end entity: a CA certificate is refused as one (as webpki does); 'any' lets the CLI check a CA.
  if (purpose !== 'any' && path.length > 1 && leaf.ext.basicConstraints?.ca === true) {
    push(0, { code: 'wrong-usage', check: 'basic constraints', reason: `is a CA certificate, not an end-entity certificate for ${purpose} authentication` });
  }
  if (!keyUsageAllows(leaf.ext.keyUsage, purpose)) push(0, { code: 'wrong-usage', check: 'key usage', reason: `has a keyUsage that does not allow signing, which ${purpose} authentication needs` });
  if (path.length > 1) {
    const violation = checkNameConstraints(path);
    if (violation) push(path.indexOf(violation.cert), { code: 'name-constraints', check: 'name constraints', reason: violation.reason });
    const certs = path.slice(0, -1).reverse();
    const policyOutcome = processCertificatePolicies(certs, policy);
    if (policyOutcome.failure) push(anchorIndex - 1 - policyOutcome.failure.index, { code: 'invalid', check: 'certificate policies', reason: policyOutcome.failure.reason });
  }
  return failures;
}
