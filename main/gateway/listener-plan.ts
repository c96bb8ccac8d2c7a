import type { Binding, GatewaySnapshot, SnapshotSite } from '../decision/types';

/** One binding of one site, as a listener serves it. */
export interface PlannedBinding {
  site: SnapshotSite;
  binding: Binding;
}

/** One server to run: every binding that shares protocol, address and port (host names are told apart by SNI / Host). */
export interface ListenerPlan {
  /** Stable across snapshots, so an unchanged endpoint keeps its server and its open connections. */
  key: string;
  protocol: 'http' | 'https';
  address: string;
  port: number;
  bindings: PlannedBinding[];
}

/**
 * Group the snapshot's bindings into listeners. Port 0 (tests) asks the system for a free port, so
 * two port-0 bindings never share a socket: they are grouped per site instead, which keeps the key
 * (and the port the system gave) stable across configuration changes.
 */
export function planListeners(snapshot: GatewaySnapshot): ListenerPlan[] {
  const plans = new Map<string, ListenerPlan>();
  for (const site of snapshot.sites) {
    for (const binding of site.site.bindings) {
      const endpoint = `${binding.protocol}://${binding.address}:${binding.port}`;
      const key = binding.port === 0 ? `${endpoint}/${site.site.id}` : endpoint;
      let plan = plans.get(key);
      if (!plan) {
        plan = { key, protocol: binding.protocol, address: binding.address, port: binding.port, bindings: [] };
        plans.set(key, plan);
      }
      plan.bindings.push({ site, binding });
    }
  }
  return [...plans.values()];
}

/** The host to listen on: '*' is every address (Node's default, dual-stack where available). */
export const listenHost = (address: string): string | undefined => (address === '*' ? undefined : address);

/** The URL a binding answers on, for the console and the tests. */
export function bindingUrl(binding: Binding, port: number): string {
  const name = binding.host ?? (binding.address === '*' ? 'localhost' : binding.address);
  const host = name.includes(':') ? `[${name}]` : name;
  return `${binding.protocol}://${host}:${port}/`;
}
