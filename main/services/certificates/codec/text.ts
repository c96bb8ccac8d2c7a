import * as crypto from 'node:crypto';
import { createHash } from 'node:crypto';
import type { Tlv } from './der';

const HEX_LOWER: string[] = [];
const HEX_UPPER: string[] = [];
for (let i = 0; i < 256; i++) {
  HEX_LOWER.push(i.toString(16).padStart(2, '0'));
  HEX_UPPER.push(HEX_LOWER[i]!.toUpperCase());
}

/** Lowercase hex (key identifiers, fingerprints). */
export function hexLower(bytes: Uint8Array, start = 0, end = bytes.length): string {
  let out = '';
  for (let i = start; i < end; i++) out += HEX_LOWER[bytes[i]!]!;
  return out;
}

/** Uppercase hex (serial numbers, as Windows and Node show them). */
export function hexUpper(bytes: Uint8Array, start = 0, end = bytes.length): string {
  let out = '';
  for (let i = start; i < end; i++) out += HEX_UPPER[bytes[i]!]!;
  return out;
}

// crypto.hash (Node >= 20.12) is a one-shot digest, ~2x faster than createHash for small inputs.
const oneShot = (crypto as { hash?: (algorithm: string, data: Uint8Array, encoding: 'hex') => string }).hash;

/** Lowercase hex digest of `data` (sha256 / sha1 fingerprints). */
export function digestHex(algorithm: 'sha256' | 'sha1', data: Uint8Array): string {
  return oneShot ? oneShot(algorithm, data, 'hex') : createHash(algorithm).update(data).digest('hex');
}

const utf8 = new TextDecoder('utf-8');
const utf16be = new TextDecoder('utf-16be');

// Byte-at-a-time concatenation beats TextDecoder for the short ASCII strings names are made of.
function latin1(buf: Uint8Array, start: number, end: number): string {
  let out = '';
  for (let i = start; i < end; i++) out += String.fromCharCode(buf[i]!);
  return out;
}

function utf8String(buf: Uint8Array, start: number, end: number): string {
  for (let i = start; i < end; i++) if (buf[i]! >= 0x80) return utf8.decode(buf.subarray(start, end));
  return latin1(buf, start, end);
}

function utf32be(buf: Uint8Array, start: number, end: number): string {
  let out = '';
  for (let i = start; i + 3 < end; i += 4) {
    const cp = ((buf[i]! << 24) | (buf[i + 1]! << 16) | (buf[i + 2]! << 8) | buf[i + 3]!) >>> 0;
    out += cp <= 0x10ffff ? String.fromCodePoint(cp) : '\ufffd';
  }
  return out;
}

/** The text of an ASN.1 string element, or null when the element is not a string type. */
export function asn1String(buf: Uint8Array, tlv: Tlv): string | null {
  const { contentStart: s, contentEnd: e } = tlv;
  switch (tlv.tag) {
    case 0x0c: // UTF8String
      return utf8String(buf, s, e);
    case 0x13: // PrintableString
    case 0x16: // IA5String
    case 0x1a: // VisibleString
    case 0x12: // NumericString
      return utf8String(buf, s, e);
    case 0x14: // TeletexString: in practice Latin-1, as OpenSSL and Windows read it
    case 0x15: // VideotexString
    case 0x19: // GraphicString
    case 0x1b: // GeneralString
      return latin1(buf, s, e);
    case 0x1e: // BMPString (Windows)
      return utf16be.decode(buf.subarray(s, e));
    case 0x1c: // UniversalString
      return utf32be(buf, s, e);
    default:
      return null;
  }
}

/** Plain ASCII/Latin-1 text of a primitive element (IA5 names in SANs, URIs). */
export function asciiText(buf: Uint8Array, tlv: Tlv): string {
  return utf8String(buf, tlv.contentStart, tlv.contentEnd);
}
