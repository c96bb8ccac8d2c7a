import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeContainer } from '../../../main/services/certificates/codec';
import { generateKeyPair, loadKeyPair, KEY_ALGORITHMS, useNodeWebCrypto } from '../../../main/services/keys/key-generation';
import { writePkcs12 } from '../../../main/services/keys/pkcs12-writer';
import { encryptPkcs8 } from '../../../main/services/keys/pbes2';
import { createTestPki, type TestPki } from '../../helpers/test-pki';
import { makeTempDir } from '../../helpers/temp-dir';
import { missingNssTools } from '../../helpers/nss-browser';

const openssl = (args: string[]) => execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const derOf = (pem: string) => new Uint8Array(new X509Certificate(pem).raw);
const pkcs8Of = (keyPath: string) => new Uint8Array(createPrivateKey(readFileSync(keyPath)).export({ type: 'pkcs8', format: 'der' }));

describe('generateKeyPair', () => {
  it.each(KEY_ALGORITHMS)('%s: PKCS#8 and SPKI that openssl reads, and webcrypto keys that sign', async (alg) => {
    const pair = await generateKeyPair(alg);
    const key = createPrivateKey({ key: Buffer.from(pair.privateKeyPkcs8), format: 'der', type: 'pkcs8' });
    const spkiFromPrivate = createPublicKey(key).export({ type: 'spki', format: 'der' });
    expect(Buffer.from(pair.publicKeySpki).equals(spkiFromPrivate)).toBe(true);
    expect(pair.spkiSha256).toMatch(/^[0-9a-f]{64}$/);
    const dir = makeTempDir('certmapper-keygen-');
    try {
      const pem = key.export({ type: 'pkcs8', format: 'pem' }) as string;
      writeFileSync(join(dir.path, 'k.pem'), pem);
      const text = openssl(['pkey', '-in', join(dir.path, 'k.pem'), '-noout', '-text']);
      const expected = { 'ec-p256': 'prime256v1', 'ec-p384': 'secp384r1', 'rsa-2048': '2048 bit', 'rsa-3072': '3072 bit', 'rsa-4096': '4096 bit', ed25519: 'ED25519' }[alg];
      expect(text).toContain(expected);
    } finally {
      dir.cleanup();
    }
    const loaded = await loadKeyPair(pair.privateKeyPkcs8);
    expect(loaded.algorithm).toBe(alg);
    expect(loaded.spkiSha256).toBe(pair.spkiSha256);
    // Both the fresh and the reloaded webcrypto keys sign what @peculiar/x509 generates.
    for (const keys of [pair, loaded]) {
      useNodeWebCrypto();
      const certificate = await x509.X509CertificateGenerator.createSelfSigned({
        serialNumber: '01',
        name: `CN=${alg}`,
        keys: keys.cryptoKeys,
        signingAlgorithm: keys.signingAlgorithm,
        notBefore: new Date(Date.now() - 60_000),
        notAfter: new Date(Date.now() + 86_400_000),
      });
      const node = new X509Certificate(Buffer.from(certificate.rawData));
      expect(node.verify(createPublicKey(key))).toBe(true);
    }
  });

  it('refuses to sign with a key outside the supported algorithms, naming it', async () => {
    const dir = makeTempDir('certmapper-keygen-');
    try {
      openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-521', '-out', join(dir.path, 'p521.key')]);
      await expect(loadKeyPair(pkcs8Of(join(dir.path, 'p521.key')))).rejects.toThrow(/ECDSA P-521 key cannot sign/);
    } finally {
      dir.cleanup();
    }
  });
});

describe('writePkcs12 and encryptPkcs8 read back by real tools', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let pki: TestPki;
  let pfxPath: string;
  const password = 'p@ss wörd';

  beforeAll(() => {
    dir = makeTempDir('certmapper-p12-');
    pki = createTestPki(dir.path);
    const pfx = writePkcs12({
      certificates: [derOf(pki.client.pem), derOf(pki.intermediate.pem), derOf(pki.root.pem)],
      privateKeyPkcs8: pkcs8Of(pki.client.keyPath),
      password,
      friendlyName: 'Alice Example',
    });
    pfxPath = join(dir.path, 'alice.p12');
    writeFileSync(pfxPath, pfx);
  });
  afterAll(() => dir.cleanup());

  it('openssl pkcs12 verifies the MAC and names AES-256-CBC with PBKDF2-HMAC-SHA256', () => {
    const run = spawnSync('openssl', ['pkcs12', '-info', '-noout', '-in', pfxPath, '-passin', `pass:${password}`], { encoding: 'utf8' });
    const all = run.stdout + run.stderr;
    expect(run.status).toBe(0);
    expect(all).toContain('MAC: sha256');
    expect(all).toMatch(/PBES2, PBKDF2, AES-256-CBC, Iteration 2048, PRF hmacWithSHA256/);
    expect(all).toContain('Shrouded Keybag');
    const wrong = spawnSync('openssl', ['pkcs12', '-info', '-noout', '-in', pfxPath, '-passin', 'pass:nope'], { encoding: 'utf8' });
    expect(wrong.status).not.toBe(0);
    expect(wrong.stderr).toMatch(/mac verify error/i);
  });

  it('openssl extracts the same certificates and key, the leaf paired by localKeyId and friendlyName', () => {
    const pem = openssl(['pkcs12', '-in', pfxPath, '-passin', `pass:${password}`, '-nodes']);
    const certificates = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
    expect(certificates.map((c) => new X509Certificate(c).fingerprint256)).toEqual(
      expect.arrayContaining([pki.client, pki.intermediate, pki.root].map((c) => new X509Certificate(c.pem).fingerprint256)),
    );
    expect(pem).toContain('friendlyName: Alice Example');
    const key = createPrivateKey(pem.match(/-----BEGIN PRIVATE KEY-----[\s\S]+?-----END PRIVATE KEY-----/)![0]);
    expect(new X509Certificate(pki.client.pem).checkPrivateKey(key)).toBe(true);
    const clientOnly = openssl(['pkcs12', '-in', pfxPath, '-passin', `pass:${password}`, '-clcerts', '-nokeys']);
    expect(new X509Certificate(clientOnly).fingerprint256).toBe(new X509Certificate(pki.client.pem).fingerprint256);
  });

  it('our own codec opens it and pairs the key with the leaf', () => {
    const decoded = decodeContainer(readFileSync(pfxPath), { password });
    expect(decoded.certificates.map((c) => c.sha256).sort()).toEqual([pki.client.sha256, pki.intermediate.sha256, pki.root.sha256].sort());
    expect(decoded.privateKeys).toHaveLength(1);
    expect(decoded.privateKeys[0]!.certificateSha256).toBe(pki.client.sha256);
  });

  it('NSS (pk12util, what Chromium uses) imports it', () => {
    const missing = missingNssTools();
    if (missing.length > 0 && process.env.CI !== 'true') return;
    expect(missing).toEqual([]);
    const db = join(dir.path, 'nssdb');
    execFileSync('mkdir', ['-p', db]);
    execFileSync('certutil', ['-N', '-d', `sql:${db}`, '--empty-password']);
    const out = execFileSync('pk12util', ['-i', pfxPath, '-d', `sql:${db}`, '-W', password], { encoding: 'utf8' });
    expect(out).toMatch(/PKCS12 IMPORT SUCCESSFUL/);
    const keys = execFileSync('certutil', ['-K', '-d', `sql:${db}`], { encoding: 'utf8' });
    expect(keys).toContain('Alice Example');
  });

  it('curl --cert-type P12 presents it to a Node TLS server that requires a client certificate', async () => {
    const server = createServer(
      { key: readFileSync(pki.server.keyPath), cert: pki.server.pem + pki.intermediate.pem, ca: [pki.root.pem, pki.intermediate.pem], requestCert: true, rejectUnauthorized: true },
      (request, response) => response.end(`hello ${(request.socket as TLSSocket).getPeerX509Certificate()?.fingerprint256}`),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const run = (args: string[]) => new Promise<{ code: number | null; out: string }>((resolve) => {
        execFile('curl', ['-sS', '--cacert', pki.root.pemPath, '--resolve', `server.test:${port}:127.0.0.1`, ...args, `https://server.test:${port}/`], (error, stdout, stderr) =>
          resolve({ code: error ? (error.code as number) : 0, out: stdout + stderr }),
        );
      });
      const ok = await run(['--cert-type', 'P12', '--cert', `${pfxPath}:${password}`]);
      expect(ok.out).toBe(`hello ${new X509Certificate(pki.client.pem).fingerprint256}`);
      const none = await run([]);
      expect(none.code).not.toBe(0);
    } finally {
      server.close();
    }
  });

  it('an empty password still gives a file openssl opens with pass:', () => {
    const path = join(dir.path, 'empty.p12');
    writeFileSync(path, writePkcs12({ certificates: [derOf(pki.server.pem)], privateKeyPkcs8: pkcs8Of(pki.server.keyPath), password: '' }));
    expect(spawnSync('openssl', ['pkcs12', '-info', '-noout', '-in', path, '-passin', 'pass:']).status).toBe(0);
  });

  it('encryptPkcs8 gives an EncryptedPrivateKeyInfo that openssl pkey -passin decrypts', () => {
    const path = join(dir.path, 'enc.pem');
    const der = encryptPkcs8(pkcs8Of(pki.server.keyPath), password);
    writeFileSync(path, `-----BEGIN ENCRYPTED PRIVATE KEY-----\n${Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n')}\n-----END ENCRYPTED PRIVATE KEY-----\n`);
    const plain = openssl(['pkey', '-in', path, '-passin', `pass:${password}`]);
    expect(createPublicKey(plain).export({ type: 'spki', format: 'der' })).toEqual(createPublicKey(createPrivateKey(readFileSync(pki.server.keyPath))).export({ type: 'spki', format: 'der' }));
    expect(spawnSync('openssl', ['pkey', '-in', path, '-passin', 'pass:wrong']).status).not.toBe(0);
  });
});
