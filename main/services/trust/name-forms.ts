/**
 * Matching of one name against one name-constraint base, per form (RFC 5280 4.2.1.10). Each
 * function returns whether `name` lies inside the subtree `base`; syntax checks are separate so
 * that a malformed name or constraint fails the path instead of silently matching nothing.
 */

const LABEL = /^[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?$/i;

/** A DNS name as a SAN may hold it: LDH labels, optionally a leading "*" label (wildcard). */
export function isValidDnsName(name: string, allowWildcard: boolean): boolean {
  if (name.length === 0 || name.length > 253 || name.endsWith('.')) return false;
  const labels = name.split('.');
  return labels.every((label, i) => (i === 0 && allowWildcard && label === '*' && labels.length > 1) || (label.length <= 63 && LABEL.test(label)));
}

/** A dNSName constraint: empty (everything), or a DNS name without wildcard or leading period. */
export function isValidDnsConstraint(base: string): boolean {
  return base === '' || isValidDnsName(base, false);
}

/** Whether `name` (possibly "*.x") is inside or could overlap the subtree `base`. `forExclusion` widens wildcards. */
export function dnsMatches(name: string, base: string, forExclusion: boolean): boolean {
  if (base === '') return true;
  const n = name.toLowerCase();
  const b = base.toLowerCase();
  if (n === b || n.endsWith(`.${b}`)) return true;
  // "*.example.com" stands for every "x.example.com": for an exclusion it is caught when the
  // excluded subtree is one of those names (CVE-2025-61727); for a permission it must be wholly inside.
  if (forExclusion && n.startsWith('*.')) {
    const suffix = n.slice(1);
    return b.endsWith(suffix) && !b.slice(0, -suffix.length).includes('.');
  }
  return false;
}

/** A mailbox as an rfc822Name SAN holds it: exactly one "@", a non-empty local part, a DNS domain. */
export function isValidMailbox(name: string): boolean {
  const at = name.indexOf('@');
  return at > 0 && at === name.lastIndexOf('@') && isValidDnsName(name.slice(at + 1), false);
}

/** An rfc822Name constraint: a mailbox, a host, or ".domain" (RFC 5280 4.2.1.10). */
export function isValidEmailConstraint(base: string): boolean {
  if (base.includes('@')) return isValidMailbox(base);
  return isValidDnsName(base.startsWith('.') ? base.slice(1) : base, false);
}

/** Mailbox constraint: exact (local part compared literally, "*" is no wildcard); host; or any subdomain for ".domain". */
export function emailMatches(name: string, base: string): boolean {
  const at = name.lastIndexOf('@');
  const host = name.slice(at + 1).toLowerCase();
  if (base.includes('@')) {
    const baseAt = base.lastIndexOf('@');
    return name.slice(0, at) === base.slice(0, baseAt) && host === base.slice(baseAt + 1).toLowerCase();
  }
  const b = base.toLowerCase();
  return b.startsWith('.') ? host.endsWith(b) : host === b;
}

/** The host of a URI with an authority ("scheme://[user@]host[:port]/..."), or null. */
export function uriHost(uri: string): string | null {
  const match = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)/i.exec(uri);
  const host = match?.[1];
  return host ? host.toLowerCase() : null;
}

/** URI constraint: the host equals `base`, or for ".domain" any host below it. */
export function uriMatches(host: string, base: string): boolean {
  const b = base.toLowerCase();
  return b.startsWith('.') ? host.endsWith(b) : host === b;
}

/** An iPAddress constraint: address and a contiguous mask, 8 (IPv4) or 32 (IPv6) octets. */
export function isValidIpConstraint(bytes: Uint8Array): boolean {
  if (bytes.length !== 8 && bytes.length !== 32) return false;
  let seenZero = false;
  for (let i = bytes.length / 2; i < bytes.length; i++) {
    for (let bit = 7; bit >= 0; bit--) {
      const one = (bytes[i]! >> bit) & 1;
      if (one && seenZero) return false;
      if (!one) seenZero = true;
    }
  }
  return true;
}

/** Whether an address (4 or 16 octets) lies in the address/mask `base` of the same family. */
export function ipMatches(address: Uint8Array, base: Uint8Array): boolean {
  if (base.length !== address.length * 2) return false;
  for (let i = 0; i < address.length; i++) {
    const mask = base[address.length + i]!;
    if ((address[i]! & mask) !== (base[i]! & mask)) return false;
  }
  return true;
}

/** directoryName: the constraint's RDNs are the first RDNs of the name. */
export function dnMatches(rdns: readonly string[], base: readonly string[]): boolean {
  if (base.length > rdns.length) return false;
  return base.every((rdn, i) => rdns[i] === rdn);
}

/** Byte equality without copying (Buffer.from(view) would copy on every call). */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** otherName: same type-id and the same value octets (no type-specific semantics). */
export function otherNameMatches(typeId: string, value: Uint8Array, baseTypeId: string, baseValue: Uint8Array): boolean {
  return typeId === baseTypeId && sameBytes(value, baseValue);
}
