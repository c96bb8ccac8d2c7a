import { execFile, spawnSync } from 'node:child_process';
import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../../shared/errors';
import { openNodeServices } from '../../../main/node/open-node-services';
import type { Services } from '../../../main/services/create-services';
import { createTestPki, type TestPki } from '../../helpers/test-pki';
import { makeTempDir } from '../../helpers/temp-dir';
import { openssl, signRequest } from './key-fixtures';

const base64 = (data: string | Buffer) => Buffer.from(data).toString('base64');
const spkiOf = (pem: string) => createPublicKey(pem).export({ type: 'spki', format: 'der' }).toString('hex');

function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('PKCS#12 and PKCS#8 export, read by openssl and curl', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let pki: TestPki;
  let services: Services;
  let clientSha256: string;
  let keyId: string;
  const password = 'Export-Pa55 wörd';

  beforeAll(async () => {
    dir = makeTempDir('certmapper-export-');
    pki = createTestPki(dir.path);
    services = openNodeServices(join(dir.path, 'data'));
    // The test PKI's intermediate and root are in the store so the export can add the chain.
    services.certificates.import({ files: [{ name: 'ca.pem', contentBase64: base64(pki.root.pem + pki.intermediate.pem) }] });
    const { request, key } = await services.keys.createRequest({ name: 'bob', algorithm: 'rsa-3072', subject: 'CN=Bob Example, O=CertMapper Test', template: 'client', subjectAltNames: [{ type: 'email', value: 'bob@example.test' }] });
    keyId = key.id;
    clientSha256 = services.keys.install({ contentBase64: base64(signRequest(request.pem, pki.intermediate, dir.path).pem) }).certificate.sha256;
  });
  afterAll(() => dir.cleanup());

  it('the PFX opens in openssl pkcs12 with its password (AES-256-CBC, SHA-256 MAC) and holds the certificate, its key and the intermediate', () => {
    const file = services.keys.exportPkcs12({ certificateSha256: clientSha256, password, includeChain: true, includeRoot: false });
    expect(file).toMatchObject({ fileName: 'Bob_Example.pfx', mimeType: 'application/x-pkcs12' });
    const path = join(dir.path, file.fileName);
    writeFileSync(path, Buffer.from(file.contentBase64, 'base64'));
    const info = spawnSync('openssl', ['pkcs12', '-info', '-noout', '-in', path, '-passin', `pass:${password}`], { encoding: 'utf8' });
    expect(info.status).toBe(0);
    expect(info.stdout + info.stderr).toMatch(/MAC: sha256/);
    expect(info.stdout + info.stderr).toMatch(/AES-256-CBC/);
    const pem = openssl(['pkcs12', '-in', path, '-passin', `pass:${password}`, '-nodes']);
    const certificates = (pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []).map((c) => new X509Certificate(c));
    expect(certificates.map((c) => c.subject.split('\n').pop())).toEqual(['CN=Bob Example', 'CN=Test Issuing CA']);
    const key = pem.match(/-----BEGIN PRIVATE KEY-----[\s\S]+?-----END PRIVATE KEY-----/)![0];
    expect(certificates[0]!.checkPrivateKey(createPrivateKey(key))).toBe(true);
    expect(pem).toContain('friendlyName: Bob Example');

    const withRoot = services.keys.exportPkcs12({ certificateSha256: clientSha256, password, includeChain: true, includeRoot: true });
    writeFileSync(join(dir.path, 'root.pfx'), Buffer.from(withRoot.contentBase64, 'base64'));
    expect(openssl(['pkcs12', '-in', join(dir.path, 'root.pfx'), '-passin', `pass:${password}`, '-nokeys']).match(/BEGIN CERTIFICATE/g)).toHaveLength(3);
  });

  it('curl --cert-type P12 presents it to a Node TLS server that requires a client certificate', async () => {
    const file = services.keys.exportPkcs12({ certificateSha256: clientSha256, password, includeChain: true, includeRoot: false });
    const path = join(dir.path, 'curl.p12');
    writeFileSync(path, Buffer.from(file.contentBase64, 'base64'));
    const server = createServer(
      { key: readFileSync(pki.server.keyPath), cert: pki.server.pem + pki.intermediate.pem, ca: [pki.root.pem], requestCert: true, rejectUnauthorized: true },
      (request, response) => response.end(`hello ${(request.socket as TLSSocket).getPeerX509Certificate()?.fingerprint256.replace(/:/g, '').toLowerCase()}`),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const curl = (args: string[]) =>
        new Promise<{ ok: boolean; out: string }>((resolve) =>
          execFile('curl', ['-sS', '--cacert', pki.root.pemPath, '--resolve', `server.test:${port}:127.0.0.1`, ...args, `https://server.test:${port}/`], (error, stdout, stderr) => resolve({ ok: !error, out: stdout + stderr })),
        );
      expect(await curl(['--cert-type', 'P12', '--cert', `${path}:${password}`])).toEqual({ ok: true, out: `hello ${clientSha256}` });
      expect((await curl(['--cert-type', 'P12', '--cert', `${path}:wrong`])).ok).toBe(false);
    } finally {
      server.close();
    }
  });

  it('the key as encrypted PKCS#8: openssl pkey -passin decrypts it (by key and by certificate), a wrong password does not', () => {
    for (const [name, file] of [
      ['by-key', services.keys.exportPkcs8({ keyId: 'bob', password })],
      ['by-cert', services.keys.exportPkcs8({ certificateSha256: clientSha256, password })],
    ] as const) {
      const path = join(dir.path, `${name}.key`);
      const text = Buffer.from(file.contentBase64, 'base64').toString();
      expect(text).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----\n/);
      writeFileSync(path, text);
      const plain = openssl(['pkey', '-in', path, '-passin', `pass:${password}`]);
      expect(spkiOf(plain)).toBe(spkiOf(services.certificates.get(clientSha256).pem));
      expect(openssl(['pkcs8', '-in', path, '-passin', `pass:${password}`, '-topk8', '-nocrypt'])).toContain('BEGIN PRIVATE KEY');
      expect(spawnSync('openssl', ['pkey', '-in', path, '-passin', 'pass:wrong', '-noout']).status).not.toBe(0);
    }
    expect(services.keys.get(keyId).name).toBe('bob');
  });

  it('refuses to export what has no key, naming it', () => {
    expect(refusal(() => services.keys.exportPkcs12({ certificateSha256: pki.intermediate.sha256, password, includeChain: true, includeRoot: false })).message).toMatch(
      /Certificate Test Issuing CA has no private key here: only a certificate with its key can be exported as PKCS#12/,
    );
    expect(refusal(() => services.keys.exportPkcs8({ keyId: 'nobody', password })).code).toBe('NOT_FOUND');
  });
});

describe('key import: PKCS#12 and PKCS#8, encrypted or not', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let pki: TestPki;

  beforeAll(() => {
    dir = makeTempDir('certmapper-keyimport-');
    pki = createTestPki(dir.path);
  });
  afterAll(() => dir.cleanup());

  const fresh = (name: string) => openNodeServices(join(dir.path, name));

  it('a PFX: the key joins the Key Manager and its certificate lands in the Server store with it; importing it again is recognised', () => {
    const services = fresh('pfx');
    const content = readFileSync(pki.clientPfxPath).toString('base64');
    const result = services.keys.import({ contentBase64: content, fileName: 'client.pfx', password: pki.pfxPassword });
    expect(result.keys).toHaveLength(1);
    expect(result.keys[0]).toMatchObject({ duplicate: false, key: { name: 'Alice Example', algorithm: 'ec-p256', algorithmName: 'ECDSA P-256', origin: 'imported' } });
    expect(result.keys[0]!.key.certificates.map((c) => c.sha256)).toEqual([pki.client.sha256]);
    expect(result.certificates.find((c) => c.sha256 === pki.client.sha256)).toMatchObject({ hasPrivateKey: true });
    const again = services.keys.import({ contentBase64: content, fileName: 'client.pfx', password: pki.pfxPassword });
    expect(again.keys[0]).toMatchObject({ duplicate: true, key: { id: result.keys[0]!.key.id } });
    expect(services.keys.list().keys).toHaveLength(1);
    expect(refusal(() => services.keys.import({ contentBase64: content, fileName: 'client.pfx', password: 'nope' })).code).toBe('WRONG_PASSWORD');
    expect(refusal(() => services.keys.import({ contentBase64: content, fileName: 'client.pfx' })).code).toBe('PASSWORD_REQUIRED');
  });

  it('lone keys: PKCS#8, encrypted PKCS#8 and a traditional RSA key; a certificate for an imported key installs onto it', () => {
    const services = fresh('lone');
    const plainPath = join(dir.path, 'server-pkcs8.pem');
    writeFileSync(plainPath, createPrivateKey(readFileSync(pki.server.keyPath)).export({ type: 'pkcs8', format: 'pem' }));
    const encryptedPath = join(dir.path, 'enc.pem');
    openssl(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', join(dir.path, 'rsa.key')]);
    openssl(['pkcs8', '-topk8', '-in', join(dir.path, 'rsa.key'), '-v2', 'aes-256-cbc', '-passout', 'pass:secret', '-out', encryptedPath]);
    const traditionalPath = join(dir.path, 'trad.pem');
    openssl(['pkey', '-in', join(dir.path, 'rsa.key'), '-traditional', '-out', traditionalPath]);

    const plain = services.keys.import({ contentBase64: readFileSync(plainPath).toString('base64'), fileName: plainPath, name: 'web server' });
    expect(plain.keys[0]).toMatchObject({ duplicate: false, key: { name: 'web server', algorithmName: 'ECDSA P-256' } });
    expect(refusal(() => services.keys.import({ contentBase64: readFileSync(encryptedPath).toString('base64'), fileName: 'enc.pem' })).code).toBe('PASSWORD_REQUIRED');
    expect(refusal(() => services.keys.import({ contentBase64: readFileSync(encryptedPath).toString('base64'), fileName: 'enc.pem', password: 'wrong' })).code).toBe('WRONG_PASSWORD');
    const encrypted = services.keys.import({ contentBase64: readFileSync(encryptedPath).toString('base64'), fileName: '/some/dir/enc.pem', password: 'secret' });
    expect(encrypted.keys[0]).toMatchObject({ duplicate: false, key: { name: 'enc', algorithm: 'rsa-2048', algorithmName: 'RSA 2048' } });
    expect(services.keys.import({ contentBase64: readFileSync(traditionalPath).toString('base64'), fileName: 'trad.pem' }).keys[0]).toMatchObject({ duplicate: true });

    // The certificate of the imported key, installed as a reply with no pending request.
    const installed = services.keys.install({ contentBase64: base64(pki.server.pem + pki.intermediate.pem) });
    expect(installed).toMatchObject({ certificate: { sha256: pki.server.sha256, store: 'server' }, keyId: plain.keys[0]!.key.id, requestId: null });
    expect(services.certificates.get(pki.server.sha256).hasPrivateKey).toBe(true);

    expect(refusal(() => services.keys.import({ contentBase64: base64(pki.root.pem), fileName: 'root.pem' })).message).toMatch(/root\.pem holds no private key/);
  });
});
