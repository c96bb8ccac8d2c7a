import { DomainError } from '../../../../shared/errors';

/**
 * A minimal BER/DER reader. It is hand-written on purpose: generic ASN.1 schema libraries cost
 * ~650 µs per certificate, this walks the same bytes in a few µs (see DECISIONS.md, performance).
 */

/** One element: identifier octet, where its content is, and where it ends (after any end-of-contents octets). */
export interface Tlv {
  /** First identifier octet (class, constructed bit, tag number); high tag numbers keep 0x1f in the low bits. */
  tag: number;
  /** The tag number, also for high tag numbers. */
  tagNumber: number;
  start: number;
  contentStart: number;
  contentEnd: number;
  end: number;
}

/** Identifier octets of the universal types the codec reads. */
export const TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8_STRING: 0x0c,
  SEQUENCE: 0x30,
  SET: 0x31,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
} as const;

// Nesting deeper than this is an attack or garbage, never a certificate container.
const MAX_DEPTH = 64;

/** A MALFORMED domain error (bad ASN.1 structure). */
export function malformed(message: string): DomainError {
  return new DomainError('MALFORMED', message);
}

/** A TRUNCATED domain error (an element runs past the end of the data). */
export function truncated(message = 'The data is cut short (an ASN.1 element runs past the end of the file): the file is truncated.'): DomainError {
  return new DomainError('TRUNCATED', message);
}

/**
 * Read the element at `pos`, which must end by `limit`. Running past the end of the buffer is
 * TRUNCATED (a cut-short file); running past a parent's end inside the buffer is MALFORMED.
 */
export function readTlv(buf: Uint8Array, pos: number, limit: number = buf.length, depth = 0): Tlv {
  const overrun = () => (limit >= buf.length ? truncated() : malformed('An ASN.1 element runs past the end of the structure that contains it.'));
  if (pos >= limit) throw overrun();
  const first = buf[pos]!;
  let p = pos + 1;
  let tagNumber = first & 0x1f;
  if (tagNumber === 0x1f) {
    tagNumber = 0;
    let b: number;
    do {
      if (p >= limit) throw overrun();
      b = buf[p++]!;
      tagNumber = tagNumber * 128 + (b & 0x7f);
      if (tagNumber > 0x7fffffff) throw malformed('An ASN.1 tag number is too large.');
    } while (b & 0x80);
  }
  if (p >= limit) throw overrun();
  let len = buf[p++]!;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0) {
      // BER indefinite length (seen in CMS and some PKCS#12 exports): content runs to an end-of-contents pair.
      if (!(first & 0x20)) throw malformed('A primitive ASN.1 element uses an indefinite length.');
      if (depth >= MAX_DEPTH) throw malformed('ASN.1 structures are nested too deeply.');
      let q = p;
      for (;;) {
        if (q + 2 > limit) throw overrun();
        if (buf[q] === 0 && buf[q + 1] === 0) return { tag: first, tagNumber, start: pos, contentStart: p, contentEnd: q, end: q + 2 };
        q = readTlv(buf, q, limit, depth + 1).end;
      }
    }
    if (n > 4) throw malformed('An ASN.1 length field is too large.');
    len = 0;
    for (let i = 0; i < n; i++) {
      if (p >= limit) throw overrun();
      len = len * 256 + buf[p++]!;
    }
  }
  const end = p + len;
  if (end > limit) throw overrun();
  return { tag: first, tagNumber, start: pos, contentStart: p, contentEnd: end, end };
}

/** The children of a constructed element, in order. */
export function children(buf: Uint8Array, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  let p = parent.contentStart;
  while (p < parent.contentEnd) {
    const child = readTlv(buf, p, parent.contentEnd);
    out.push(child);
    p = child.end;
  }
  return out;
}

/** The first child of a constructed element, or null when it is empty. */
export function firstChild(buf: Uint8Array, parent: Tlv): Tlv | null {
  return parent.contentStart < parent.contentEnd ? readTlv(buf, parent.contentStart, parent.contentEnd) : null;
}

/** The element after `sibling` inside `parent`, or null at the end. */
export function nextSibling(buf: Uint8Array, parent: Tlv, sibling: Tlv): Tlv | null {
  return sibling.end < parent.contentEnd ? readTlv(buf, sibling.end, parent.contentEnd) : null;
}

/** Throw MALFORMED unless the element has the expected identifier octet. */
export function expectTag(tlv: Tlv | null | undefined, tag: number, what: string): Tlv {
  if (!tlv || tlv.tag !== tag) throw malformed(`Invalid structure: expected ${what}.`);
  return tlv;
}

/** The raw bytes of the whole element (header included), as a view. */
export function elementBytes(buf: Uint8Array, tlv: Tlv): Uint8Array {
  return buf.subarray(tlv.start, tlv.end);
}

/** The content bytes, as a view. */
export function contentBytes(buf: Uint8Array, tlv: Tlv): Uint8Array {
  return buf.subarray(tlv.contentStart, tlv.contentEnd);
}

/** OCTET STRING content; BER constructed strings (pieces) are joined. */
export function octetString(buf: Uint8Array, tlv: Tlv): Uint8Array {
  if (!(tlv.tag & 0x20)) return buf.subarray(tlv.contentStart, tlv.contentEnd);
  const parts = children(buf, tlv).map((piece) => octetString(buf, piece));
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Dotted-decimal form of an OBJECT IDENTIFIER. */
export function readOid(buf: Uint8Array, tlv: Tlv): string {
  if (tlv.tag !== TAG.OID || tlv.contentEnd === tlv.contentStart) throw malformed('Invalid structure: expected an object identifier.');
  let out = '';
  let value = 0;
  let first = true;
  for (let i = tlv.contentStart; i < tlv.contentEnd; i++) {
    const b = buf[i]!;
    value = value * 128 + (b & 0x7f);
    if (b & 0x80) continue;
    if (first) {
      out = value < 40 ? `0.${value}` : value < 80 ? `1.${value - 40}` : `2.${value - 80}`;
      first = false;
    } else {
      out += `.${value}`;
    }
    value = 0;
  }
  if (buf[tlv.contentEnd - 1]! & 0x80) throw malformed('An object identifier is cut short.');
  return out;
}

/** A non-negative INTEGER that fits a JS number (versions, iteration counts, lengths). */
export function readSmallInt(buf: Uint8Array, tlv: Tlv): number {
  if (tlv.tag !== TAG.INTEGER || tlv.contentEnd === tlv.contentStart) throw malformed('Invalid structure: expected an integer.');
  if (buf[tlv.contentStart]! & 0x80) throw malformed('Invalid structure: a count or version is negative.');
  let value = 0;
  for (let i = tlv.contentStart; i < tlv.contentEnd; i++) value = value * 256 + buf[i]!;
  if (value > Number.MAX_SAFE_INTEGER) throw malformed('Invalid structure: an integer is too large.');
  return value;
}

/** BOOLEAN value (any non-zero octet is true, as BER allows). */
export function readBoolean(buf: Uint8Array, tlv: Tlv): boolean {
  if (tlv.tag !== TAG.BOOLEAN || tlv.contentEnd - tlv.contentStart !== 1) throw malformed('Invalid structure: expected a boolean.');
  return buf[tlv.contentStart] !== 0;
}

/** BIT STRING content without the leading unused-bits octet. */
export function bitStringBytes(buf: Uint8Array, tlv: Tlv): Uint8Array {
  if (tlv.tag !== TAG.BIT_STRING || tlv.contentEnd === tlv.contentStart) throw malformed('Invalid structure: expected a bit string.');
  return buf.subarray(tlv.contentStart + 1, tlv.contentEnd);
}

/** Parse bytes that must hold exactly one element (nothing after it). */
export function readWhole(buf: Uint8Array, what: string): Tlv {
  const tlv = readTlv(buf, 0, buf.length);
  if (tlv.end !== buf.length) throw malformed(`${what} has ${buf.length - tlv.end} unexpected bytes after its end.`);
  return tlv;
}
