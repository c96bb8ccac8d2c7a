import { fork } from 'node:child_process';
import type { FromGateway, ToGateway } from './messages';

/**
 * The gateway's child process as the controller drives it: Node's `fork` (here), or Electron's
 * utility process (the desktop shell passes its own, main/electron/gateway-utility-process.ts:
 * a packaged app cannot run its binary as Node, its runAsNode fuse is off).
 */
export interface GatewayChild {
  send(message: ToGateway): void;
  onMessage(listener: (message: FromGateway) => void): void;
  /** Once the process has ended, how: `code 3`, `signal SIGKILL`. */
  onExit(listener: (how: string) => void): void;
  /** Problems of the channel itself (the process could not start, a message could not be sent). */
  onError(listener: (error: Error) => void): void;
  kill(): void;
}

/** Start `entry` (an ES module file) with `args` as a gateway child process. */
export type GatewayForker = (entry: string, args: string[]) => GatewayChild;

/** Node's child process with an IPC channel; messages cross by structured clone, as to a worker. */
export const forkNodeGateway: GatewayForker = (entry, args) => {
  const child = fork(entry, args, {
    serialization: 'advanced',
    // Not the parent's flags: a test runner's loaders or an inspector port are not the gateway's.
    execArgv: [],
    stdio: 'inherit',
  });
  return {
    send(message) {
      // A message to a process that has just ended is lost with it; the exit restarts or ends the gateway.
      if (child.connected) child.send(message);
    },
    onMessage: (listener) => void child.on('message', (message) => listener(message as FromGateway)),
    onExit(listener) {
      let told = false;
      const tell = (how: string) => {
        if (!told) listener(how);
        told = true;
      };
      child.once('exit', (code, signal) => tell(signal ? `signal ${signal}` : `code ${code}`));
      // A process that never started never exits.
      child.on('error', (error) => child.pid === undefined && tell(`not started (${error.message})`));
    },
    onError: (listener) => void child.on('error', listener),
    kill: () => void child.kill('SIGKILL'),
  };
};
