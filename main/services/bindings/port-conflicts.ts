import type { BindingConflict, BindingKey } from '../../../shared/models/binding';
import type { GatewayEndpoint } from './gateway-listeners';
import type { ProbeResult } from './port-probe';

/** An endpoint another listener of CertMapper holds, or will when it runs (the local authority's CRL publisher). */
export interface ReservedEndpoint {
  address: string;
  port: number;
  /** Who holds it, in words that finish "is where ...". */
  holder: string;
}

const ALL_ADDRESSES = new Set(['*', '::', '0.0.0.0']);
const overlaps = (a: { address: string; port: number }, b: { address: string; port: number }) =>
  a.port === b.port && (a.address.toLowerCase() === b.address.toLowerCase() || ALL_ADDRESSES.has(a.address) || ALL_ADDRESSES.has(b.address));

const endpointText = (key: BindingKey) => `port ${key.port} on ${key.address === '*' ? 'all addresses' : key.address}`;

/**
 * Whether the gateway could listen for this binding, in plain words. Nothing to check when the port
 * is 0 (the system picks one), or when an edit keeps the endpoint (protocol, address, port) it
 * already had: the listener stays and only its routes change. Otherwise the port is probed; a port
 * that is busy is ours, and no conflict, when the running gateway of this data folder reports a
 * listener on that address and port (gateway-listeners.ts): a new host name or certificate on an
 * endpoint it already serves joins that listener. An endpoint reserved by another listener of
 * CertMapper is a conflict whether or not that listener runs now: both cannot have it once it does.
 */
export async function portConflicts(
  candidate: BindingKey,
  replacing: BindingKey | null,
  ours: readonly GatewayEndpoint[],
  probe: (address: string, port: number) => Promise<ProbeResult>,
  reserved: readonly ReservedEndpoint[] = [],
): Promise<BindingConflict[]> {
  if (candidate.port === 0) return [];
  if (replacing && replacing.protocol === candidate.protocol && replacing.address.toLowerCase() === candidate.address.toLowerCase() && replacing.port === candidate.port) return [];
  const holder = reserved.find((r) => overlaps(r, candidate));
  if (holder) {
    const message = `${capitalize(endpointText(candidate))} is where ${holder.holder}, so the gateway could not listen there. Choose another port.`;
    return [{ kind: 'port-in-use', message, with: null }];
  }
  const result = await probe(candidate.address, candidate.port);
  if (result.free) return [];
  // A listener of ours on all addresses also holds the port of each specific one: that clash is a
  // configured one (configured-conflicts.ts explains it), not another program's.
  const heldByUs = ours.some((e) => e.port === candidate.port && (e.address.toLowerCase() === candidate.address.toLowerCase() || e.address === '*' || candidate.address === '*'));
  if (heldByUs) return [];
  return [{ ...explain(candidate, result.code), with: null }];
}

function explain(candidate: BindingKey, code: string): Pick<BindingConflict, 'kind' | 'message'> {
  const endpoint = endpointText(candidate);
  switch (code) {
    case 'EADDRINUSE':
      return {
        kind: 'port-in-use',
        message: `${capitalize(endpoint)} is in use by another program (not CertMapper's gateway), so the gateway could not listen there. Stop that program or choose another port.`,
      };
    case 'EACCES':
      return {
        kind: 'port-unavailable',
        message: `CertMapper may not listen on ${endpoint}: ports below 1024 need administrator rights (or CAP_NET_BIND_SERVICE). Choose a port from 1024 up, or run CertMapper with those rights.`,
      };
    case 'EADDRNOTAVAIL':
      return {
        kind: 'port-unavailable',
        message: `${candidate.address} is not an address of this computer, so nothing can listen on ${endpoint}. Use one of its addresses, or * for all of them.`,
      };
    default:
      return { kind: 'port-unavailable', message: `The system refused to listen on ${endpoint} (${code}).` };
  }
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
