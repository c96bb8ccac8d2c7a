import { bindingText, sameBindingKey, type BindingConflict, type BindingKey } from '../../../shared/models/binding';
import type { Site } from '../../../shared/models/site';

const where = (address: string, port: number) => `${address === '*' ? 'all addresses' : address.includes(':') ? `[${address}]` : address}:${port}`;
const owner = (site: Site, siteId: string | null) => (site.id === siteId ? 'this site' : `site "${site.name}"`);

/**
 * Conflicts of a binding with the configured bindings of every site, in plain words. `siteId` is the
 * site the binding belongs to (null for a new site); `replacing` is the binding an edit replaces, which
 * is not a conflict with its own new version.
 *
 * The gateway opens one server per protocol, address and port (gateway/listener-plan.ts), so: the same
 * address:port:host twice cannot be told apart; http and https cannot share one address:port; and "all
 * addresses" on a port takes that port on every address, so no specific address can have it too,
 * whatever the host names (the system refuses the second listen). Port 0 asks the system for a free
 * port, so it never conflicts.
 */
export function configuredConflicts(sites: readonly Site[], siteId: string | null, candidate: BindingKey, replacing?: BindingKey | null): BindingConflict[] {
  if (candidate.port === 0) return [];
  const conflicts: BindingConflict[] = [];
  // Several host names on the clashing endpoint are one clash, said once per site.
  const said = new Set<string>();
  const once = (conflict: BindingConflict, site: Site) => {
    const key = `${conflict.kind}|${site.id}|${conflict.with?.protocol}|${conflict.with?.address}`;
    if (!said.has(key)) conflicts.push(conflict);
    said.add(key);
  };
  for (const site of sites) {
    for (const other of site.bindings) {
      if (other.port !== candidate.port) continue;
      if (site.id === siteId && replacing && sameBindingKey(other, replacing)) continue;
      const sameAddress = other.address.toLowerCase() === candidate.address.toLowerCase();
      const anyAll = other.address === '*' || candidate.address === '*';
      if (!sameAddress && !anyAll) continue;
      const withBinding = { protocol: other.protocol, address: other.address, port: other.port, host: other.host, siteName: site.name };
      if (!sameAddress) {
        const specific = other.address === '*' ? candidate : other;
        once({
          kind: 'all-addresses',
          message:
            `${bindingText(candidate)} clashes with ${bindingText(other)} of ${owner(site, siteId)}: ` +
            `a binding on all addresses takes port ${specific.port} on every address, so ${where(specific.address, specific.port)} cannot be bound on its own. ` +
            `Use the same address for both (host names tell the sites apart), or another port.`,
          with: withBinding,
        }, site);
      } else if (other.protocol !== candidate.protocol) {
        once({
          kind: 'protocol',
          message:
            `${bindingText(candidate)} clashes with ${bindingText(other)} of ${owner(site, siteId)}: ` +
            `${where(candidate.address, candidate.port)} already serves ${other.protocol}, and one address:port serves one protocol. Use another port.`,
          with: withBinding,
        }, site);
      } else if ((other.host ?? '').toLowerCase() === (candidate.host ?? '').toLowerCase()) {
        conflicts.push({
          kind: 'duplicate',
          message:
            `${bindingText(candidate)} is already bound to ${owner(site, siteId)}: the same address, port and ` +
            `${candidate.host ? `host name ${candidate.host}` : 'empty host name'} cannot belong to two bindings. ` +
            `Give one of them a host name, another port or another address.`,
          with: withBinding,
        });
      }
    }
  }
  return conflicts;
}
