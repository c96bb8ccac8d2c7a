import * as x509 from '@peculiar/x509';
import { DomainError } from '../../../shared/errors';
import { NAME_ATTRIBUTES } from '../certificates/codec/oids';

/** Short names typed by people and by OpenSSL that the store shows differently. */
const ALIASES: Record<string, string> = { ST: '2.5.4.8', EMAIL: '1.2.840.113549.1.9.1', EMAILADDRESS: '1.2.840.113549.1.9.1', G: '2.5.4.42', GIVENNAME: '2.5.4.42', SURNAME: '2.5.4.4', TITLE: '2.5.4.12' };
const OIDS_BY_NAME = new Map<string, string>([
  ...Object.entries(NAME_ATTRIBUTES).map(([oid, name]) => [name.toUpperCase(), oid] as [string, string]),
  ...Object.entries(ALIASES),
]);
const COUNTRY = '2.5.4.6';

export interface SubjectAttribute {
  oid: string;
  value: string;
}

/** RDNs in the order written (RFC 4514: most specific first); each RDN one or more attributes. */
export type ParsedSubject = SubjectAttribute[][];

const invalid = (message: string) => new DomainError('INVALID_INPUT', `Subject: ${message}`);

/** Split on a separator that is not escaped with a backslash. */
function splitUnescaped(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length) {
      current += c + text[i + 1];
      i++;
    } else if (c === separator) {
      parts.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  parts.push(current);
  return parts;
}

function unescapeValue(raw: string, attribute: string): string {
  let out = '';
  const bytes: number[] = [];
  const flush = () => {
    if (bytes.length) out += Buffer.from(bytes.splice(0)).toString('utf8');
  };
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c !== '\\') {
      flush();
      out += c;
      continue;
    }
    const hex = raw.slice(i + 1, i + 3);
    if (/^[0-9a-fA-F]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else if (i + 1 < raw.length) {
      flush();
      out += raw[++i];
    } else {
      throw invalid(`the value of ${attribute} ends with a lone backslash.`);
    }
  }
  flush();
  return out;
}

function parseAttribute(text: string): SubjectAttribute {
  const [typePart, ...valueParts] = splitUnescaped(text, '=');
  const type = (typePart ?? '').trim();
  if (valueParts.length === 0 || !type) throw invalid(`"${text.trim()}" is not TYPE=value (for example CN=www.example.com).`);
  const oid = /^\d+(\.\d+)+$/.test(type) ? type : OIDS_BY_NAME.get(type.toUpperCase());
  if (!oid) throw invalid(`unknown attribute type "${type}" (use CN, O, OU, L, S, C, E, DC, UID, ... or a dotted OID).`);
  const value = unescapeValue(valueParts.join('=').trim(), type);
  if (value === '') throw invalid(`${type} has an empty value.`);
  if (value.length > 1024) throw invalid(`the value of ${type} is longer than 1024 characters.`);
  if (oid === COUNTRY && !/^[A-Za-z]{2}$/.test(value)) throw invalid(`C must be a two-letter country code (got "${value}").`);
  return { oid, value: oid === COUNTRY ? value.toUpperCase() : value };
}

/** Parse "CN=www.example.com, O=Example, C=US" (RFC 4514: escapes with \, multi-valued RDNs with +). */
export function parseSubject(text: string): ParsedSubject {
  if (text.trim() === '') throw invalid('it is empty; give at least a common name, e.g. CN=www.example.com.');
  if (text.trim().startsWith('/')) throw invalid('write it as CN=www.example.com, O=Example (RFC 4514), not /CN=.../O=... (OpenSSL -subj).');
  return splitUnescaped(text, ',').map((rdn) => {
    if (rdn.trim() === '') throw invalid(`"${text}" has an empty component between commas.`);
    return splitUnescaped(rdn, '+').map(parseAttribute);
  });
}

/** The first common name, if any: what the server template also names as a DNS SAN. */
export function commonNameOf(subject: ParsedSubject): string | undefined {
  return subject.flat().find((a) => a.oid === '2.5.4.3')?.value;
}

/** The Name in DER order (least specific first), which is RFC 4514's written order reversed. */
export function toX509Name(subject: ParsedSubject): x509.Name {
  const json = [...subject].reverse().map((rdn) => {
    const entry: Record<string, string[]> = {};
    for (const { oid, value } of rdn) (entry[oid] ??= []).push(value);
    return entry;
  });
  return new x509.Name(json);
}
