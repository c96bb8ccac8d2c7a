import { expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { CLI_PATH } from './paths';

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

/** Run the real, built `certmapper` executable as a user would. */
export function runCli(args: string[], options: { dataDir: string; env?: NodeJS.ProcessEnv; input?: string }): CliRun {
  if (!existsSync(CLI_PATH)) throw new Error(`${CLI_PATH} is missing: run npm run build (npm install does it)`);
  const run = spawnSync(process.execPath, [CLI_PATH, '--data', options.dataDir, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...options.env },
    input: options.input,
    timeout: 60_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  return { status: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}

/**
 * The CLI bound to one data folder: `cli` runs a command and returns what it did; `ok` runs one that
 * must succeed (the failure message shows the command and what it printed) and returns its stdout.
 */
export function cliIn(dataDir: string | (() => string)): { cli(...args: string[]): CliRun; ok(...args: string[]): string } {
  // A function: the folder is known only later (a console started in beforeAll picks its own).
  const cli = (...args: string[]) => runCli(args, { dataDir: typeof dataDir === 'string' ? dataDir : dataDir() });
  const ok = (...args: string[]) => {
    const run = cli(...args);
    expect(run.status, `${args.join(' ')}\n${run.stdout}\n${run.stderr}`).toBe(0);
    return run.stdout;
  };
  return { cli, ok };
}

/**
 * Import a server certificate with its private key into the Server store, as one PEM file (how
 * administrators keep them, and how `cert import` links a key to its certificate); returns its SHA-256.
 */
export function importServerCertificate(ok: (...args: string[]) => string, pemPath: string, keyPath: string): string {
  const withKey = pemPath.replace(/(\.pem)?$/, '-with-key.pem');
  writeFileSync(withKey, readFileSync(pemPath, 'utf8') + readFileSync(keyPath, 'utf8'));
  const [result] = JSON.parse(ok('cert', 'import', withKey, '--store', 'server', '--json')) as { certificates: { sha256: string }[] }[];
  const sha256 = result?.certificates[0]?.sha256;
  if (!sha256) throw new Error(`${withKey} held no certificate`);
  return sha256;
}
