import type { NameField } from '../../../../shared/models/certificate';
import { malformed, readOid, readTlv, TAG, type Tlv } from './der';
import { NAME_ATTRIBUTES } from './oids';
import { asn1String, hexUpper } from './text';

/** A distinguished name read from its ASN.1: the fields in certificate order and the display string. */
export interface ParsedName {
  fields: NameField[];
  /** RFC 4514 order (most specific first, "CN=x, O=y, C=z"); multi-valued RDNs joined by " + ". */
  display: string;
}

// RFC 4514 2.4: characters that must be escaped so the display string splits back unambiguously.
const NEEDS_ESCAPE = /[\\,+"<>;=]|^[ #]| $/;

function escapeValue(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return value;
  let out = value.replace(/[\\,+"<>;=]/g, (c) => `\\${c}`);
  if (out.startsWith(' ') || out.startsWith('#')) out = `\\${out}`;
  if (out.endsWith(' ') && out.length > 1) out = `${out.slice(0, -1)}\\ `;
  return out;
}

/**
 * Read a Name (SEQUENCE OF RDN). Values come from the parsed attributes, never from splitting a
 * string, so a CN that contains ",OU=Admins" stays one CN field.
 */
export function readName(buf: Uint8Array, name: Tlv): ParsedName {
  if (name.tag !== TAG.SEQUENCE) throw malformed('Invalid structure: expected a distinguished name.');
  const fields: NameField[] = [];
  const rdns: string[] = [];
  let p = name.contentStart;
  while (p < name.contentEnd) {
    const rdn = readTlv(buf, p, name.contentEnd);
    p = rdn.end;
    if (rdn.tag !== TAG.SET) throw malformed('Invalid structure: a name component is not a SET.');
    let parts = '';
    let q = rdn.contentStart;
    while (q < rdn.contentEnd) {
      const atv = readTlv(buf, q, rdn.contentEnd);
      q = atv.end;
      if (atv.tag !== TAG.SEQUENCE) throw malformed('Invalid structure: a name attribute is not a SEQUENCE.');
      const typeTlv = readTlv(buf, atv.contentStart, atv.contentEnd);
      const oid = readOid(buf, typeTlv);
      const valueTlv = readTlv(buf, typeTlv.end, atv.contentEnd);
      const text = asn1String(buf, valueTlv);
      // RFC 4514: a value that is not a string is shown as # and the hex of its encoding.
      const value = text ?? `#${hexUpper(buf, valueTlv.start, valueTlv.end)}`;
      const type = NAME_ATTRIBUTES[oid] ?? oid;
      fields.push({ type, oid, value });
      const shown = `${type}=${text === null ? value : escapeValue(value)}`;
      parts = parts ? `${parts} + ${shown}` : shown;
    }
    rdns.push(parts);
  }
  return { fields, display: rdns.reverse().join(', ') };
}

/**
 * A comparable form of a name (RFC 5280 7.1: case-insensitive, whitespace folded), built from the
 * parsed attributes so chain building is a Map lookup. Same algorithm as ../name-key.ts, so keys
 * computed here and keys stored by the import layer match.
 */
export function nameKeyOf(fields: readonly NameField[]): string {
  return fields.map((f) => `${f.oid}=${f.value.trim().replace(/\s+/g, ' ').toLowerCase()}`).join('/');
}
