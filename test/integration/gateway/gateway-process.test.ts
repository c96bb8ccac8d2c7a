import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childProcesses } from '../../helpers/child-processes';
import { createDatedPki, daysFromNow } from '../../helpers/dated-pki';
import { freePort } from '../../helpers/gateway/test-gateway';
import { runCli } from '../../helpers/run-cli';
import { startConsole, type RunningConsole } from '../../helpers/start-console';
import { makeTempDir } from '../../helpers/temp-dir';
import { openTls, requestOn, until } from '../../helpers/tls-probe';

// The gateway of a real `certmapper serve` is a child process of it, as IIS's worker process is
// of WAS: killed, it comes back; its parent killed, it does not linger holding the port, and the
// decisions it made are in the audit log.

/** The gateway process: serve's only child. */
function gatewayPid(servePid: number): number {
  const children = childProcesses(servePid);
  expect(children, `children of serve (${servePid})`).toHaveLength(1);
  return children[0]!;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** One request on a new connection: its status, or the connection error's code. */
async function status(port: number, path: string): Promise<number | string> {
  try {
    const socket = await openTls(port);
    try {
      return await requestOn(socket, path);
    } finally {
      socket.destroy();
    }
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? String(error);
  }
}

describe('the gateway process of certmapper serve', () => {
  const temp = makeTempDir('certmapper-gateway-process-');
  let server: RunningConsole;
  let port = 0;
  const cli = (...args: string[]) => {
    const run = runCli(args, { dataDir: server.dataDir });
    expect(run.status, `certmapper ${args.join(' ')}\n${run.stderr}`).toBe(0);
  };

  beforeAll(async () => {
    const pki = createDatedPki(join(temp.path, 'pki'));
    const site = pki.issue('site', { commonName: 'site.test', profile: 'server', notAfter: daysFromNow(300) });
    const content = join(temp.path, 'wwwroot');
    mkdirSync(content);
    writeFileSync(join(content, 'hello.txt'), 'hello\n');
    writeFileSync(join(content, 'last-words.txt'), 'bye\n');
    server = await startConsole();
    port = await freePort();
    cli('cert', 'import', site.withKeyPath, '--store', 'server');
    cli('site', 'add', 'Open', '--bind', `https://127.0.0.1:${port}`, '--server-cert', site.sha256, '--content', content);
    cli('site', 'set', 'Open', '--client-cert', 'ignore', '--anonymous', 'on');
    await until(() => status(port, '/hello.txt'), (s) => s === 200, 'the gateway serving Open');
  });
  afterAll(async () => {
    await server?.stop();
    temp.cleanup();
  });

  it('a gateway process killed outright is started again with the configuration, and serve says so', async () => {
    const first = gatewayPid(server.pid);
    process.kill(first, 'SIGKILL');
    await until(() => status(port, '/hello.txt'), (s) => s === 200, 'the restarted gateway serving Open');
    expect(gatewayPid(server.pid)).not.toBe(first);
    expect(server.output()).toContain('Gateway: gateway process exited with signal SIGKILL: restarting');
  });

  it('serve killed outright: its gateway stops too, frees the port and keeps the audit records', async () => {
    const gateway = gatewayPid(server.pid);
    expect(await status(port, '/last-words.txt')).toBe(200);
    process.kill(server.pid, 'SIGKILL');
    await until(async () => alive(gateway), (running) => !running, 'the gateway process ending with its parent');
    expect(await status(port, '/hello.txt')).toBe('ECONNREFUSED');
    const log = readFileSync(join(server.dataDir, 'audit', 'audit.log'), 'utf8');
    expect(log).toContain('"path":"/last-words.txt"');
  });
});
