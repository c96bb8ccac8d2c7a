import { DomainError } from '../../../shared/errors';

/** Where the publisher answers unless `ca init --crl-url` says otherwise (started by `serve` and the desktop app). */
export const DEFAULT_CRL_PORT = 8081;
export const defaultCrlUrl = (authorityId: string): string => `http://127.0.0.1:${DEFAULT_CRL_PORT}/crl/${authorityId}.crl`;

/**
 * The issuing CA's CRL URL, checked: plain http (RFC 5280 4.2.1.13: an https CDP would need a
 * revocation check of its own server certificate), a path ending in .crl.
 */
export function checkCrlUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new DomainError('INVALID_INPUT', `--crl-url "${text}" is not a URL (expected e.g. http://127.0.0.1:8081/crl/lab.crl)`);
  }
  if (url.protocol !== 'http:') throw new DomainError('INVALID_INPUT', `--crl-url must be an http:// URL (clients fetch CRLs without TLS), not ${url.protocol}`);
  if (!url.pathname.endsWith('.crl') || url.search || url.hash) {
    throw new DomainError('INVALID_INPUT', `--crl-url must name a .crl file without query or fragment, e.g. http://${url.host}/crl/lab.crl (got ${text})`);
  }
  return url.href;
}

/** The root's own CRL (which covers the intermediate) sits beside the issuing CA's: lab.crl -> lab-root.crl. */
export const rootCrlUrlBeside = (issuingUrl: string): string => issuingUrl.replace(/\.crl$/, '-root.crl');

/** What the publisher listens on for a CRL URL: a loopback or literal address as given, a host name on every address. */
export function listenTargetOf(crlUrl: string): { host: string; port: number } {
  const url = new URL(crlUrl);
  const port = Number(url.port || 80);
  const name = url.hostname.replace(/^\[|\]$/g, '');
  if (name === 'localhost') return { host: '127.0.0.1', port };
  const literal = /^\d+\.\d+\.\d+\.\d+$/.test(name) || name.includes(':');
  return { host: literal ? name : '::', port };
}

/**
 * The endpoint the CRL publisher holds for the authority's CRL URL (the issuing CA's, as
 * crl-publisher.ts chooses), for binding checks; none without an authority.
 */
export function crlPublisherEndpoints(info: { root: { crlUrl: string }; intermediate?: { crlUrl: string } | null } | null): { address: string; port: number; holder: string }[] {
  const url = info?.intermediate?.crlUrl ?? info?.root.crlUrl;
  if (!url) return [];
  const { host, port } = listenTargetOf(url);
  return [{ address: host, port, holder: `CertMapper's CRL publisher serves the local authority's CRLs (${new URL('.', url).href})` }];
}
