import type { CertificateFacts, SubjectAltName } from '../../../../shared/models/certificate';
import { bitStringBytes, readBoolean, readOid, readSmallInt, readTlv, TAG, type Tlv } from './der';
import { readName } from './names';
import { EXTENDED_KEY_USAGES, EXTENSIONS, KEY_USAGE_BITS, UPN_OID } from './oids';
import { asciiText, asn1String, hexLower, hexUpper } from './text';

/** The facts that come from extensions. */
export type ExtensionFacts = Pick<
  CertificateFacts,
  | 'subjectAltNames'
  | 'keyUsage'
  | 'extendedKeyUsage'
  | 'basicConstraints'
  | 'subjectKeyIdentifier'
  | 'authorityKeyIdentifier'
  | 'crlDistributionPoints'
  | 'policies'
>;

/** Facts of a certificate without extensions (v1). */
export function emptyExtensionFacts(): ExtensionFacts {
  return {
    subjectAltNames: [],
    keyUsage: [],
    extendedKeyUsage: [],
    basicConstraints: null,
    subjectKeyIdentifier: null,
    authorityKeyIdentifier: null,
    crlDistributionPoints: [],
    policies: [],
  };
}

function forEachChild(buf: Uint8Array, parent: Tlv, visit: (child: Tlv) => void): void {
  let p = parent.contentStart;
  while (p < parent.contentEnd) {
    const child = readTlv(buf, p, parent.contentEnd);
    p = child.end;
    visit(child);
  }
}

function formatIp(bytes: Uint8Array): string {
  if (bytes.length === 4) return `${bytes[0]}.${bytes[1]}.${bytes[2]}.${bytes[3]}`;
  if (bytes.length === 16) {
    const groups: number[] = [];
    for (let i = 0; i < 16; i += 2) groups.push((bytes[i]! << 8) | bytes[i + 1]!);
    // RFC 5952: compress the longest run (2+) of zero groups.
    let bestStart = -1;
    let bestLen = 0;
    for (let i = 0; i < 8; ) {
      if (groups[i] !== 0) {
        i++;
        continue;
      }
      let j = i;
      while (j < 8 && groups[j] === 0) j++;
      if (j - i > bestLen && j - i > 1) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j;
    }
    const hex = groups.map((g) => g.toString(16));
    if (bestStart < 0) return hex.join(':');
    return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
  }
  // Name-constraint style address/mask or garbage: show the bytes.
  return hexUpper(bytes);
}

/** One GeneralName as a SAN entry (RFC 5280 4.2.1.6), or null for forms we do not show. */
export function readGeneralName(buf: Uint8Array, gn: Tlv): SubjectAltName | null {
  switch (gn.tagNumber) {
    case 0: {
      // otherName: type-id OID, [0] EXPLICIT value. UPN is the one Windows logon mapping uses.
      const typeTlv = readTlv(buf, gn.contentStart, gn.contentEnd);
      const typeId = readOid(buf, typeTlv);
      const wrapper = typeTlv.end < gn.contentEnd ? readTlv(buf, typeTlv.end, gn.contentEnd) : null;
      const inner = wrapper && wrapper.tag & 0x20 && wrapper.contentStart < wrapper.contentEnd ? readTlv(buf, wrapper.contentStart, wrapper.contentEnd) : null;
      const text = inner ? asn1String(buf, inner) : null;
      if (typeId === UPN_OID && text !== null) return { type: 'upn', value: text };
      const shown = text ?? (inner ? `#${hexUpper(buf, inner.start, inner.end)}` : '');
      return { type: 'other', value: `${typeId}=${shown}` };
    }
    case 1:
      return { type: 'email', value: asciiText(buf, gn) };
    case 2:
      return { type: 'dns', value: asciiText(buf, gn) };
    case 4: {
      const name = readTlv(buf, gn.contentStart, gn.contentEnd);
      return { type: 'dn', value: readName(buf, name).display };
    }
    case 6:
      return { type: 'uri', value: asciiText(buf, gn) };
    case 7:
      return { type: 'ip', value: formatIp(buf.subarray(gn.contentStart, gn.contentEnd)) };
    case 8: {
      // registeredID is an IMPLICIT OID: read its content as an OID.
      return { type: 'other', value: `registeredID=${readOid(buf, { ...gn, tag: TAG.OID })}` };
    }
    case 3:
      return { type: 'other', value: 'x400Address' };
    case 5:
      return { type: 'other', value: 'ediPartyName' };
    default:
      return null;
  }
}

function readSubjectAltNames(buf: Uint8Array, value: Tlv, facts: ExtensionFacts): void {
  forEachChild(buf, value, (gn) => {
    // One bad entry (a wrong tag, as some real certificates have) must not hide the others.
    try {
      const san = readGeneralName(buf, gn);
      if (san) facts.subjectAltNames.push(san);
    } catch {
      facts.subjectAltNames.push({ type: 'other', value: `#${hexUpper(buf, gn.start, gn.end)}` });
    }
  });
}

function readKeyUsage(buf: Uint8Array, value: Tlv, facts: ExtensionFacts): void {
  const bits = bitStringBytes(buf, value);
  KEY_USAGE_BITS.forEach((name, bit) => {
    const byte = bits[bit >> 3];
    if (byte !== undefined && byte & (0x80 >> (bit & 7))) facts.keyUsage.push(name);
  });
}

function readExtendedKeyUsage(buf: Uint8Array, value: Tlv, facts: ExtensionFacts): void {
  forEachChild(buf, value, (child) => {
    const oid = readOid(buf, child);
    facts.extendedKeyUsage.push({ oid, name: EXTENDED_KEY_USAGES[oid] ?? oid });
  });
}

function readBasicConstraints(buf: Uint8Array, value: Tlv, facts: ExtensionFacts): void {
  let ca = false;
  let pathLength: number | null = null;
  forEachChild(buf, value, (child) => {
    if (child.tag === TAG.BOOLEAN) ca = readBoolean(buf, child);
    else if (child.tag === TAG.INTEGER) pathLength = readSmallInt(buf, child);
  });
  facts.basicConstraints = { ca, pathLength };
}

function readAuthorityKeyIdentifier(buf: Uint8Array, value: Tlv, facts: ExtensionFacts): void {
  forEachChild(buf, value, (child) => {
    if (child.tag === 0x80) facts.authorityKeyIdentifier = hexLower(buf, child.contentStart, child.contentEnd);
  });
}

function readCrlDistributionPoints(buf: Uint8Array, value: Tlv, facts: ExtensionFacts): void {
  forEachChild(buf, value, (point) => {
    forEachChild(buf, point, (field) => {
      if (field.tag !== 0xa0) return; // distributionPoint
      forEachChild(buf, field, (dpName) => {
        if (dpName.tag !== 0xa0) return; // fullName (GeneralNames, IMPLICIT)
        forEachChild(buf, dpName, (gn) => {
          if (gn.tag === 0x86) facts.crlDistributionPoints.push(asciiText(buf, gn));
        });
      });
    });
  });
}

function readPolicies(buf: Uint8Array, value: Tlv, facts: ExtensionFacts): void {
  forEachChild(buf, value, (info) => {
    facts.policies.push(readOid(buf, readTlv(buf, info.contentStart, info.contentEnd)));
  });
}

const READERS: Record<string, (buf: Uint8Array, value: Tlv, facts: ExtensionFacts) => void> = {
  [EXTENSIONS.SUBJECT_ALT_NAME]: readSubjectAltNames,
  [EXTENSIONS.KEY_USAGE]: readKeyUsage,
  [EXTENSIONS.EXTENDED_KEY_USAGE]: readExtendedKeyUsage,
  [EXTENSIONS.BASIC_CONSTRAINTS]: readBasicConstraints,
  [EXTENSIONS.SUBJECT_KEY_IDENTIFIER]: (buf, value, facts) => {
    facts.subjectKeyIdentifier = hexLower(buf, value.contentStart, value.contentEnd);
  },
  [EXTENSIONS.AUTHORITY_KEY_IDENTIFIER]: readAuthorityKeyIdentifier,
  [EXTENSIONS.CRL_DISTRIBUTION_POINTS]: readCrlDistributionPoints,
  [EXTENSIONS.CERTIFICATE_POLICIES]: readPolicies,
};

/**
 * Read the [3] extensions of a TBSCertificate. A damaged extension is skipped, not fatal: the
 * certificate is still the certificate, and the facts we could read are still worth showing.
 */
export function readExtensions(buf: Uint8Array, wrapper: Tlv): ExtensionFacts {
  const facts = emptyExtensionFacts();
  const list = readTlv(buf, wrapper.contentStart, wrapper.contentEnd);
  forEachChild(buf, list, (extension) => {
    try {
      const oidTlv = readTlv(buf, extension.contentStart, extension.contentEnd);
      let valueTlv = readTlv(buf, oidTlv.end, extension.contentEnd);
      if (valueTlv.tag === TAG.BOOLEAN) valueTlv = readTlv(buf, valueTlv.end, extension.contentEnd);
      const reader = READERS[readOid(buf, oidTlv)];
      // Certificates are DER, so extnValue is a primitive OCTET STRING; parse inside its bounds so a
      // bad inner length cannot read the neighbouring extensions.
      if (!reader || valueTlv.tag !== TAG.OCTET_STRING) return;
      reader(buf, readTlv(buf, valueTlv.contentStart, valueTlv.contentEnd), facts);
    } catch {
      // Skipped: see the doc comment.
    }
  });
  return facts;
}
