import { readOid, readTlv, TAG, type Tlv } from '../certificates/codec/der';
import { nameKeyOf, readName } from '../certificates/codec/names';
import { asn1String, hexUpper } from '../certificates/codec/text';

/** The GeneralName forms path validation compares (RFC 5280 4.2.1.6); the rest are 'other'. */
export type GeneralNameKind = 'other-name' | 'email' | 'dns' | 'x400' | 'dn' | 'edi' | 'uri' | 'ip' | 'registered-id';

const KINDS: GeneralNameKind[] = ['other-name', 'email', 'dns', 'x400', 'dn', 'edi', 'uri', 'ip', 'registered-id'];

/** One GeneralName: its kind, its text (IA5 forms), raw content bytes, and for names their RDN keys. */
export interface GeneralName {
  kind: GeneralNameKind;
  /** IA5 text for email/dns/uri; the type-id OID for otherName; the display for others. */
  text: string;
  /** Content octets (IP address bytes, otherName value...). */
  bytes: Uint8Array;
  /** directoryName only: one comparable key per RDN, in certificate order. */
  rdns?: string[];
  /** directoryName only: the same key as nameKeyOf gives certificate subjects and issuers. */
  nameKey?: string;
}

/** A comparable form of one attribute value (RFC 5280 7.1 simplified: case and whitespace folded, as nameKeyOf). */
function normalizeValue(value: string): string {
  return value.trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * The RDNs of a Name as comparable keys. Multi-valued RDNs sort their attributes so that
 * "CN=a+OU=b" equals "OU=b+CN=a" (X.501 compares them as sets).
 */
export function rdnKeysOf(buf: Uint8Array, name: Tlv): string[] {
  const out: string[] = [];
  let p = name.contentStart;
  while (p < name.contentEnd) {
    const rdn = readTlv(buf, p, name.contentEnd);
    p = rdn.end;
    const parts: string[] = [];
    let q = rdn.contentStart;
    while (q < rdn.contentEnd) {
      const atv = readTlv(buf, q, rdn.contentEnd);
      q = atv.end;
      const typeTlv = readTlv(buf, atv.contentStart, atv.contentEnd);
      const valueTlv = readTlv(buf, typeTlv.end, atv.contentEnd);
      const text = asn1String(buf, valueTlv);
      parts.push(`${readOid(buf, typeTlv)}=${text === null ? `#${hexUpper(buf, valueTlv.start, valueTlv.end)}` : normalizeValue(text)}`);
    }
    out.push(parts.sort().join('+'));
  }
  return out;
}

/** Email addresses in the subject DN (the legacy emailAddress attribute, which name constraints also cover). */
export function subjectEmailsOf(buf: Uint8Array, name: Tlv): string[] {
  const out: string[] = [];
  let p = name.contentStart;
  while (p < name.contentEnd) {
    const rdn = readTlv(buf, p, name.contentEnd);
    p = rdn.end;
    let q = rdn.contentStart;
    while (q < rdn.contentEnd) {
      const atv = readTlv(buf, q, rdn.contentEnd);
      q = atv.end;
      const typeTlv = readTlv(buf, atv.contentStart, atv.contentEnd);
      if (readOid(buf, typeTlv) !== '1.2.840.113549.1.9.1') continue;
      const text = asn1String(buf, readTlv(buf, typeTlv.end, atv.contentEnd));
      if (text !== null) out.push(text);
    }
  }
  return out;
}

/**
 * A serial number as the uppercase hex of its minimal two's-complement octets: 255 (00FF) and -1
 * (FF) stay distinct (PKITS 4.4.14), and a non-minimal encoding maps to the same key as the minimal one.
 */
export function canonicalSerial(buf: Uint8Array, tlv: Tlv): string {
  let i = tlv.contentStart;
  while (i < tlv.contentEnd - 1 && ((buf[i] === 0 && buf[i + 1]! < 0x80) || (buf[i] === 0xff && buf[i + 1]! >= 0x80))) i++;
  return hexUpper(buf, i, tlv.contentEnd);
}

/** Read one GeneralName element; throws on a malformed one (the caller decides what that means). */
export function readGeneralNameRaw(buf: Uint8Array, gn: Tlv): GeneralName {
  const kind = KINDS[gn.tagNumber];
  if (!kind || (gn.tag & 0xc0) !== 0x80) throw new Error('not a GeneralName');
  const bytes = buf.subarray(gn.contentStart, gn.contentEnd);
  switch (kind) {
    case 'email':
    case 'dns':
    case 'uri': {
      if (gn.tag & 0x20) throw new Error('IA5String name is constructed');
      let text = '';
      for (const b of bytes) {
        if (b > 0x7f) throw new Error('IA5String name has a non-ASCII octet');
        text += String.fromCharCode(b);
      }
      return { kind, text, bytes };
    }
    case 'dn': {
      const name = readTlv(buf, gn.contentStart, gn.contentEnd);
      if (name.tag !== TAG.SEQUENCE) throw new Error('directoryName is not a Name');
      return { kind, text: '', bytes, rdns: rdnKeysOf(buf, name), nameKey: nameKeyOf(readName(buf, name).fields) };
    }
    case 'other-name': {
      const typeTlv = readTlv(buf, gn.contentStart, gn.contentEnd);
      return { kind, text: readOid(buf, typeTlv), bytes: buf.subarray(typeTlv.end, gn.contentEnd) };
    }
    case 'ip':
      return { kind, text: hexUpper(bytes), bytes };
    default:
      return { kind, text: hexUpper(bytes), bytes };
  }
}

/** Read a SEQUENCE OF GeneralName (SAN, IAN, distribution point names). */
export function readGeneralNames(buf: Uint8Array, seq: Tlv): GeneralName[] {
  const out: GeneralName[] = [];
  let p = seq.contentStart;
  while (p < seq.contentEnd) {
    const gn = readTlv(buf, p, seq.contentEnd);
    p = gn.end;
    out.push(readGeneralNameRaw(buf, gn));
  }
  return out;
}

/** Display form of a general name for messages. */
export function describeGeneralName(name: GeneralName): string {
  switch (name.kind) {
    case 'dn':
      return `DirName:${(name.rdns ?? []).join(',')}`;
    case 'ip':
      return `IP:${formatIpBytes(name.bytes)}`;
    case 'email':
      return `email:${name.text}`;
    case 'dns':
      return `DNS:${name.text}`;
    case 'uri':
      return `URI:${name.text}`;
    default:
      return `${name.kind}:${name.text}`;
  }
}

/** IPv4 dotted or IPv6 colon-hex (uncompressed; only for messages). */
export function formatIpBytes(bytes: Uint8Array): string {
  if (bytes.length === 4) return Array.from(bytes).join('.');
  if (bytes.length === 16) {
    const groups: string[] = [];
    for (let i = 0; i < 16; i += 2) groups.push(((bytes[i]! << 8) | bytes[i + 1]!).toString(16));
    return groups.join(':');
  }
  if (bytes.length === 8 || bytes.length === 32) {
    const half = bytes.length / 2;
    return `${formatIpBytes(bytes.subarray(0, half))}/${formatIpBytes(bytes.subarray(half))}`;
  }
  return hexUpper(bytes);
}
