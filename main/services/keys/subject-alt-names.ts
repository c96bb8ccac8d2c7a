import { isIP } from 'node:net';
import { domainToASCII } from 'node:url';
import type { JsonGeneralName } from '@peculiar/x509';
import { DomainError } from '../../../shared/errors';
import type { RequestSan } from '../../../shared/models/key';

const LABEL = /^(?!-)[A-Za-z0-9_-]{1,63}(?<!-)$/;
const MAILBOX = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const UPN = /^[^\s@]+@[^\s@]+$/;

const invalid = (san: RequestSan, why: string) => new DomainError('INVALID_INPUT', `Subject alternative name ${san.type}:${san.value} ${why}`);

function normalizeDns(san: RequestSan): string {
  const wildcard = san.value.startsWith('*.');
  const ascii = domainToASCII(wildcard ? san.value.slice(2) : san.value).replace(/\.$/, '');
  if (!ascii || ascii.length > 253 || !ascii.split('.').every((label) => LABEL.test(label))) {
    throw invalid(san, 'is not a host name (letters, digits and hyphens in dot-separated labels; *. only as the first label).');
  }
  return (wildcard ? '*.' : '') + ascii.toLowerCase();
}

/** Check one SAN and put it in the form the certificate will carry (IDN as A-labels, IPv6 canonical). */
export function normalizeSan(san: RequestSan): RequestSan {
  const value = san.value.trim();
  const trimmed = { ...san, value };
  switch (san.type) {
    case 'dns':
      return { type: 'dns', value: normalizeDns(trimmed) };
    case 'ip': {
      const bare = value.replace(/^\[|\]$/g, '');
      if (!isIP(bare)) throw invalid(trimmed, 'is not an IPv4 or IPv6 address.');
      return { type: 'ip', value: isIP(bare) === 6 ? new URL(`http://[${bare}]/`).hostname.slice(1, -1) : bare };
    }
    case 'email':
      if (!MAILBOX.test(value)) throw invalid(trimmed, 'is not an email address (name@domain.example).');
      return trimmed;
    case 'upn':
      if (!UPN.test(value)) throw invalid(trimmed, 'is not a user principal name (user@domain).');
      return trimmed;
    case 'uri': {
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        throw invalid(trimmed, 'is not an absolute URI (scheme:...).');
      }
      if (!url.protocol) throw invalid(trimmed, 'has no scheme.');
      return trimmed;
    }
  }
}

/** Normalized and without repeats, in the order given. */
export function normalizeSans(sans: RequestSan[]): RequestSan[] {
  const seen = new Set<string>();
  const out: RequestSan[] = [];
  for (const san of sans.map(normalizeSan)) {
    const key = `${san.type}:${san.type === 'dns' || san.type === 'email' ? san.value.toLowerCase() : san.value}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(san);
    }
  }
  return out;
}

/** @peculiar/x509's GeneralName JSON for a SAN (it names URIs "url"). */
export function toGeneralName(san: RequestSan): JsonGeneralName {
  return { type: san.type === 'uri' ? 'url' : san.type, value: san.value };
}
