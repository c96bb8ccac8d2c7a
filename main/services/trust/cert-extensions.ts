import { readBoolean, readOid, readTlv, TAG, type Tlv } from '../certificates/codec/der';
import { hexLower } from '../certificates/codec/text';
import { readGeneralNameRaw, readGeneralNames, rdnKeysOf, type GeneralName } from './general-names';

/** Extension OIDs path validation reads (RFC 5280 4.2). */
export const EXT = {
  SKI: '2.5.29.14',
  KEY_USAGE: '2.5.29.15',
  SAN: '2.5.29.17',
  IAN: '2.5.29.18',
  BASIC_CONSTRAINTS: '2.5.29.19',
  NAME_CONSTRAINTS: '2.5.29.30',
  CRL_DP: '2.5.29.31',
  POLICIES: '2.5.29.32',
  POLICY_MAPPINGS: '2.5.29.33',
  AKI: '2.5.29.35',
  POLICY_CONSTRAINTS: '2.5.29.36',
  EKU: '2.5.29.37',
  INHIBIT_ANY_POLICY: '2.5.29.54',
} as const;

// Read only to reject a malformed one (CABF and RFC 5280 4.2.2.1: at least one AccessDescription); never processed.
const AIA = '1.3.6.1.5.5.7.1.1';

// Extensions this engine processes, so they may be critical; any other critical one fails the path (RFC 5280 6.1.4 (o)).
const PROCESSED = new Set<string>(Object.values(EXT));
// RFC 5280 4.2.1.1 / 4.2.1.2: "MUST mark this extension as non-critical"; a critical one is a broken certificate.
const MUST_BE_NONCRITICAL = new Set<string>([EXT.SKI, EXT.AKI]);

/** One permitted or excluded subtree (minimum 0, no maximum: RFC 5280 4.2.1.10). */
export interface GeneralSubtree {
  base: GeneralName;
}

/** Name constraints of a CA certificate (RFC 5280 4.2.1.10); null lists mean "not given". */
export interface NameConstraints {
  permitted: GeneralSubtree[] | null;
  excluded: GeneralSubtree[] | null;
}

/** A CRL distribution point (RFC 5280 4.2.1.13). */
export interface DistributionPoint {
  fullName: GeneralName[] | null;
  /** nameRelativeToCRLIssuer as an RDN key, to append to the CRL issuer's RDNs. */
  relativeName: string | null;
  /** ReasonFlags as a bit mask (bit i = 1 << i), null for all reasons. */
  reasons: number | null;
  crlIssuer: GeneralName[] | null;
}

/** What validation needs from the extensions; `null` means the extension is absent. */
export interface ValidationExtensions {
  present: Set<string>;
  /** Problems that make the certificate unusable: duplicates, unparseable processed extensions, bad criticality. */
  problems: string[];
  unknownCritical: string[];
  ski: string | null;
  akiKeyId: string | null;
  basicConstraints: { ca: boolean; pathLen: number | null; critical: boolean } | null;
  keyUsage: number | null;
  eku: string[] | null;
  subjectAltNames: GeneralName[] | null;
  sanCritical: boolean;
  nameConstraints: NameConstraints | null;
  policies: string[] | null;
  policyMappings: [string, string][] | null;
  policyConstraints: { requireExplicitPolicy: number | null; inhibitPolicyMapping: number | null } | null;
  inhibitAnyPolicy: number | null;
  distributionPoints: DistributionPoint[];
}

/** Key usage bits (RFC 5280 4.2.1.3). */
export const KU = { digitalSignature: 1 << 0, keyCertSign: 1 << 5, cRLSign: 1 << 6 } as const;

function childrenOf(buf: Uint8Array, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let p = parent.contentStart; p < parent.contentEnd; ) {
    const child = readTlv(buf, p, parent.contentEnd);
    out.push(child);
    p = child.end;
  }
  return out;
}

/** A BIT STRING (any tag) as a mask with bit i at 1 << i (named-bit order of X.680). */
export function bitMask(buf: Uint8Array, tlv: Tlv): number {
  let mask = 0;
  for (let i = tlv.contentStart + 1, bit = 0; i < tlv.contentEnd && bit < 32; i++) {
    for (let b = 0; b < 8; b++, bit++) if (buf[i]! & (0x80 >> b)) mask |= 1 << bit;
  }
  return mask;
}

/** A non-negative INTEGER under any tag (IMPLICIT SkipCerts). */
export function skipCerts(buf: Uint8Array, tlv: Tlv): number {
  if (tlv.contentEnd === tlv.contentStart || buf[tlv.contentStart]! & 0x80) throw new Error('negative or empty SkipCerts');
  let value = 0;
  for (let i = tlv.contentStart; i < tlv.contentEnd; i++) value = Math.min(value * 256 + buf[i]!, 1 << 30);
  return value;
}

function readSubtrees(buf: Uint8Array, wrapper: Tlv): GeneralSubtree[] {
  const subtrees = childrenOf(buf, wrapper).map((subtree) => {
    const [base, ...rest] = childrenOf(buf, subtree);
    if (!base) throw new Error('empty GeneralSubtree');
    // RFC 5280 4.2.1.10: minimum MUST be zero and maximum MUST be absent.
    for (const bound of rest) if (bound.tagNumber !== 0 || skipCerts(buf, bound) !== 0) throw new Error('subtree with minimum/maximum');
    return { base: readGeneralNameRaw(buf, base) };
  });
  if (subtrees.length === 0) throw new Error('empty GeneralSubtrees');
  return subtrees;
}

function readNameConstraints(buf: Uint8Array, value: Tlv): NameConstraints {
  const nc: NameConstraints = { permitted: null, excluded: null };
  for (const part of childrenOf(buf, value)) {
    if (part.tag === 0xa0) nc.permitted = readSubtrees(buf, part);
    else if (part.tag === 0xa1) nc.excluded = readSubtrees(buf, part);
    else throw new Error('unexpected element in NameConstraints');
  }
  if (!nc.permitted && !nc.excluded) throw new Error('NameConstraints without subtrees');
  return nc;
}

/** Parse CRLDistributionPoints (also the shape the CRL reader needs for IssuingDistributionPoint names). */
export function readDistributionPoints(buf: Uint8Array, value: Tlv): DistributionPoint[] {
  return childrenOf(buf, value).map((point) => {
    const dp: DistributionPoint = { fullName: null, relativeName: null, reasons: null, crlIssuer: null };
    for (const field of childrenOf(buf, point)) {
      if (field.tag === 0xa0) {
        const name = readTlv(buf, field.contentStart, field.contentEnd);
        if (name.tag === 0xa0) dp.fullName = readGeneralNames(buf, name);
        else if (name.tag === 0xa1) dp.relativeName = rdnKeysOf(buf, { ...name, contentStart: name.start, contentEnd: name.end })[0] ?? '';
      } else if (field.tag === 0x81) dp.reasons = bitMask(buf, field);
      else if (field.tag === 0xa2) dp.crlIssuer = readGeneralNames(buf, field);
    }
    return dp;
  });
}

type Reader = (buf: Uint8Array, value: Tlv, out: ValidationExtensions) => void;

const READERS: Record<string, Reader> = {
  [EXT.SKI]: (buf, v, out) => {
    out.ski = hexLower(buf, v.contentStart, v.contentEnd);
  },
  [EXT.AKI]: (buf, v, out) => {
    for (const child of childrenOf(buf, v)) if (child.tag === 0x80) out.akiKeyId = hexLower(buf, child.contentStart, child.contentEnd);
  },
  [EXT.BASIC_CONSTRAINTS]: (buf, v, out) => {
    let ca = false;
    let pathLen: number | null = null;
    for (const child of childrenOf(buf, v)) {
      if (child.tag === TAG.BOOLEAN) ca = readBoolean(buf, child);
      else if (child.tag === TAG.INTEGER) pathLen = skipCerts(buf, child);
      else throw new Error('unexpected element in basicConstraints');
    }
    out.basicConstraints = { ca, pathLen, critical: false };
  },
  [EXT.KEY_USAGE]: (buf, v, out) => {
    if (v.tag !== TAG.BIT_STRING) throw new Error('keyUsage is not a BIT STRING');
    out.keyUsage = bitMask(buf, v);
  },
  [EXT.EKU]: (buf, v, out) => {
    out.eku = childrenOf(buf, v).map((c) => readOid(buf, c));
  },
  [EXT.SAN]: (buf, v, out) => {
    out.subjectAltNames = readGeneralNames(buf, v);
    // RFC 5280 4.2.1.6: "If the subjectAltName extension is present, the sequence MUST contain at least one entry."
    if (out.subjectAltNames.length === 0) throw new Error('empty subjectAltName');
  },
  [EXT.NAME_CONSTRAINTS]: (buf, v, out) => {
    out.nameConstraints = readNameConstraints(buf, v);
  },
  [EXT.POLICIES]: (buf, v, out) => {
    out.policies = childrenOf(buf, v).map((info) => readOid(buf, readTlv(buf, info.contentStart, info.contentEnd)));
  },
  [EXT.POLICY_MAPPINGS]: (buf, v, out) => {
    out.policyMappings = childrenOf(buf, v).map((m) => {
      const [from, to] = childrenOf(buf, m);
      return [readOid(buf, from!), readOid(buf, to!)] as [string, string];
    });
  },
  [AIA]: (buf, v) => {
    const descriptions = childrenOf(buf, v);
    if (descriptions.length === 0) throw new Error('empty authorityInfoAccess');
    for (const d of descriptions) {
      const [method, location] = childrenOf(buf, d);
      readOid(buf, method!);
      readGeneralNameRaw(buf, location!);
    }
  },
  [EXT.POLICY_CONSTRAINTS]: (buf, v, out) => {
    const pc = { requireExplicitPolicy: null as number | null, inhibitPolicyMapping: null as number | null };
    for (const child of childrenOf(buf, v)) {
      if (child.tag === 0x80) pc.requireExplicitPolicy = skipCerts(buf, child);
      else if (child.tag === 0x81) pc.inhibitPolicyMapping = skipCerts(buf, child);
    }
    out.policyConstraints = pc;
  },
  [EXT.INHIBIT_ANY_POLICY]: (buf, v, out) => {
    out.inhibitAnyPolicy = skipCerts(buf, v);
  },
  [EXT.CRL_DP]: (buf, v, out) => {
    out.distributionPoints = readDistributionPoints(buf, v);
  },
};

/** Parse the [3] extensions wrapper of a TBSCertificate (null for v1 certificates). */
export function readValidationExtensions(buf: Uint8Array, wrapper: Tlv | null): ValidationExtensions {
  const out: ValidationExtensions = {
    present: new Set(),
    problems: [],
    unknownCritical: [],
    ski: null,
    akiKeyId: null,
    basicConstraints: null,
    keyUsage: null,
    eku: null,
    subjectAltNames: null,
    sanCritical: false,
    nameConstraints: null,
    policies: null,
    policyMappings: null,
    policyConstraints: null,
    inhibitAnyPolicy: null,
    distributionPoints: [],
  };
  if (!wrapper) return out;
  const list = readTlv(buf, wrapper.contentStart, wrapper.contentEnd);
  for (const extension of childrenOf(buf, list)) {
    let oid = '?';
    try {
      const [oidTlv, second, third] = childrenOf(buf, extension);
      oid = readOid(buf, oidTlv!);
      const critical = second?.tag === TAG.BOOLEAN ? readBoolean(buf, second) : false;
      const octets = second?.tag === TAG.BOOLEAN ? third : second;
      if (!octets || octets.tag !== TAG.OCTET_STRING) throw new Error('extnValue is not an OCTET STRING');
      if (out.present.has(oid)) out.problems.push(`has two ${oid} extensions (RFC 5280 4.2 allows one)`);
      out.present.add(oid);
      if (critical && !PROCESSED.has(oid)) out.unknownCritical.push(oid);
      if (critical && MUST_BE_NONCRITICAL.has(oid)) out.problems.push(`marks its ${oid} extension critical (RFC 5280 4.2.1.1-2 require it non-critical)`);
      const reader = READERS[oid];
      if (!reader) continue;
      const value = readTlv(buf, octets.contentStart, octets.contentEnd);
      if (value.end !== octets.contentEnd) throw new Error('trailing bytes');
      reader(buf, value, out);
      if (oid === EXT.BASIC_CONSTRAINTS && out.basicConstraints) out.basicConstraints.critical = critical;
      if (oid === EXT.SAN) out.sanCritical = critical;
    } catch (error) {
      out.problems.push(`has an unreadable ${oid} extension (${(error as Error).message})`);
    }
  }
  return out;
}
