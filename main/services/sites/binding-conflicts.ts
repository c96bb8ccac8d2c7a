import { DomainError } from '../../../shared/errors';
import type { Binding, Site } from '../../../shared/models/site';

const describe = (b: Binding) => `${b.protocol}://${b.address}:${b.port}${b.host ? ` (host ${b.host})` : ''}`;

/**
 * Refuse a binding another site (or the same site) already holds: the same address:port:host, or a
 * specific address against "all addresses" on the same port with the same host. Port 0 asks the
 * system for a free port, so it never conflicts.
 */
export function assertNoBindingConflict(sites: Site[], siteId: string | null, binding: Binding): void {
  if (binding.port === 0) return;
  for (const site of sites) {
    for (const other of site.bindings) {
      if (other.port !== binding.port || other.protocol !== binding.protocol) continue;
      const sameHost = (other.host ?? '').toLowerCase() === (binding.host ?? '').toLowerCase();
      if (!sameHost) continue;
      const overlap = other.address === binding.address || other.address === '*' || binding.address === '*';
      if (!overlap) continue;
      const owner = site.id === siteId ? 'this site' : `site "${site.name}"`;
      throw new DomainError('CONFLICT', `Binding ${describe(binding)} conflicts with ${describe(other)} of ${owner}`);
    }
  }
}
