import { isIP } from 'node:net';
import { DomainError } from '../../../shared/errors';
import { bindingText, sameBindingKey, type BindingConflict, type BindingInput, type BindingKey, type BindingRow } from '../../../shared/models/binding';
import type { Binding, Site } from '../../../shared/models/site';
import type { Clock } from '../../ports';
import type { CertificateService } from '../certificates/certificate-service';
import type { SiteService } from '../sites/site-service';
import { bindingRows } from './binding-rows';
import { configuredConflicts } from './configured-conflicts';
import { runningGatewayEndpoints, type GatewayEndpoint } from './gateway-listeners';
import { portConflicts, type ReservedEndpoint } from './port-conflicts';
import { probePort, type ProbeResult } from './port-probe';

const HOST_NAME = /^(?=.{1,253}$)(\*\.)?[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i;

/** What the binding service needs besides sites and certificates: time, and how to see ports. */
export interface BindingServiceOptions {
  clock: Clock;
  /** Endpoints the running gateway of this data folder listens on (gateway-listeners.ts). */
  gatewayEndpoints(): GatewayEndpoint[];
  probe?(address: string, port: number): Promise<ProbeResult>;
  /** Endpoints CertMapper's other listeners hold (the CRL publisher): never free for a binding. */
  reservedEndpoints?(): ReservedEndpoint[];
}

/** Default options for a data folder: the system clock is passed in, ports are probed for real. */
export const bindingServiceOptions = (dataDir: string, clock: Clock): BindingServiceOptions => ({
  clock,
  gatewayEndpoints: () => runningGatewayEndpoints(dataDir),
});

/**
 * Every site's bindings in one place (IIS's Site Bindings, for the whole server): list, add, edit and
 * remove, each change refused with every conflict explained. A binding's certificate change is a
 * configuration change like any other: the gateway swaps the secure context in place, so the next
 * handshake presents the new certificate and open connections keep the one they started with.
 */
export class BindingService {
  private readonly probe: (address: string, port: number) => Promise<ProbeResult>;

  constructor(
    private readonly sites: SiteService,
    private readonly certificates: CertificateService,
    private readonly options: BindingServiceOptions,
  ) {
    this.probe = options.probe ?? probePort;
  }

  list(): BindingRow[] {
    const summaries = new Map(this.certificates.list().map((c) => [c.sha256, c]));
    return bindingRows(this.sites.list(), { summaries, renewals: this.certificates.renewals() }, this.options.clock.now());
  }

  /** Every reason the binding cannot be saved on this site (empty: it can); `replacing` is the binding an edit changes. */
  async check(siteRef: string, candidate: BindingKey, replacing?: BindingKey | null): Promise<BindingConflict[]> {
    const site = this.sites.get(siteRef);
    const key = normalizeKey(candidate);
    const configured = configuredConflicts(this.sites.list(), site.id, key, replacing ?? null);
    const port = await portConflicts(key, replacing ?? null, this.options.gatewayEndpoints(), this.probe, this.options.reservedEndpoints?.());
    return [...configured, ...port];
  }

  async add(siteRef: string, input: BindingInput): Promise<BindingRow> {
    const binding = this.validated(siteRef, input);
    await this.assertNoPortConflict(binding, null);
    const site = this.sites.update(siteRef, (current) => {
      assertNoConfiguredConflict(this.sites.list(), current, binding, null);
      return { ...current, bindings: [...current.bindings, binding] };
    });
    return this.rowOf(site, binding);
  }

  /** Replace one binding of a site (its address, port, host name, type or certificate), in place. */
  async update(siteRef: string, key: BindingKey, input: BindingInput): Promise<BindingRow> {
    const existing = findBinding(this.sites.get(siteRef), key);
    const binding = this.validated(siteRef, input);
    await this.assertNoPortConflict(binding, existing);
    const site = this.sites.update(siteRef, (current) => {
      const target = findBinding(current, key);
      assertNoConfiguredConflict(this.sites.list(), current, binding, target);
      return { ...current, bindings: current.bindings.map((b) => (b === target ? binding : b)) };
    });
    return this.rowOf(site, binding);
  }

  remove(siteRef: string, key: BindingKey): void {
    this.sites.update(siteRef, (current) => {
      const target = findBinding(current, key);
      if (current.bindings.length === 1) {
        throw new DomainError('INVALID_INPUT', `${bindingText(target)} is the only binding of site "${current.name}": a site needs one. Add another binding first, or remove the site.`);
      }
      return { ...current, bindings: current.bindings.filter((b) => b !== target) };
    });
  }

  private async assertNoPortConflict(binding: Binding, replacing: Binding | null): Promise<void> {
    const conflicts = await portConflicts(binding, replacing, this.options.gatewayEndpoints(), this.probe, this.options.reservedEndpoints?.());
    if (conflicts.length) throw conflictError(conflicts);
  }

  /** The binding as it will be stored, or INVALID_INPUT / NOT_FOUND naming what is wrong with it. */
  private validated(siteRef: string, input: BindingInput): Binding {
    const site = this.sites.get(siteRef);
    const key = normalizeKey(input);
    if (key.address !== '*' && isIP(key.address) === 0) {
      throw new DomainError('INVALID_INPUT', `"${input.address}" is not an IP address: use an IPv4 or IPv6 address, or * for all addresses`);
    }
    if (key.host !== null && !HOST_NAME.test(key.host)) {
      throw new DomainError('INVALID_INPUT', `"${key.host}" is not a host name: use a DNS name such as shop.example.com (or *.example.com)`);
    }
    if (key.protocol === 'http') {
      if (input.certificateSha256) throw new DomainError('INVALID_INPUT', `${bindingText(key)} is plain http: it has no server certificate`);
      return { ...key, certificateSha256: null };
    }
    const sha256 = input.certificateSha256 ?? site.serverCertificateSha256;
    if (!sha256) {
      throw new DomainError('INVALID_INPUT', `${bindingText(key)} needs a server certificate: site "${site.name}" has none of its own, so name one (--server-cert SHA256)`);
    }
    const certificate = this.certificates.get(sha256);
    if (!certificate.hasPrivateKey) {
      throw new DomainError('INVALID_INPUT', `Certificate ${certificate.displayName} (${sha256}) has no private key in the vault, so it cannot be a server certificate`);
    }
    return { ...key, certificateSha256: input.certificateSha256 };
  }

  private rowOf(site: Site, binding: Binding): BindingRow {
    const row = this.list().find((r) => r.siteId === site.id && sameBindingKey(r, binding));
    if (!row) throw new DomainError('INTERNAL', `${bindingText(binding)} was saved but is not listed`);
    return row;
  }
}

/** Addresses compare and store in one spelling: IPv6 without brackets, lower case; an empty host is none. */
function normalizeKey(key: BindingKey): BindingKey {
  const address = key.address.trim().replace(/^\[(.*)\]$/, '$1').toLowerCase();
  const host = key.host?.trim() ? key.host.trim() : null;
  return { protocol: key.protocol, address, port: key.port, host };
}

function findBinding(site: Site, key: BindingKey): Binding {
  const wanted = normalizeKey(key);
  const found = site.bindings.find((b) => sameBindingKey(b, wanted));
  if (!found) {
    const known = site.bindings.map(bindingText).join(', ');
    throw new DomainError('NOT_FOUND', `Site "${site.name}" has no binding ${bindingText(wanted)} (its bindings: ${known || 'none'})`);
  }
  return found;
}

function assertNoConfiguredConflict(sites: readonly Site[], site: Site, binding: Binding, replacing: Binding | null): void {
  const conflicts = configuredConflicts(sites, site.id, binding, replacing);
  if (conflicts.length) throw conflictError(conflicts);
}

/** One CONFLICT error carrying every explanation, one per line. */
function conflictError(conflicts: readonly BindingConflict[]): DomainError {
  return new DomainError('CONFLICT', conflicts.map((c) => c.message).join('\n'));
}
