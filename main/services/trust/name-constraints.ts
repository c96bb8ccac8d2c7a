import type { NameConstraints } from './cert-extensions';
import { labelOf, type CertView } from './cert-view';
import { describeGeneralName, type GeneralName, type GeneralNameKind } from './general-names';
import {
  dnMatches,
  dnsMatches,
  emailMatches,
  ipMatches,
  isValidDnsConstraint,
  isValidDnsName,
  isValidEmailConstraint,
  isValidIpConstraint,
  isValidMailbox,
  otherNameMatches,
  uriHost,
  uriMatches,
} from './name-forms';

// Comparisons allowed for one path: x509-limbo's nc-dos cases multiply thousands of names by
// thousands of constraints; past this the path fails instead of burning the gateway's CPU. Like
// OpenSSL (NAME_CHECK_MAX), names x subtrees is also refused up front, whatever the forms.
const MAX_COMPARISONS = 1 << 20;

/** A name-constraint failure: the certificate whose name is refused, and why. */
export interface ConstraintViolation {
  cert: CertView;
  reason: string;
}

/** Why a constraint base is unusable (RFC 5280 4.2.1.10 syntax), or null when it is well-formed. */
function baseProblem(base: GeneralName): string | null {
  switch (base.kind) {
    case 'dns':
      return isValidDnsConstraint(base.text) ? null : `dNSName constraint "${base.text}" is not a DNS name`;
    case 'email':
      return isValidEmailConstraint(base.text) ? null : `rfc822Name constraint "${base.text}" is not a mailbox, host or domain`;
    case 'ip':
      return isValidIpConstraint(base.bytes) ? null : 'iPAddress constraint is not an address with a contiguous mask';
    case 'uri':
      return base.text.length > 0 && !base.text.includes('/') && !base.text.includes(':') ? null : `URI constraint "${base.text}" is not a host or domain`;
    default:
      return null;
  }
}

/** The first malformed subtree of a certificate's name constraints, as a message, or null. */
export function constraintsProblem(nc: NameConstraints): string | null {
  for (const subtree of [...(nc.permitted ?? []), ...(nc.excluded ?? [])]) {
    const problem = baseProblem(subtree.base);
    if (problem) return problem;
  }
  return null;
}

/** The names of `cert` that constraints apply to (RFC 5280 6.1.3 (b)-(c)), grouped by form. */
function namesOf(cert: CertView): GeneralName[] {
  const names: GeneralName[] = [...(cert.ext.subjectAltNames ?? [])];
  if (cert.subjectRdns.length > 0) names.push({ kind: 'dn', text: cert.subject, bytes: new Uint8Array(0), rdns: cert.subjectRdns });
  // RFC 5280 4.2.1.10: without a SAN, rfc822Name constraints apply to the subject's emailAddress.
  if (!cert.ext.subjectAltNames) for (const email of cert.subjectEmails) names.push({ kind: 'email', text: email, bytes: new Uint8Array(0) });
  return names;
}

/** Whether `name` is inside the subtree `base`; 'undecidable' for forms we cannot compare. */
function inSubtree(name: GeneralName, base: GeneralName, forExclusion: boolean): boolean | 'undecidable' | 'malformed' {
  switch (name.kind) {
    case 'dns':
      if (!isValidDnsName(name.text, true)) return 'malformed';
      return dnsMatches(name.text, base.text, forExclusion);
    case 'email':
      if (!isValidMailbox(name.text)) return 'malformed';
      return emailMatches(name.text, base.text);
    case 'uri': {
      const host = uriHost(name.text);
      return host === null ? 'malformed' : uriMatches(host, base.text);
    }
    case 'ip':
      if (name.bytes.length !== 4 && name.bytes.length !== 16) return 'malformed';
      return ipMatches(name.bytes, base.bytes);
    case 'dn':
      return dnMatches(name.rdns ?? [], base.rdns ?? []);
    case 'other-name':
      return otherNameMatches(name.text, name.bytes, base.text, base.bytes);
    default:
      return 'undecidable';
  }
}

function byKind(subtrees: { base: GeneralName }[] | null): Map<GeneralNameKind, GeneralName[]> {
  const map = new Map<GeneralNameKind, GeneralName[]>();
  for (const { base } of subtrees ?? []) map.set(base.kind, [...(map.get(base.kind) ?? []), base]);
  return map;
}

/**
 * Check every certificate's names against the constraints of every CA above it (path leaf
 * first, anchor last; the anchor's own constraints apply too, as most validators do). Self-issued
 * intermediates are not themselves checked (RFC 5280 6.1.3 (b)).
 */
export function checkNameConstraints(path: readonly CertView[]): ConstraintViolation | null {
  let comparisons = 0;
  for (let i = path.length - 2; i >= 0; i--) {
    const cert = path[i]!;
    if (i > 0 && cert.selfIssued) continue;
    const names = namesOf(cert);
    const nameCount = names.length + (cert.ext.subjectAltNames ? cert.subjectEmails.length : 0);
    for (let j = path.length - 1; j > i; j--) {
      const nc = path[j]!.ext.nameConstraints;
      if (!nc) continue;
      if (nameCount * ((nc.permitted?.length ?? 0) + (nc.excluded?.length ?? 0)) > MAX_COMPARISONS) {
        return { cert, reason: `has too many names (${nameCount}) to check against the name constraints of ${labelOf(path[j]!)}` };
      }
      const constrainer = labelOf(path[j]!);
      const permitted = byKind(nc.permitted);
      const excluded = byKind(nc.excluded);
      for (const name of names) {
        const shown = describeGeneralName(name);
        const allowed = permitted.get(name.kind);
        if (allowed) {
          let ok = false;
          for (const base of allowed) {
            if (++comparisons > MAX_COMPARISONS) return { cert, reason: 'has too many names to check against the name constraints' };
            const result = inSubtree(name, base, false);
            if (result === 'malformed') return { cert, reason: `has the malformed name ${shown}, so the name constraints of ${constrainer} cannot be applied` };
            if (result === 'undecidable') return { cert, reason: `has the name ${shown}, of a form the name constraints of ${constrainer} cannot be checked for` };
            if (result) {
              ok = true;
              break;
            }
          }
          if (!ok) return { cert, reason: `has the name ${shown}, outside the permitted subtrees of ${constrainer}` };
        }
        for (const base of excluded.get(name.kind) ?? []) {
          if (++comparisons > MAX_COMPARISONS) return { cert, reason: 'has too many names to check against the name constraints' };
          const result = inSubtree(name, base, true);
          if (result === 'malformed') return { cert, reason: `has the malformed name ${shown}, so the name constraints of ${constrainer} cannot be applied` };
          if (result) return { cert, reason: `has the name ${shown}, in an excluded subtree of ${constrainer} (${describeGeneralName(base)})` };
        }
      }
    }
  }
  return null;
}
