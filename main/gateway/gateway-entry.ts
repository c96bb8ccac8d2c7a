// Entry of the gateway, built as app/dist/gateway/entry.js (tests bundle it from this source, see
// test/helpers/gateway/build-gateway-entry.ts). The gateway runs here, off the console's event loop
// (architecture.md): as a child process (the product: forked by Node, or Electron's utility
// process), or as a worker thread. The same runtime and the same messages in each host.
import { parentPort, workerData } from 'node:worker_threads';
import { auditFileFromArgv } from './gateway-entry-argument';
import { startGatewayRuntime } from './gateway-runtime';
import type { FromGateway, GatewayAuditFile, ToGateway } from './messages';

/** What the gateway needs from the one that started it. */
interface Host {
  audit: GatewayAuditFile;
  post(message: FromGateway, transfer?: ArrayBuffer[]): void;
  onMessage(handle: (message: ToGateway) => void): void;
  /** After the 'stopped' report: let this thread or process end once it is delivered. */
  close(): void;
}

/** Electron's utility process: a MessagePort to main, the audit file in argv (no workerData there). */
interface ElectronParentPort {
  on(event: 'message', listener: (event: { data: ToGateway }) => void): void;
  postMessage(message: FromGateway): void;
}

function findHost(): Host {
  if (parentPort) {
    const port = parentPort;
    return {
      audit: (workerData as { audit: GatewayAuditFile }).audit,
      post: (message, transfer) => port.postMessage(message, transfer),
      onMessage: (handle) => port.on('message', handle),
      close: () => port.close(),
    };
  }
  const electronPort = (process as { parentPort?: ElectronParentPort }).parentPort;
  if (electronPort) {
    return {
      audit: auditFileFromArgv(),
      post: (message) => electronPort.postMessage(message),
      onMessage: (handle) => electronPort.on('message', (event) => handle(event.data)),
      // The port would keep the process alive. Everything is written by now: main sees the exit
      // even if 'stopped' is still on its way (the short wait only lets it go first).
      close: () => void setTimeout(() => process.exit(0), 100),
    };
  }
  if (process.send) {
    const send = process.send.bind(process);
    let last: Promise<void> = Promise.resolve();
    return {
      audit: auditFileFromArgv(),
      post: (message) => {
        last = new Promise((resolve) => send(message, undefined, {}, () => resolve()));
      },
      onMessage: (handle) => process.on('message', (message) => handle(message as ToGateway)),
      // Disconnecting only once the last report is written: an IPC channel closed early drops it.
      close: () => void last.then(() => process.connected && process.disconnect()),
    };
  }
  throw new Error('the gateway entry runs as a child process or worker thread: start it with startGateway() (gateway-controller.ts)');
}

const host = findHost();
const runtime = startGatewayRuntime({ post: host.post, audit: host.audit });
const report = (error: Error) => host.post({ type: 'error', message: error.stack ?? error.message });
let stopped: Promise<void> | null = null;
function handle(message: ToGateway): void {
  // One stop, however many ask (main, a signal, a lost parent); the host closes once it is done.
  if (message.type === 'stop') stopped ??= runtime.handle(message).then(() => host.close(), report);
  else runtime.handle(message).catch(report);
}
host.onMessage(handle);

if (!parentPort && process.send) {
  // A terminal's Ctrl+C reaches the whole process group: main decides when the gateway stops.
  process.on('SIGINT', () => undefined);
  // A service manager's stop, or main gone without stopping us: stop, audit log flushed, and end.
  process.on('SIGTERM', () => handle({ type: 'stop' }));
  process.on('disconnect', () => handle({ type: 'stop' }));
}
