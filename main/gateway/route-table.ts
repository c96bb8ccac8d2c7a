import type { SnapshotSite } from '../decision/types';
import { strippedNames } from './identity-headers';
import type { ListenerPlan, PlannedBinding } from './listener-plan';
import { serverCertificateOf, type TlsMaterial, type TlsMaterialCache } from './tls-material';

/** Where a connection or request on one listener goes: a site, and for https what it serves TLS with. */
export interface Route {
  siteId: string;
  siteName: string;
  site: SnapshotSite;
  /** Whether the handshake asks for a client certificate (spec section 1: any folder accepting or requiring one). */
  requestCert: boolean;
  tls: TlsMaterial | null;
  /** The upstream URL, parsed once per snapshot (null for static content). */
  upstream: URL | null;
  /** The identity header names client copies are stripped by (identity-headers.ts). */
  strippedHeaders: ReadonlySet<string>;
  /** Some mapping of the site forwards a password: the upstream trusts Authorization, so the client's own is dropped. */
  forwardsPasswords: boolean;
}

/** One listener's routing for one snapshot; replaced whole (never edited) when the configuration changes. */
export interface RouteTable {
  byHost: ReadonlyMap<string, Route>;
  /** "*.example.com" bindings, by the part after "*." */
  byWildcard: ReadonlyMap<string, Route>;
  /** The binding without a host name: what a client without SNI, or with an unknown name, gets. */
  fallback: Route | null;
  /** What the handshake serves when nothing matches: the fallback, else the first route. */
  base: Route | null;
  /** Changes whenever anything the handshake depends on changes (see https-listener.ts). */
  tlsFingerprint: string;
  /** Bindings that cannot be served, with the reason. */
  errors: Map<PlannedBinding, string>;
}

/** TLS 1.3 cannot renegotiate, so a site that wants a certificate anywhere asks for it in every handshake. */
export function wantsClientCertificate(site: SnapshotSite): boolean {
  return [site.site.security, ...site.site.folders.map((f) => f.security)].some(
    (s) => s.clientCertificates === 'accept' || s.clientCertificates === 'require',
  );
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** Host names compare case-insensitively and without a trailing dot (RFC 6066 SNI, RFC 9110 Host). */
export const normalizeHost = (host: string): string => host.toLowerCase().replace(/\.$/, '');

/** Build a listener's routes; a binding that conflicts or lacks a usable certificate is reported, not served. */
export function buildRouteTable(plan: ListenerPlan, materials: TlsMaterialCache): RouteTable {
  const byHost = new Map<string, Route>();
  const byWildcard = new Map<string, Route>();
  const errors = new Map<PlannedBinding, string>();
  let fallback: Route | null = null;
  let base: Route | null = null;
  for (const planned of plan.bindings) {
    const { site, binding } = planned;
    let tls: TlsMaterial | null = null;
    if (plan.protocol === 'https') {
      const material = materials.get(site, serverCertificateOf(site, binding.certificateSha256));
      if ('error' in material) {
        errors.set(planned, material.error);
        continue;
      }
      tls = material;
    }
    const content = site.site.content;
    const upstream = content.kind === 'upstream' ? parseUrl(content.url) : null;
    if (content.kind === 'upstream' && !upstream) {
      errors.set(planned, `site "${site.site.name}" has an invalid upstream URL: ${content.url}`);
      continue;
    }
    const route: Route = {
      siteId: site.site.id,
      siteName: site.site.name,
      site,
      requestCert: wantsClientCertificate(site),
      tls,
      upstream,
      strippedHeaders: strippedNames(site.site.identityHeaders),
      forwardsPasswords: Object.keys(site.mappingPasswords).length > 0,
    };
    const host = binding.host ? normalizeHost(binding.host) : null;
    const taken = host === null ? fallback : host.startsWith('*.') ? byWildcard.get(host.slice(2)) : byHost.get(host);
    if (taken) {
      errors.set(planned, `${plan.key}${host ? ` host ${host}` : ''} is already bound to site "${taken.siteName}"`);
      continue;
    }
    if (host === null) fallback = route;
    else if (host.startsWith('*.')) byWildcard.set(host.slice(2), route);
    else byHost.set(host, route);
    base ??= route;
  }
  if (fallback) base = fallback;
  const all = [...byHost.entries(), ...byWildcard.entries(), ['', fallback] as const];
  const tlsFingerprint = all.map(([host, r]) => `${host}=${r ? `${r.tls?.key ?? ''}:${r.requestCert}` : '-'}`).join(',') + `;base=${base?.tls?.key ?? ''}`;
  return { byHost, byWildcard, fallback, base, tlsFingerprint, errors };
}

/** The route a host name selects, exactly or by wildcard; null when no binding names it. */
export function routeForName(table: RouteTable, name: string | null | undefined): Route | null {
  if (!name) return null;
  const host = normalizeHost(name);
  const exact = table.byHost.get(host);
  if (exact) return exact;
  if (table.byWildcard.size === 0) return null;
  const dot = host.indexOf('.');
  return dot > 0 ? (table.byWildcard.get(host.slice(dot + 1)) ?? null) : null;
}

/** The host name of a Host header: without the port, IPv6 brackets removed. */
export function hostOfHeader(header: string | undefined): string | null {
  if (!header) return null;
  if (header.startsWith('[')) {
    const end = header.indexOf(']');
    return end > 0 ? header.slice(1, end) : null;
  }
  const colon = header.indexOf(':');
  return colon >= 0 ? header.slice(0, colon) : header;
}
