import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CLI_PATH } from './paths';
import { makeTempDir } from './temp-dir';

export interface RunningConsole {
  url: string;
  baseUrl: string;
  token: string;
  dataDir: string;
  /** The serve process (the gateway is a child process of it). */
  pid: number;
  output: () => string;
  stop(): Promise<void>;
}

/** Start the real `certmapper serve` on a free port and wait for the URL it prints. */
export async function startConsole(options: { dataDir?: string; defaultSite?: boolean } = {}): Promise<RunningConsole> {
  if (!existsSync(CLI_PATH)) throw new Error(`${CLI_PATH} is missing: run npm run build (npm install does it)`);
  const temp = options.dataDir ? undefined : makeTempDir('certmapper-data-');
  const dataDir = options.dataDir ?? temp!.path;
  const args = [CLI_PATH, 'serve', '--data', dataDir, '--console-port', '0', ...(options.defaultSite ? [] : ['--no-default-site'])];
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not print its URL in 20 s:\n${output}`)), 20_000);
    const check = () => {
      const match = output.match(/Web console: (http:\/\/\S+)/);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', check);
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}:\n${output}`)));
  });
  const parsed = new URL(url);
  return {
    url,
    baseUrl: parsed.origin,
    token: parsed.searchParams.get('token') ?? '',
    dataDir,
    pid: child.pid!,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      temp?.cleanup();
    },
  };
}
