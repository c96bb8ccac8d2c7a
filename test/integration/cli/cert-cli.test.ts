import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli';
import { makeTempDir } from '../../helpers/temp-dir';
import { createTestPki, sha256OfPem, type TestPki } from '../../helpers/test-pki';

interface ImportEntry {
  file: string;
  ok: boolean;
  certificates: { sha256: string; subject: string; store: string }[];
  error?: { code: string; message: string };
}

describe('certmapper cert (real files, real data folder)', () => {
  const work = makeTempDir('certmapper-pki-');
  const data = makeTempDir('certmapper-data-');
  let pki: TestPki;
  const cli = (...args: string[]) => runCli(args, { dataDir: data.path });

  beforeAll(() => {
    pki = createTestPki(work.path);
  });
  afterAll(() => {
    work.cleanup();
    data.cleanup();
  });

  it('imports a batch, refuses the bad file with a reason, keeps the good ones, and exits 1', () => {
    const truncated = join(work.path, 'truncated.cer');
    writeFileSync(truncated, readFileSync(pki.server.derPath).subarray(0, 200));
    const run = cli('cert', 'import', pki.bundlePath, truncated, pki.clientPfxPath, '--password', pki.pfxPassword, '--json');
    expect(run.status, run.stderr).toBe(1);
    const results = JSON.parse(run.stdout) as ImportEntry[];
    expect(results.map((r) => [r.file, r.ok])).toEqual([
      [pki.bundlePath, true],
      [truncated, false],
      [pki.clientPfxPath, true],
    ]);
    expect(results[0]!.certificates.map((c) => c.sha256)).toEqual(
      [pki.root, pki.intermediate, pki.server, pki.client].map((c) => c.sha256),
    );
    expect(results[0]!.certificates.map((c) => c.store)).toEqual(['root', 'intermediate', 'server', 'client']);
    expect(results[1]!.error?.code).toBe('TRUNCATED');
    expect(results[1]!.error?.message.length).toBeGreaterThan(10);
    expect(results[2]!.certificates.map((c) => c.sha256)).toContain(pki.client.sha256);
  });

  it('recognises certificates already stored instead of duplicating them', () => {
    const run = cli('cert', 'import', pki.root.derPath, '--json');
    expect(run.status).toBe(0);
    const list = JSON.parse(cli('cert', 'list', '--json').stdout) as { sha256: string }[];
    expect(list.filter((c) => c.sha256 === pki.root.sha256)).toHaveLength(1);
    expect(list).toHaveLength(4);
  });

  it('links the PFX private key to its certificate, in the vault and never in plain text', () => {
    const details = JSON.parse(cli('cert', 'show', pki.client.sha256, '--json').stdout);
    expect(details.hasPrivateKey).toBe(true);
    expect(details.facts.subjectAltNames).toContainEqual({ type: 'upn', value: 'alice@corp.test' });
    const keyBody = readFileSync(pki.client.keyPath, 'utf8').replace(/-----[^-]+-----|\s/g, '');
    for (const file of readdirSync(data.path, { recursive: true }) as string[]) {
      const path = join(data.path, file);
      if (statSync(path).isDirectory()) continue;
      const text = readFileSync(path, 'latin1');
      expect(text).not.toContain(keyBody.slice(0, 40));
      expect(text).not.toContain(pki.pfxPassword);
    }
  });

  it('shows the chain built from the store', () => {
    const details = JSON.parse(cli('cert', 'show', pki.server.sha256, '--json').stdout);
    expect(details.chain.status).toBe('ok');
    expect(details.chain.links.map((l: { sha256: string }) => l.sha256)).toEqual([pki.server.sha256, pki.intermediate.sha256, pki.root.sha256]);
  });

  it('exports PEM, DER and PKCS#7 that OpenSSL reads back as the same certificate', () => {
    for (const format of ['pem', 'der', 'p7b']) {
      const out = join(work.path, `export.${format}`);
      expect(cli('cert', 'export', pki.server.sha256, '--format', format, '--out', out).status).toBe(0);
      const pem =
        format === 'p7b'
          ? execFileSync('openssl', ['pkcs7', '-inform', 'DER', '-in', out, '-print_certs'], { encoding: 'utf8' })
          : execFileSync('openssl', ['x509', '-inform', format === 'der' ? 'DER' : 'PEM', '-in', out], { encoding: 'utf8' });
      expect(sha256OfPem(pem)).toBe(pki.server.sha256);
    }
  });

  it('deletes a certificate', () => {
    expect(cli('cert', 'delete', pki.server.sha256).status).toBe(0);
    const list = JSON.parse(cli('cert', 'list', '--json').stdout) as { sha256: string }[];
    expect(list.map((c) => c.sha256)).not.toContain(pki.server.sha256);
    expect(cli('cert', 'show', pki.server.sha256).status).toBe(1);
  });

  it('refuses a wrong PFX password with WRONG_PASSWORD and stores nothing from it', () => {
    const fresh = makeTempDir('certmapper-data-');
    try {
      const run = runCli(['cert', 'import', pki.clientPfxPath, '--password', 'definitely-wrong', '--json'], { dataDir: fresh.path });
      expect(run.status).toBe(1);
      expect((JSON.parse(run.stdout) as ImportEntry[])[0]!.error?.code).toBe('WRONG_PASSWORD');
      expect(JSON.parse(runCli(['cert', 'list', '--json'], { dataDir: fresh.path }).stdout)).toEqual([]);
    } finally {
      fresh.cleanup();
    }
  });
});

describe('certmapper cert import - (standard input)', () => {
  const work = makeTempDir('certmapper-pki-');
  const data = makeTempDir('certmapper-data-');
  let pki: TestPki;
  afterAll(() => {
    work.cleanup();
    data.cleanup();
  });

  it('imports a PEM piped in, and refuses piped text that holds no certificate, naming standard input', () => {
    pki = createTestPki(work.path);
    const piped = runCli(['cert', 'import', '-', '--json'], { dataDir: data.path, input: readFileSync(pki.bundlePath, 'utf8') });
    expect(piped.status, piped.stderr).toBe(0);
    const [result] = JSON.parse(piped.stdout) as ImportEntry[];
    expect(result?.file).toBe('standard input');
    expect(result?.certificates.map((c) => c.sha256)).toEqual([pki.root, pki.intermediate, pki.server, pki.client].map((c) => c.sha256));

    const garbage = runCli(['cert', 'import', '-'], { dataDir: data.path, input: 'see the portal for our root CA\n' });
    expect(garbage.status).toBe(1);
    expect(garbage.stdout).toMatch(/^standard input: refused \(NOT_A_CERTIFICATE\): Standard input holds no PEM block/);
    const list = JSON.parse(runCli(['cert', 'list', '--json'], { dataDir: data.path }).stdout) as unknown[];
    expect(list).toHaveLength(4);

    const twice = runCli(['cert', 'import', '-', '-'], { dataDir: data.path, input: '' });
    expect(twice.status).toBe(2);
    expect(twice.stderr).toContain('reads standard input (-) once');
  });
});
