import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, constants, existsSync, mkdirSync, readdirSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium';

/**
 * A real Chromium presenting a client certificate by itself (testing.md, "A real browser presenting a
 * client certificate"): the certificate and its key live in the NSS database under a test HOME, a
 * managed policy (AutoSelectCertificateForUrls) makes Chromium pick it without a dialog, and Chromium
 * runs with that HOME. Chromium, not Node, then decides whether to offer the certificate, so what it
 * does with the server's CertificateRequest (KB Q194788) is what a user's browser would do.
 */

/** Where Debian's Chromium reads machine-wide managed policies (one JSON file each, merged). */
export const CHROMIUM_MANAGED_POLICIES = '/etc/chromium/policies/managed';
/** libnss3-tools: certutil and pk12util. */
export const NSS_TOOLS = ['certutil', 'pk12util'] as const;

function onPath(tool: string): boolean {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    try {
      accessSync(join(dir, tool), constants.X_OK);
      return true;
    } catch {
      // not in this folder
    }
  }
  return false;
}

/** The NSS tools that are not installed (empty when the test can run). */
export function missingNssTools(): string[] {
  return NSS_TOOLS.filter((tool) => !onPath(tool));
}

const run = (tool: string, args: string[]): string => {
  try {
    return execFileSync(tool, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${tool} ${args.join(' ')} failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
};

export interface NssHome {
  /** The HOME to launch Chromium with. */
  home: string;
  /** `sql:<home>/.pki/nssdb`, the database Chromium opens on Linux. */
  database: string;
  /** `certutil -L`: every certificate with its trust flags ("u,u,u" marks one with a private key). */
  listCertificates(): string;
  /** `certutil -K`: the private keys. */
  listKeys(): string;
}

export interface NssHomeOptions {
  /** Roots Chromium must trust for server certificates (trust "CT,C,C", as the doc says). */
  trustedRoots?: { nickname: string; pemPath: string }[];
  /** PKCS#12 files whose certificate and key Chromium may present as client certificates. */
  pkcs12?: { path: string; password: string }[];
}

/** Make `<home>/.pki/nssdb` with an empty database password and fill it with certutil and pk12util. */
export function createNssHome(home: string, options: NssHomeOptions): NssHome {
  const missing = missingNssTools();
  if (missing.length) throw new Error(`${missing.join(' and ')} missing: apt-get install -y libnss3-tools (see testing.md)`);
  const dir = join(home, '.pki', 'nssdb');
  mkdirSync(dir, { recursive: true });
  const database = `sql:${dir}`;
  run('certutil', ['-N', '-d', database, '--empty-password']);
  for (const root of options.trustedRoots ?? []) run('certutil', ['-A', '-d', database, '-n', root.nickname, '-t', 'CT,C,C', '-i', root.pemPath]);
  for (const file of options.pkcs12 ?? []) run('pk12util', ['-i', file.path, '-d', database, '-W', file.password, '-K', '']);
  return {
    home,
    database,
    listCertificates: () => run('certutil', ['-L', '-d', database]),
    listKeys: () => run('certutil', ['-K', '-d', database]),
  };
}

export interface InstalledPolicy {
  path: string;
  /** Remove the policy file, and the policy folders if this call created them and they are empty. */
  remove(): void;
}

/**
 * Write `/etc/chromium/policies/managed/certmapper-test-<random>.json` with AutoSelectCertificateForUrls
 * for `urls` (each list item is itself a JSON string; an empty filter takes the first certificate the
 * server's CertificateRequest allows). Chromium reads it at launch: write it before, remove it after.
 * The removal is also registered for process exit, so an aborted run does not leave a machine-wide policy.
 */
export function installAutoSelectPolicy(urls: string[]): InstalledPolicy {
  const created: string[] = [];
  for (let dir = CHROMIUM_MANAGED_POLICIES; !existsSync(dir); dir = dirname(dir)) created.unshift(dir);
  mkdirSync(CHROMIUM_MANAGED_POLICIES, { recursive: true });
  const path = join(CHROMIUM_MANAGED_POLICIES, `certmapper-test-${randomBytes(6).toString('hex')}.json`);
  const policy = { AutoSelectCertificateForUrls: urls.map((pattern) => JSON.stringify({ pattern, filter: {} })) };
  writeFileSync(path, `${JSON.stringify(policy, null, 2)}\n`, { mode: 0o644 });
  let removed = false;
  const remove = () => {
    if (removed) return;
    removed = true;
    process.off('exit', remove);
    rmSync(path, { force: true });
    for (const dir of [...created].reverse()) {
      try {
        if (readdirSync(dir).length === 0) rmdirSync(dir);
      } catch {
        // someone else's file appeared there: leave the folder
      }
    }
  };
  process.on('exit', remove);
  return { path, remove };
}

const definedEnv = (): Record<string, string> => Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined));

/** Launch Chromium with a fresh profile in `userDataDir` and HOME = the NSS home, so it uses that database. */
export async function launchChromiumWithNss(nss: NssHome, userDataDir: string): Promise<BrowserContext> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (see testing.md)`);
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    env: { ...definedEnv(), HOME: nss.home },
    viewport: { width: 1280, height: 800 },
  });
}
