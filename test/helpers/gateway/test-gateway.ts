import type { AuditRecord } from '../../../shared/models/decision';
import { startGateway, type GatewayRuntimeMode, type RunningGateway } from '../../../main/gateway/gateway-controller';
import type { ListeningBinding, ListeningReport } from '../../../main/gateway/messages';
import { makeTempDir } from '../temp-dir';
import { buildGatewayEntry } from './build-gateway-entry';
import type { GatewayFixture } from './gateway-fixture';

/** A real gateway (a child process unless asked otherwise) running the fixture's configuration. */
export interface TestGateway {
  gateway: RunningGateway;
  dataDir: string;
  /** Every audit record main received, in order. */
  audits: AuditRecord[];
  /** Every error the gateway reported. */
  errors: string[];
  /** How many records main has once every decision made so far arrived: the `since` of the next `audited`. */
  auditMark(): Promise<number>;
  /** The records after the first `since`, once at least `count` arrived (they cross to main after the response). */
  audited(since: number, count?: number): Promise<AuditRecord[]>;
  report(): ListeningReport;
  /** The binding of a site (first match), from the latest listening report. */
  binding(site: string, protocol?: 'https' | 'http', host?: string | null): ListeningBinding;
  /** Its real port. */
  port(site: string, protocol?: 'https' | 'http', host?: string | null): number;
  /** Compile the fixture again, send it, and wait for the gateway's listening report. */
  apply(): Promise<ListeningReport>;
  stop(): Promise<void>;
}

/**
 * Start the gateway on the fixture's current snapshot, as the product does (a child process of the
 * bundled entry); `host: 'worker'` runs that entry as a worker thread, `'in-thread'` runs the runtime
 * on the test's own thread. `liveAudit: false`: main does not ask for the audit records as they are written (as when no console
 * is open), so `audits` stays empty and only the log file has them.
 */
export async function startTestGateway(
  fixture: GatewayFixture,
  options: { host?: 'process' | 'worker' | 'in-thread'; audit?: { maxBytes?: number; maxFiles?: number }; liveAudit?: boolean } = {},
): Promise<TestGateway> {
  const host = options.host ?? 'process';
  const runtime: GatewayRuntimeMode = host === 'in-thread' ? { kind: 'in-thread' } : { kind: host, entry: await buildGatewayEntry() };
  const data = makeTempDir('certmapper-gateway-data-');
  const audits: AuditRecord[] = [];
  const errors: string[] = [];
  const gateway = startGateway({
    dataDir: data.path,
    getSnapshot: () => fixture.snapshot(),
    onAudit: options.liveAudit === false ? undefined : (record) => audits.push(record),
    onError: (message) => errors.push(message),
    audit: options.audit,
    runtime,
  });
  let latest = await gateway.listening();
  const find = (site: string, protocol: 'https' | 'http' = 'https', host?: string | null) => {
    const found = latest.bindings.find((b) => b.site === site && b.protocol === protocol && (host === undefined || b.host === host));
    if (!found) throw new Error(`no ${protocol} binding of ${site} in ${JSON.stringify(latest.bindings)}`);
    if (found.error) throw new Error(`binding ${found.url} of ${site} is not listening: ${found.error}`);
    return found;
  };
  return {
    gateway,
    dataDir: data.path,
    audits,
    errors,
    report: () => latest,
    auditMark: () => gateway.auditFlushed().then(() => audits.length),
    audited: (since, count = 1) => pollUntil(async () => audits.slice(since), (r) => r.length >= count, 5000),
    binding: find,
    port: (site, protocol, host) => find(site, protocol, host).port,
    async apply() {
      gateway.update(fixture.snapshot());
      latest = await gateway.listening();
      return latest;
    },
    async stop() {
      await gateway.stop();
      data.cleanup();
    },
  };
}

/** Retry `attempt` until `accept` holds or `ms` pass (configuration changes apply within a second). */
export async function pollUntil<T>(attempt: () => Promise<T>, accept: (value: T) => boolean, ms = 1000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await attempt();
    if (accept(value) || Date.now() >= deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A TCP port that was free a moment ago (for bindings that several sites share: port 0 never is shared). */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
