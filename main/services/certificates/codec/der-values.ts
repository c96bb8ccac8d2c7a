import { encodeOid, encodeTlv } from './der-writer';

/**
 * The DER values (X.690 section 8) that the CRL builder, the PKCS#12 writer and PBES2 need beyond
 * der-writer's TLV and OID encoders. Used as `import * as DER from './der-values'`.
 */

export const sequence = (...parts: Uint8Array[]): Uint8Array => encodeTlv(0x30, ...parts);

/** A SEQUENCE OF with any number of items (no argument spreading: a CRL may list 100,000). */
export const sequenceOf = (items: readonly Uint8Array[]): Uint8Array => encodeTlv(0x30, Buffer.concat(items));

/** SET OF, with its elements sorted as DER requires. */
export function setOf(...parts: Uint8Array[]): Uint8Array {
  const sorted = [...parts].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  return encodeTlv(0x31, ...sorted);
}

export const octetString = (content: Uint8Array): Uint8Array => encodeTlv(0x04, content);
export const nullValue = (): Uint8Array => Uint8Array.of(0x05, 0x00);
export const boolean = (value: boolean): Uint8Array => Uint8Array.of(0x01, 0x01, value ? 0xff : 0x00);
export const oid = encodeOid;

/** [n] EXPLICIT: a constructed context-specific wrapper. */
export const explicit = (tagNumber: number, ...parts: Uint8Array[]): Uint8Array => encodeTlv(0xa0 | tagNumber, ...parts);

/** [n] IMPLICIT OCTET STRING (primitive context tag). */
export const implicitOctets = (tagNumber: number, bytes: Uint8Array): Uint8Array => encodeTlv(0x80 | tagNumber, bytes);

/** A non-negative INTEGER (a number must be a safe integer: beyond that, pass a bigint). */
export function integer(value: number | bigint): Uint8Array {
  if (typeof value === 'number' && !Number.isSafeInteger(value)) throw new RangeError(`INTEGER out of range: ${value}`);
  if (value < 0) throw new RangeError(`negative INTEGER: ${value}`);
  return encodeTlv(0x02, unsignedContent(BigInt(value)));
}

export const enumerated = (value: number): Uint8Array => encodeTlv(0x0a, unsignedContent(BigInt(value)));

/** A non-negative INTEGER from its hex form (serial numbers as the store shows them). */
export const integerFromHex = (hex: string): Uint8Array => encodeTlv(0x02, unsignedBytes(Buffer.from(hex.length % 2 ? `0${hex}` : hex || '00', 'hex')));

/** RFC 5280 4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050, always in seconds and UTC. */
export function time(date: Date): Uint8Array {
  const iso = date.toISOString(); // 2025-01-02T03:04:05.678Z
  const digits = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
  const utc = date.getUTCFullYear() < 2050;
  return encodeTlv(utc ? 0x17 : 0x18, Buffer.from(utc ? digits.slice(2) : digits, 'latin1'));
}

/** BMPString (UTF-16BE), the type PKCS#12 uses for friendly names. */
export function bmpString(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    out[i * 2] = code >> 8;
    out[i * 2 + 1] = code & 0xff;
  }
  return encodeTlv(0x1e, out);
}

/** Minimal two's-complement content of a non-negative integer (a leading 0x00 keeps the sign bit clear). */
function unsignedContent(value: bigint): Uint8Array {
  const hex = value.toString(16);
  return unsignedBytes(Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex'));
}

function unsignedBytes(bytes: Uint8Array): Uint8Array {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0 && bytes[start + 1]! < 0x80) start++;
  const trimmed = bytes.subarray(start);
  return trimmed[0]! >= 0x80 ? Buffer.concat([Buffer.of(0), trimmed]) : trimmed;
}
