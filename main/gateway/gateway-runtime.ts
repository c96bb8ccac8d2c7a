import { createFactsCache, prepareSnapshot } from '../decision/prepare-snapshot';
import type { DecisionEngine, GatewaySnapshot } from '../decision/types';
import { HttpCrlFetcher, type CrlFetcher } from '../services/trust';
import { AuditBatch } from './audit-batch';
import { openAuditLog } from './audit-log';
import { CrlDistribution } from './crl-distribution';
import { Listener } from './listener';
import { bindingUrl, planListeners, type ListenerPlan } from './listener-plan';
import type { FromGateway, GatewayAuditFile, ListeningBinding, ToGateway } from './messages';
import type { RequestContext } from './request-handler';
import { buildRouteTable, type RouteTable } from './route-table';
import { withOwnBinaries } from './snapshot-binaries';
import { StaticFileCache } from './static-file-cache';
import { TlsMaterialCache } from './tls-material';
import { UpstreamProxy } from './upstream-proxy';

/** How the runtime talks to main, and (for tests) which engine it builds. */
export interface GatewayRuntimeOptions {
  /** `transfer`: buffers in the message whose ownership moves to main (postMessage's transfer list). */
  post(message: FromGateway, transfer?: ArrayBuffer[]): void;
  /** The audit log this gateway writes. */
  audit: GatewayAuditFile;
  /**
   * Build the engine for a snapshot, with the CRLs fetched so far added to each site's store CRLs;
   * default: the real prepareSnapshot, sharing parsed certificates across versions.
   */
  prepare?(snapshot: GatewaySnapshot, extraCrls: ReadonlyMap<string, readonly Uint8Array[]>): DecisionEngine;
  /** Where CRLs named by certificates are fetched; default: HttpCrlFetcher (5 s timeout, cached until nextUpdate). */
  crlFetcher?: CrlFetcher;
  /** How long a stop lets open requests finish before closing their connections. */
  stopGraceMs?: number;
}

/** The gateway itself, fed by messages: gateway-entry.ts runs it, and so can a test in its own thread. */
export interface GatewayRuntime {
  handle(message: ToGateway): Promise<void>;
}

/** Start a gateway with no listeners; the first snapshot opens them. */
export function startGatewayRuntime(options: GatewayRuntimeOptions): GatewayRuntime {
  const factsCache = createFactsCache();
  const prepare = options.prepare ?? ((snapshot: GatewaySnapshot, extraCrls: ReadonlyMap<string, readonly Uint8Array[]>) => prepareSnapshot(snapshot, { factsCache, extraCrls }));
  const distribution = new CrlDistribution(options.crlFetcher ?? new HttpCrlFetcher());
  const listeners = new Map<string, Listener>();
  const materials = new TlsMaterialCache();
  const proxy = new UpstreamProxy();
  let engine: DecisionEngine | null = null;
  let stopped = false;
  let pending: GatewaySnapshot | null = null;
  let applying: Promise<void> | null = null;
  // The gateway writes its own audit log: records crossing to main to be written there cost a tenth
  // of the keep-alive rate (bench/gateway-bench.mjs). Main gets them only while it shows them live.
  const log = openAuditLog({ ...options.audit, onError: (error) => options.post({ type: 'error', message: `audit log: ${error.message}` }) });
  let live = false;
  const audits = new AuditBatch((bytes, release) => {
    // A copy moves to main: the batch's buffer is the log's until it releases it for refilling.
    if (live) {
      const copy = bytes.slice();
      options.post({ type: 'audit', bytes: copy }, [copy.buffer as ArrayBuffer]);
    }
    log.appendLines(bytes, release);
  });

  const context: RequestContext = {
    engine: () => engine!,
    audit: (timeMs, fields, micros) => audits.add(timeMs, fields, micros),
    error: (message) => options.post({ type: 'error', message }),
    proxy,
    files: new StaticFileCache(),
    async fetchCrls(siteId, urls) {
      const result = await distribution.fetch(siteId, urls);
      // Once per new CRL, not per connection: connections identified from now on use it; those
      // identified before are identified again at their next request (a new engine).
      if (result.changed && engine) engine = engine.withCrls(siteId, result.changed);
      return result.failures;
    },
  };

  async function apply(snapshot: GatewaySnapshot): Promise<void> {
    let next: DecisionEngine;
    try {
      next = prepare(snapshot, distribution.forSites(snapshot.sites.map((s) => s.site.id)));
    } catch (error) {
      options.post({ type: 'error', version: snapshot.version, message: `configuration ${snapshot.version} not applied: ${(error as Error).message}` });
      return;
    }
    const plans = planListeners(snapshot);
    const tables = new Map<string, RouteTable>(plans.map((plan) => [plan.key, buildRouteTable(plan, materials)]));
    materials.sweep();
    // One synchronous step: the engine and every existing listener's routes change together, so a
    // request never sees routes of one version with the engine of another.
    engine = next;
    for (const [key, listener] of listeners) {
      const table = tables.get(key);
      if (table && table.base) {
        listener.update(plans.find((p) => p.key === key)!, table);
      } else {
        listeners.delete(key);
        void listener.close();
      }
    }
    const failures = new Map<string, string>();
    await Promise.all(
      plans
        .filter((plan) => !listeners.has(plan.key) && tables.get(plan.key)?.base)
        .map(async (plan) => {
          try {
            listeners.set(plan.key, await Listener.open(plan, tables.get(plan.key)!, context));
          } catch (error) {
            failures.set(plan.key, (error as Error).message);
          }
        }),
    );
    options.post({ type: 'listening', version: snapshot.version, bindings: report(plans, tables, failures) });
  }

  function report(plans: ListenerPlan[], tables: Map<string, RouteTable>, failures: Map<string, string>): ListeningBinding[] {
    return plans.flatMap((plan) =>
      plan.bindings.map((planned): ListeningBinding => {
        const { site, binding } = planned;
        const listener = listeners.get(plan.key);
        const port = listener?.port ?? binding.port;
        const error = tables.get(plan.key)?.errors.get(planned) ?? failures.get(plan.key);
        return {
          site: site.site.name,
          siteId: site.site.id,
          protocol: binding.protocol,
          address: binding.address,
          port,
          host: binding.host,
          url: bindingUrl(binding, port),
          ...(error || !listener ? { error: error ?? 'not listening' } : {}),
        };
      }),
    );
  }

  /** Apply the newest snapshot; snapshots that arrive meanwhile collapse into the last one. */
  async function drain(): Promise<void> {
    while (pending && !stopped) {
      const snapshot = pending;
      pending = null;
      await apply(snapshot);
    }
  }

  async function stop(): Promise<void> {
    stopped = true;
    await applying;
    const all = [...listeners.values()];
    listeners.clear();
    const closed = Promise.all(all.map((l) => l.close()));
    const grace = setTimeout(() => all.forEach((l) => l.destroyConnections()), options.stopGraceMs ?? 2000);
    await closed;
    clearTimeout(grace);
    proxy.close();
    context.files.close();
    audits.flush();
    await log.close();
    options.post({ type: 'stopped' });
  }

  return {
    async handle(message) {
      if (stopped) return;
      if (message.type === 'stop') return stop();
      if (message.type === 'flush-audit') {
        audits.flush();
        await log.flush();
        options.post({ type: 'audit-flushed', id: message.id });
        return;
      }
      if (message.type === 'audit-live') {
        // What is pending goes to main the way it was (not) asked for until now.
        audits.flush();
        live = message.on;
        return;
      }
      pending = withOwnBinaries(message.snapshot);
      // Loop: a drain that was just finishing may have missed this snapshot.
      while (pending && !stopped) {
        applying ??= drain().finally(() => (applying = null));
        await applying;
      }
    },
  };
}
