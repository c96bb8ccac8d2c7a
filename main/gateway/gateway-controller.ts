import { resolve as resolvePath } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AuditRecord } from '../../shared/models/decision';
import type { DecisionEngine, GatewaySnapshot } from '../decision/types';
import type { AuditLogOptions } from './audit-log';
import { parseAuditLine } from './audit-line';
import { auditFileArgument } from './gateway-entry-argument';
import { forkNodeGateway, type GatewayForker } from './gateway-process';
import type { FromGateway, GatewayAuditFile, ListeningReport, ToGateway } from './messages';

/**
 * Where the gateway runs. `process` (the product): a child process started from the bundled
 * app/dist/gateway/entry.js (next to the CLI and Electron bundles), or from `entry`
 * (CERTMAPPER_GATEWAY_ENTRY overrides the default), by Node's fork unless `fork` says otherwise (the
 * desktop shell: Electron's utility process). A process of its own also costs the gateway less than a
 * thread of a busy one (README "Benchmarks"), and a crash in it cannot take the console down.
 * `worker`: the same entry as a worker thread. `in-thread`: the same runtime on this thread, for
 * tests and tools that run from TypeScript sources and want no bundle; never for the console, whose
 * event loop must stay free (architecture.md).
 */
export type GatewayRuntimeMode =
  | { kind: 'process'; entry?: string | URL; fork?: GatewayForker }
  | { kind: 'worker'; entry?: string | URL }
  | { kind: 'in-thread'; prepare?(snapshot: GatewaySnapshot): DecisionEngine };

/** startGateway's options: the data folder (the gateway writes its audit log there), the snapshot source and what to tell the caller. */
export interface StartGatewayOptions {
  dataDir: string;
  /** The snapshot to start with (and to restart a crashed gateway with, before any update). */
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
  /** Resolves once the gateway side is gone, with how it ended (`code 3`). */
  exited: Promise<string>;
  terminate(): void;
}

/** The default gateway bundle, beside the bundle that imports this module (app/dist/cli or app/dist/main). */
export function defaultGatewayEntry(): URL {
  const override = process.env.CERTMAPPER_GATEWAY_ENTRY;
  return override ? pathToFileURL(resolvePath(override)) : new URL('../gateway/entry.js', import.meta.url);
}

const RESTART_DELAY_MS = 1000;
const MAX_RESTARTS_PER_MINUTE = 5;
const STOP_TIMEOUT_MS = 5000;

/** Start the gateway (a child process unless told otherwise) with the current snapshot, and the audit log. */
export function startGateway(options: StartGatewayOptions): RunningGateway {
  const mode = options.runtime ?? { kind: 'process' };
  const what = mode.kind === 'worker' ? 'gateway worker' : 'gateway process';
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
    const channel = openChannel(mode, auditFile, receive, (message) => options.onError?.(`${what} failed: ${message}`));
    void channel.exited.then((how) => {
      if (!stopping) restart(how);
    });
    return channel;
  }

  /** A crashed gateway comes back with the latest snapshot, unless it keeps crashing. */
  function restart(how: string): void {
    // What the dead gateway had not sent is lost: nobody waits for it.
    flushes.forEach((resolve) => resolve());
    flushes.clear();
    const now = Date.now();
    restarts.push(now);
    while (restarts.length > 0 && restarts[0]! < now - 60_000) restarts.shift();
    if (restarts.length > MAX_RESTARTS_PER_MINUTE) {
      options.onError?.(`${what} exited with ${how} ${restarts.length} times in a minute: not restarted`);
      return;
    }
    options.onError?.(`${what} exited with ${how}: restarting`);
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
      if (stopping) return channel.exited.then(() => undefined);
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

/** The gateway's side of the messages, in the host the mode names. */
function openChannel(mode: GatewayRuntimeMode, audit: GatewayAuditFile, receive: (message: FromGateway) => void, fail: (message: string) => void): Channel {
  if (mode.kind === 'in-thread') return inThread(mode, audit, receive);
  const entry = mode.entry ?? defaultGatewayEntry();
  if (mode.kind === 'worker') {
    const worker = new Worker(entry, { name: 'certmapper-gateway', workerData: { audit } });
    worker.on('message', receive);
    worker.on('error', (error) => fail(error.stack ?? error.message));
    const exited = new Promise<string>((resolve) => worker.once('exit', (code) => resolve(`code ${code}`)));
    return { send: (message) => worker.postMessage(message), exited, terminate: () => void worker.terminate() };
  }
  const child = (mode.fork ?? forkNodeGateway)(typeof entry === 'string' ? entry : fileURLToPath(entry), [auditFileArgument(audit)]);
  child.onMessage(receive);
  child.onError((error) => fail(error.message));
  const exited = new Promise<string>((resolve) => child.onExit(resolve));
  return { send: (message) => child.send(message), exited, terminate: () => child.kill() };
}

/** The runtime on this thread, behind the same message interface as the gateway process. */
function inThread(mode: Extract<GatewayRuntimeMode, { kind: 'in-thread' }>, audit: GatewayAuditFile, receive: (message: FromGateway) => void): Channel {
  let exit!: () => void;
  const exited = new Promise<string>((resolve) => (exit = () => resolve('code 0')));
  // Loaded on demand: the console's bundle need not carry the gateway it runs elsewhere.
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
