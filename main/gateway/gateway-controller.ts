import { resolve as resolvePath } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AuditRecord } from '../../shared/models/decision';
import type { DecisionEngine, GatewaySnapshot } from '../decision/types';
import type { AuditLogOptions } from './audit-log';
import { parseAuditLine } from './audit-line';
import type { FromGateway, GatewayAuditFile, ListeningReport, ToGateway } from './messages';

/**
 * Where the gateway runs. `worker` (the product): a worker thread started from the bundled
 * app/dist/gateway/worker.js (next to the CLI and Electron bundles), or from `url`
 * (CERTMAPPER_GATEWAY_WORKER overrides the default). `in-thread`: the same runtime on this thread,
 * for tests and tools that run from TypeScript sources and want no bundle; never for the console,
 * whose event loop must stay free (architecture.md).
 */
export type GatewayRuntimeMode = { kind: 'worker'; url?: string | URL } | { kind: 'in-thread'; prepare?(snapshot: GatewaySnapshot): DecisionEngine };

/** startGateway's options: the data folder (the gateway writes its audit log there), the snapshot source and what to tell the caller. */
export interface StartGatewayOptions {
  dataDir: string;
  /** The snapshot to start with (and to restart a crashed worker with, before any update). */
  getSnapshot(): GatewaySnapshot;
  onAudit?(record: AuditRecord): void;
  onListening?(report: ListeningReport): void;
  onError?(message: string): void;
  audit?: Pick<AuditLogOptions, 'maxBytes' | 'maxFiles'>;
  runtime?: GatewayRuntimeMode;
}

/** A running gateway, seen from main. */
export interface RunningGateway {
  /** Send a new snapshot; connections stay open and their next request is judged by it. */
  update(snapshot: GatewaySnapshot): void;
  /** The listener report of the latest snapshot sent (rejects if that snapshot could not be applied). */
  listening(): Promise<ListeningReport>;
  /** Every audit record as the gateway writes it, for as long as someone listens (the gateway sends none otherwise). */
  readonly audit: AuditFeed;
  /** Resolves once every decision the gateway made so far is in the audit log (and with its subscribers). */
  auditFlushed(): Promise<void>;
  /** Stop listening, let open requests finish (2 s), flush the audit log. */
  stop(): Promise<void>;
}

/** The live audit records of a running gateway. */
export interface AuditFeed {
  /** Receive each record as it is written; returns the unsubscribe function. */
  subscribe(listener: (record: AuditRecord) => void): () => void;
}

interface Channel {
  send(message: ToGateway): void;
  /** Resolves once the gateway side is gone. */
  exited: Promise<void>;
  terminate(): void;
}

/** The default worker bundle, beside the bundle that imports this module (app/dist/cli or app/dist/main). */
export function defaultWorkerUrl(): URL {
  const override = process.env.CERTMAPPER_GATEWAY_WORKER;
  return override ? pathToFileURL(resolvePath(override)) : new URL('../gateway/worker.js', import.meta.url);
}

const RESTART_DELAY_MS = 1000;
const MAX_RESTARTS_PER_MINUTE = 5;
const STOP_TIMEOUT_MS = 5000;

/** Start the gateway (a worker thread unless told otherwise) with the current snapshot, and the audit log. */
export function startGateway(options: StartGatewayOptions): RunningGateway {
  const mode = options.runtime ?? { kind: 'worker' };
  const auditFile: GatewayAuditFile = { dataDir: options.dataDir, ...options.audit };
  const listeners = new Set<(record: AuditRecord) => void>();
  const audit: AuditFeed = {
    subscribe(listener) {
      listeners.add(listener);
      if (listeners.size === 1) channel.send({ type: 'audit-live', on: true });
      return () => {
        if (listeners.delete(listener) && listeners.size === 0 && !stopping) channel.send({ type: 'audit-live', on: false });
      };
    },
  };
  let snapshot = options.getSnapshot();
  let latest: ListeningReport | null = null;
  let waiters: { version: number; resolve(report: ListeningReport): void; reject(error: Error): void }[] = [];
  let stopping = false;
  let stopped: (() => void) | null = null;
  const restarts: number[] = [];
  const flushes = new Map<number, () => void>();
  let nextFlush = 0;

  function receive(message: FromGateway): void {
    switch (message.type) {
      case 'audit':
        tell(message.bytes);
        return;
      case 'listening': {
        const report = { version: message.version, bindings: message.bindings };
        latest = report;
        options.onListening?.(report);
        settle((w) => w.version <= report.version, (w) => w.resolve(report));
        return;
      }
      case 'error':
        options.onError?.(message.message);
        if (message.version !== undefined) settle((w) => w.version === message.version, (w) => w.reject(new Error(message.message)));
        return;
      case 'audit-flushed':
        flushes.get(message.id)?.();
        flushes.delete(message.id);
        return;
      case 'stopped':
        stopped?.();
        return;
    }
  }

  /** The records of one live batch to each listener; a failing listener costs no other its records. */
  function tell(bytes: Uint8Array): void {
    for (const line of Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8').split('\n')) {
      if (line === '') continue;
      let record: AuditRecord;
      try {
        record = parseAuditLine(line);
      } catch (error) {
        options.onError?.(`audit record from the gateway: ${(error as Error).message}`);
        continue;
      }
      for (const listener of listeners) {
        try {
          listener(record);
        } catch (error) {
          options.onError?.(`audit listener: ${(error as Error).message}`);
        }
      }
    }
  }

  function settle(match: (w: (typeof waiters)[number]) => boolean, action: (w: (typeof waiters)[number]) => void): void {
    const hit = waiters.filter(match);
    waiters = waiters.filter((w) => !match(w));
    hit.forEach(action);
  }

  function open(): Channel {
    if (mode.kind === 'in-thread') return inThread(mode, auditFile, receive);
    const worker = new Worker(mode.url ?? defaultWorkerUrl(), { name: 'certmapper-gateway', workerData: { audit: auditFile } });
    worker.on('message', receive);
    worker.on('error', (error) => options.onError?.(`gateway worker failed: ${error.stack ?? error.message}`));
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.once('exit', (code) => {
      if (!stopping) restart(code);
    });
    return { send: (message) => worker.postMessage(message), exited, terminate: () => void worker.terminate() };
  }

  /** A crashed worker comes back with the latest snapshot, unless it keeps crashing. */
  function restart(code: number): void {
    // What the dead worker had not sent is lost: nobody waits for it.
    flushes.forEach((resolve) => resolve());
    flushes.clear();
    const now = Date.now();
    restarts.push(now);
    while (restarts.length > 0 && restarts[0]! < now - 60_000) restarts.shift();
    if (restarts.length > MAX_RESTARTS_PER_MINUTE) {
      options.onError?.(`gateway worker exited with code ${code} ${restarts.length} times in a minute: not restarted`);
      return;
    }
    options.onError?.(`gateway worker exited with code ${code}: restarting`);
    setTimeout(() => {
      if (stopping) return;
      channel = open();
      if (listeners.size > 0) channel.send({ type: 'audit-live', on: true });
      channel.send({ type: 'snapshot', snapshot });
    }, RESTART_DELAY_MS).unref();
  }

  let channel = open();
  if (options.onAudit) audit.subscribe(options.onAudit);
  channel.send({ type: 'snapshot', snapshot });

  return {
    audit,
    update(next) {
      if (stopping) return;
      snapshot = next;
      channel.send({ type: 'snapshot', snapshot: next });
    },
    auditFlushed() {
      // The gateway writes everything it has before it reports that it stopped.
      if (stopping) return channel.exited;
      const id = nextFlush++;
      return new Promise<void>((resolve) => {
        flushes.set(id, resolve);
        channel.send({ type: 'flush-audit', id });
      });
    },
    listening() {
      if (latest && latest.version >= snapshot.version) return Promise.resolve(latest);
      return new Promise((resolve, reject) => waiters.push({ version: snapshot.version, resolve, reject }));
    },
    async stop() {
      if (stopping) return;
      stopping = true;
      const done = new Promise<void>((resolve) => (stopped = resolve));
      channel.send({ type: 'stop' });
      const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), STOP_TIMEOUT_MS).unref());
      if ((await Promise.race([done.then(() => channel.exited), channel.exited, timeout])) === 'timeout') channel.terminate();
      await channel.exited;
      settle(() => true, (w) => w.reject(new Error('the gateway stopped')));
      flushes.forEach((resolve) => resolve());
      flushes.clear();
      listeners.clear();
    },
  };
}

/** The runtime on this thread, behind the same message interface as the worker. */
function inThread(mode: Extract<GatewayRuntimeMode, { kind: 'in-thread' }>, audit: GatewayAuditFile, receive: (message: FromGateway) => void): Channel {
  let exit!: () => void;
  const exited = new Promise<void>((resolve) => (exit = resolve));
  // Loaded on demand: the console's bundle need not carry the gateway it runs in a worker.
  const runtime = import('./gateway-runtime').then(({ startGatewayRuntime }) =>
    startGatewayRuntime({
      prepare: mode.prepare,
      audit,
      post: (message) => {
        receive(message);
        if (message.type === 'stopped') exit();
      },
    }),
  );
  return {
    send: (message) => void runtime.then((r) => r.handle(message)),
    exited,
    terminate: exit,
  };
}
