import { createServer } from 'node:net';

/** What trying to listen on an address:port found. */
export type ProbeResult = { free: true } | { free: false; code: string };

/** '*' is every address, as the gateway listens for it (listener-plan.ts listenHost). */
const hostOf = (address: string): string | undefined => (address === '*' ? undefined : address);

/**
 * Try to listen on the address and port, then let go at once: the only reliable way to know whether
 * the gateway could. `exclusive` keeps Node's cluster from sharing a handle with another worker.
 */
export function probePort(address: string, port: number): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => resolve({ free: false, code: error.code ?? 'UNKNOWN' }));
    server.listen({ host: hostOf(address), port, exclusive: true }, () => server.close(() => resolve({ free: true })));
  });
}
