// Entry of the gateway's worker thread (built as app/dist/gateway/worker.js; tests bundle it from
// this source, see test/helpers/gateway/build-worker.ts). The gateway lives here so that TLS
// handshakes and decisions never run on the console's event loop (architecture.md).
import { parentPort, workerData } from 'node:worker_threads';
import { startGatewayRuntime } from './gateway-runtime';
import type { GatewayAuditFile, ToGateway } from './messages';

const port = parentPort;
if (!port) throw new Error('gateway-worker runs as a worker thread: start it with startGateway() (gateway-controller.ts)');

const { audit } = workerData as { audit: GatewayAuditFile };
const runtime = startGatewayRuntime({ post: (message, transfer) => port.postMessage(message, transfer), audit });
port.on('message', (message: ToGateway) => {
  runtime.handle(message).then(
    () => {
      // Once stopped, nothing is left to keep this thread alive: closing the port lets it exit.
      if (message.type === 'stop') port.close();
    },
    (error: Error) => port.postMessage({ type: 'error', message: error.stack ?? error.message }),
  );
});
