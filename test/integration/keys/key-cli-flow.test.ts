import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli';
import { createTestPki, type TestPki } from '../../helpers/test-pki';
import { makeTempDir } from '../../helpers/temp-dir';
import { openssl, signRequest } from './key-fixtures';

interface KeyList {
  keys: { id: string; name: string; certificates: { sha256: string; store: string }[]; pendingRequests: string[] }[];
  requests: { id: string; keyId: string; pem: string }[];
}

describe('certmapper key: request, install, export, import from the command line', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let data: string;
  let pki: TestPki;
  const cli = (...args: string[]) => runCli(args, { dataDir: data });
  const list = () => JSON.parse(cli('key', 'list', '--json').stdout) as KeyList;
  const password = 'Sw0rdfish-export';

  beforeAll(() => {
    dir = makeTempDir('certmapper-keycli-');
    data = join(dir.path, 'data');
    pki = createTestPki(dir.path);
  });
  afterAll(() => dir.cleanup());

  it('key new -> openssl x509 -req -> key install prints the new server certificate\'s sha256; the reply for another key is refused', () => {
    const requestPath = join(dir.path, 'www.csr');
    expect(cli('key', 'new', '--name', 'www', '--alg', 'ec-p384', '--subject', 'CN=www.example.test', '--out', requestPath).status).toBe(0);
    const wrong = join(dir.path, 'wrong.pem');
    writeFileSync(wrong, pki.server.pem);
    const refused = cli('key', 'install', '--cert', wrong);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/^Error \(KEY_MISMATCH\): The certificate "CN=server\.test, O=CertMapper Test, C=US" \(SHA-256 [0-9a-f]{64}\) is for another key/);
    expect(list().requests).toHaveLength(1);

    const signed = signRequest(readFileSync(requestPath, 'utf8'), pki.intermediate, dir.path);
    writeFileSync(join(dir.path, 'reply.pem'), signed.pem + pki.intermediate.pem);
    const run = cli('key', 'install', '--cert', join(dir.path, 'reply.pem'));
    expect(run.status).toBe(0);
    const sha256 = new X509Certificate(signed.pem).fingerprint256.replace(/:/g, '').toLowerCase();
    expect(run.stdout.split('\n')[0]).toBe(sha256);
    expect(run.stdout).toContain('installed CN=www.example.test in the server store with its key');
    expect(run.stdout).toContain('added to intermediate: CN=Test Issuing CA, O=CertMapper Test, C=US');
    const shown = JSON.parse(cli('cert', 'show', sha256, '--json').stdout) as { store: string; hasPrivateKey: boolean };
    expect(shown).toMatchObject({ store: 'server', hasPrivateKey: true });
    expect(list()).toMatchObject({ requests: [], keys: [{ name: 'www', certificates: [{ sha256, store: 'server' }] }] });
  });

  it('key install --json, key request (the PEM again) and key cancel', () => {
    const created = JSON.parse(cli('key', 'new', '--name', 'api', '--alg', 'rsa-2048', '--subject', 'CN=api.example.test', '--json').stdout) as { request: { id: string; pem: string }; file: null };
    expect(created.file).toBeNull();
    expect(cli('key', 'request', created.request.id.slice(0, 8)).stdout.trim()).toBe(created.request.pem.trim());
    const signed = signRequest(created.request.pem, pki.intermediate, dir.path);
    const json = JSON.parse(cli('key', 'install', '--cert', signed.path, '--request', created.request.id, '--json').stdout) as { certificate: { sha256: string }; requestId: string };
    expect(json.requestId).toBe(created.request.id);
    expect(json.certificate.sha256).toBe(new X509Certificate(signed.pem).fingerprint256.replace(/:/g, '').toLowerCase());

    const third = JSON.parse(cli('key', 'new', '--name', 'later', '--alg', 'ec-p256', '--subject', 'CN=later.example.test', '--json').stdout) as { request: { id: string } };
    expect(cli('key', 'cancel', third.request.id).stdout).toContain('its key is kept');
    expect(list().keys.map((k) => k.name)).toEqual(['www', 'api', 'later']);
    expect(cli('key', 'delete', 'later').status).toBe(0);
    expect(list().keys.map((k) => k.name)).toEqual(['www', 'api']);
  });

  it('key export --format pfx / pkcs8 write files openssl opens with the password; key import reads them back', () => {
    const www = list().keys.find((k) => k.name === 'www')!;
    const sha256 = www.certificates[0]!.sha256;
    const pfx = join(dir.path, 'www.pfx');
    expect(cli('key', 'export', '--cert', sha256, '--format', 'pfx', '--password', password, '--out', pfx).stdout).toContain('PKCS#12, AES-256');
    expect(statSync(pfx).mode & 0o777).toBe(0o600);
    expect(openssl(['pkcs12', '-in', pfx, '-passin', `pass:${password}`, '-nokeys']).match(/BEGIN CERTIFICATE/g)).toHaveLength(2);
    const pkcs8 = join(dir.path, 'www.key');
    expect(cli('key', 'export', '--key', 'www', '--format', 'pkcs8', '--password', password, '--out', pkcs8).status).toBe(0);
    expect(openssl(['pkey', '-in', pkcs8, '-passin', `pass:${password}`, '-noout', '-text'])).toContain('NIST CURVE: P-384');
    const noPassword = cli('key', 'export', '--key', 'www', '--format', 'pkcs8', '--out', pkcs8);
    expect(noPassword.status).toBe(2);
    expect(noPassword.stderr).toContain('a private key is never exported unencrypted');

    const other = join(dir.path, 'other-data');
    const imported = runCli(['key', 'import', pfx, '--password', password, '--json'], { dataDir: other });
    expect(imported.status).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ keys: [{ duplicate: false, key: { name: 'www.example.test', algorithm: 'ec-p384' } }], certificates: [{ sha256, store: 'server', hasPrivateKey: true }, { store: 'intermediate' }] });
    const lone = runCli(['key', 'import', pkcs8, '--password', password], { dataDir: other });
    expect(lone.stdout).toMatch(/^Already held key www\.example\.test \(ECDSA P-384\)/);
  });

  it('no private key and no password is written in plain text anywhere in the data folder', () => {
    // Two more algorithms, and a plain PKCS#8 key file imported as is.
    cli('key', 'new', '--name', 'rsa', '--alg', 'rsa-3072', '--subject', 'CN=rsa.example.test', '--out', join(dir.path, 'rsa.csr'));
    cli('key', 'new', '--name', 'ed', '--alg', 'ed25519', '--subject', 'CN=ed.example.test', '--out', join(dir.path, 'ed.csr'));
    const plainKeyPath = join(dir.path, 'plain.key');
    writeFileSync(plainKeyPath, createPrivateKey(readFileSync(pki.client.keyPath)).export({ type: 'pkcs8', format: 'pem' }));
    expect(cli('key', 'import', plainKeyPath, '--name', 'plain').status).toBe(0);

    const needles: Buffer[] = [Buffer.from(password), Buffer.from(pki.pfxPassword)];
    for (const key of list().keys) {
      const out = join(dir.path, `${key.id}.key`);
      expect(cli('key', 'export', '--key', key.id, '--format', 'pkcs8', '--password', password, '--out', out).status).toBe(0);
      const der = createPrivateKey({ key: readFileSync(out, 'utf8'), passphrase: password }).export({ type: 'pkcs8', format: 'der' });
      const pem = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }).export({ type: 'pkcs8', format: 'pem' }).toString();
      const body = pem.replace(/-----[^-]+-----|\s/g, '');
      needles.push(der.subarray(0, 40), der.subarray(-32), Buffer.from(body.slice(0, 48)), Buffer.from(body.slice(-48, -4)), Buffer.from(der.toString('hex').slice(0, 64)));
    }
    expect(needles.length).toBeGreaterThan(20);
    const files = (readdirSync(data, { recursive: true }) as string[]).map((f) => join(data, f)).filter((p) => statSync(p).isFile());
    expect(files.some((f) => f.endsWith('vault.json'))).toBe(true);
    for (const path of files) {
      const raw = readFileSync(path);
      expect(raw.toString('latin1'), path).not.toMatch(/PRIVATE KEY-----/);
      for (const needle of needles) expect(raw.includes(needle), `${needle.toString('hex').slice(0, 16)}… in ${path}`).toBe(false);
    }
  });
});
