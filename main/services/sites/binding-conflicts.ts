import { DomainError } from '../../../shared/errors';
import type { Binding, Site } from '../../../shared/models/site';
import { configuredConflicts } from '../bindings/configured-conflicts';

/**
 * Refuse a binding another site (or the same site) already holds, with the same rules and words as
 * the bindings service (bindings/configured-conflicts.ts): the same address:port:host, a specific
 * address against all addresses on one port, http and https on one address:port.
 */
export function assertNoBindingConflict(sites: Site[], siteId: string | null, binding: Binding): void {
  const conflicts = configuredConflicts(sites, siteId, binding);
  if (conflicts.length) throw new DomainError('CONFLICT', conflicts.map((c) => c.message).join('\n'));
}
