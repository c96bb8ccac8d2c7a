import { utilityProcess } from 'electron';
import type { GatewayForker } from '../gateway/gateway-process';
import type { FromGateway, ToGateway } from '../gateway/messages';

/**
 * The gateway as Electron's utility process: a Node child process that a packaged app may start
 * (its runAsNode fuse is off, so Node's fork of the Electron binary would not run the entry), with
 * messages over a MessagePort, structured-clone like the worker's and fork's.
 */
export const forkUtilityGateway: GatewayForker = (entry, args) => {
  const child = utilityProcess.fork(entry, args, { serviceName: 'CertMapper gateway', stdio: 'inherit' });
  // Held until the process is there, so the first snapshot cannot be lost on the way.
  let waiting: ToGateway[] | null = [];
  child.once('spawn', () => {
    const queued = waiting ?? [];
    waiting = null;
    queued.forEach((message) => child.postMessage(message));
  });
  return {
    send: (message) => (waiting ? waiting.push(message) : child.postMessage(message)),
    onMessage: (listener) => void child.on('message', (message: FromGateway) => listener(message)),
    onExit: (listener) => void child.once('exit', (code) => listener(`code ${code}`)),
    // The utility process reports no channel errors; a fatal one ends it, and the exit says so.
    onError: () => undefined,
    kill: () => void child.kill(),
  };
};
