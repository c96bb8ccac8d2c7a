import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../storage/atomic-file';

/** One endpoint a running gateway listens on. */
export interface GatewayEndpoint {
  protocol: 'http' | 'https';
  address: string;
  port: number;
}

/** The part of the gateway's listener report this needs (gateway/messages.ts ListeningReport fits it). */
export interface ListenerReportLike {
  bindings: readonly (GatewayEndpoint & { error?: string })[];
}

interface ListenersFile {
  pid: number;
  writtenAt: string;
  endpoints: GatewayEndpoint[];
}

/**
 * The running gateway's listeners, published in the data folder. The CLI runs in another process than
 * `serve` (or the desktop app), and both need to tell "this port is held by our own gateway" from
 * "another program holds it" before refusing a binding; a file beside config.json is what both see.
 */
export const GATEWAY_LISTENERS_FILE = 'gateway-listeners.json';

/** Record what the gateway listens on now (called on every listener report of `serve`/the desktop app). */
export function publishGatewayListeners(dataDir: string, report: ListenerReportLike): void {
  const endpoints = new Map<string, GatewayEndpoint>();
  for (const b of report.bindings) {
    if (b.error) continue;
    endpoints.set(`${b.protocol}://${b.address}:${b.port}`, { protocol: b.protocol, address: b.address, port: b.port });
  }
  const file: ListenersFile = { pid: process.pid, writtenAt: new Date().toISOString(), endpoints: [...endpoints.values()] };
  try {
    writeFileAtomic(join(dataDir, GATEWAY_LISTENERS_FILE), `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  } catch {
    // Never worth stopping the gateway for: without the file, a busy port of ours reads as another program's.
  }
}

/** The gateway stopped: nothing of ours listens any more (only our own file is removed). */
export function forgetGatewayListeners(dataDir: string): void {
  if (readListenersFile(dataDir)?.pid === process.pid) rmSync(join(dataDir, GATEWAY_LISTENERS_FILE), { force: true });
}

/**
 * What a running gateway of this data folder listens on; empty when none runs. A file left behind by a
 * process that died (kill -9) is ignored because its process is gone.
 */
export function runningGatewayEndpoints(dataDir: string): GatewayEndpoint[] {
  const file = readListenersFile(dataDir);
  if (!file || !isAlive(file.pid)) return [];
  return file.endpoints;
}

function readListenersFile(dataDir: string): ListenersFile | null {
  try {
    const parsed = JSON.parse(readFileSync(join(dataDir, GATEWAY_LISTENERS_FILE), 'utf8')) as Partial<ListenersFile>;
    return typeof parsed.pid === 'number' && Array.isArray(parsed.endpoints) ? (parsed as ListenersFile) : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else (still alive).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
