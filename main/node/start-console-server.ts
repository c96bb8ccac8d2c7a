import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileSnapshot } from '../decision';
import { EventHub } from '../events/event-hub';
import { publishingDispatch } from '../events/publishing-dispatch';
import { watchDataDir } from '../events/watch-data-dir';
import { startGateway, type GatewayRuntimeMode, type RunningGateway } from '../gateway/gateway-controller';
import { createDispatcher } from '../ipc/dispatcher';
import type { Services } from '../services/create-services';
import { ensureDefaultSite } from '../services/sites/default-site';
import { createHandlers } from '../services/handlers';
import { startAuthorityRuntime } from '../services/authority/authority-runtime';
import { forgetGatewayListeners, publishGatewayListeners } from '../services/bindings/gateway-listeners';
import { startWebServer, type RunningWebServer } from '../web/web-server';
import { createAccessToken } from '../web/access-token';
import { ListeningLines } from './listening-lines';
import { openNodeServices } from './open-node-services';

/** The built console sits beside the bundled CLI: app/dist/cli/ -> app/dist/renderer/. */
export function rendererDir(): string {
  return process.env.CERTMAPPER_RENDERER_DIR ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'renderer');
}

export interface ServerOptions {
  dataDir: string;
  /** The services to run (the desktop app brings its own, wired to electron-store and safeStorage). */
  services?: Services;
  /** null: no web console (gateway only). */
  consolePort: number | null;
  /** Create the Default Web Site on a first start (tests that bring their own sites turn it off). */
  defaultSite: boolean;
  /** Lines about the listeners that changed (gateway bindings, CRL publisher), after each configuration change. */
  onListening?(lines: string[]): void;
  /** Where the gateway runs; default: a child process forked by Node (the desktop shell brings Electron's). */
  gatewayRuntime?: GatewayRuntimeMode;
}

/** Recompile the gateway's snapshot whenever the data changes, coalescing bursts (one import = one snapshot). */
function followChanges(services: Services, hub: EventHub, gateway: RunningGateway, nextVersion: () => number): () => void {
  let timer: NodeJS.Timeout | undefined;
  const unsubscribe = hub.subscribe((event, payload) => {
    if (event !== 'data.changed' || (payload as { topic: string }).topic === 'audit') return;
    clearTimeout(timer);
    timer = setTimeout(() => gateway.update(compileSnapshot({ ...services.snapshotSources(), version: nextVersion() })), 100);
  });
  return () => {
    clearTimeout(timer);
    unsubscribe();
  };
}

/**
 * Live audit records for the consoles, only while one is connected: under load every record would
 * otherwise be parsed on main's event loop for nobody (the log on disk is written either way).
 */
function tellAuditToConsoles(hub: EventHub, gateway: RunningGateway): () => void {
  let stop: (() => void) | null = null;
  const stopListening = hub.onAudience((present) => {
    if (present && !stop) stop = gateway.audit.subscribe((record) => hub.emit('audit.record', record));
    if (!present && stop) {
      stop();
      stop = null;
    }
  });
  return () => {
    stopListening();
    stop?.();
  };
}

/** Services, the gateway (a child process) and, optionally, the web console: what `serve` and `npm start` run. */
export async function startServer(options: ServerOptions) {
  const services = options.services ?? openNodeServices(options.dataDir);
  const notices = [...services.notices];
  if (options.defaultSite) {
    const created = await ensureDefaultSite(services);
    if (created) {
      notices.push(created);
      services.firstStart.push(...created.split('\n'));
    }
  }
  const hub = new EventHub();
  let version = 0;
  const listening = new ListeningLines();
  const gateway = startGateway({
    dataDir: options.dataDir,
    getSnapshot: () => compileSnapshot({ ...services.snapshotSources(), version: ++version }),
    onListening: (report) => {
      // The CLI in another process tells our own listeners from another program's by this (binding checks).
      publishGatewayListeners(options.dataDir, report);
      const lines = listening.next(report.bindings);
      if (lines.length) options.onListening?.(lines);
    },
    onError: (message) => console.error(`Gateway: ${message}`),
    runtime: options.gatewayRuntime,
  });
  const stopFollowing = followChanges(services, hub, gateway, () => ++version);
  const stopTellingAudit = tellAuditToConsoles(hub, gateway);
  const stopWatching = watchDataDir(options.dataDir, hub);
  // The local authority's CRL publisher and CRL reissue timer (serve and the desktop app alike).
  const authority = await startAuthorityRuntime({ authority: services.authority, hub, onLine: (line) => options.onListening?.([line]) });
  const dispatch = publishingDispatch(createDispatcher(createHandlers(services), (error) => console.error('Unexpected error:', error)), hub);
  let web: RunningWebServer | undefined;
  if (options.consolePort !== null) {
    web = await startWebServer({ dispatch, hub, token: createAccessToken(), rendererDir: rendererDir(), port: options.consolePort });
  }
  return {
    url: web?.url ?? null,
    version: services.version,
    notices,
    gateway,
    hub,
    dispatch,
    close: async () => {
      stopWatching();
      stopFollowing();
      stopTellingAudit();
      await web?.close();
      await authority.close();
      await gateway.stop();
      forgetGatewayListeners(options.dataDir);
    },
  };
}
