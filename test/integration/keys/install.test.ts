import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../../../shared/errors';
import { openNodeServices } from '../../../main/node/open-node-services';
import type { Services } from '../../../main/services/create-services';
import { privateKeyId } from '../../../main/services/certificates/certificate-document';
import { keyVaultId } from '../../../main/services/keys/key-document';
import { createTestPki, type TestPki } from '../../helpers/test-pki';
import { makeTempDir } from '../../helpers/temp-dir';
import { openssl, pkcs7Of, signRequest } from './key-fixtures';

const base64 = (text: string | Buffer) => Buffer.from(text).toString('base64');

async function refusal(run: () => unknown): Promise<DomainError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('installing the authority reply (openssl x509 -req as the authority)', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let pki: TestPki;
  let services: Services;
  let dataDir: string;
  let n = 0;

  beforeAll(() => {
    dir = makeTempDir('certmapper-install-');
    pki = createTestPki(dir.path);
  });
  afterAll(() => dir.cleanup());
  beforeEach(() => {
    dataDir = join(dir.path, `data-${++n}`);
    services = openNodeServices(dataDir);
  });

  const newRequest = (name: string, algorithm: 'ec-p256' | 'rsa-2048' = 'ec-p256', template: 'server' | 'client' = 'server') =>
    services.keys.createRequest({ name, algorithm, subject: `CN=${name}.example.test, O=CertMapper Test`, subjectAltNames: [{ type: 'ip', value: '127.0.0.1' }], template });

  it('installs a PEM reply with its chain: Server store with the key, the intermediate and root where the import puts them; a TLS server uses it', async () => {
    const { request, key } = await newRequest('www', 'rsa-2048');
    const signed = signRequest(request.pem, pki.intermediate, dir.path);
    const reply = signed.pem + pki.intermediate.pem + pki.root.pem;
    const result = services.keys.install({ contentBase64: base64(reply) });
    const sha256 = new X509Certificate(signed.pem).fingerprint256.replace(/:/g, '').toLowerCase();
    expect(result).toMatchObject({ certificate: { sha256, store: 'server', duplicate: false }, keyId: key.id, requestId: request.id });
    expect(result.chain.map((c) => [c.sha256, c.store])).toEqual([
      [pki.intermediate.sha256, 'intermediate'],
      [pki.root.sha256, 'root'],
    ]);
    expect(services.certificates.get(sha256)).toMatchObject({ store: 'server', hasPrivateKey: true });
    expect(services.certificates.get(sha256).chain.status).toBe('ok');
    expect(services.keys.list()).toMatchObject({ requests: [], keys: [{ id: key.id, certificates: [{ sha256, store: 'server' }], pendingRequests: [] }] });

    // What the gateway does with a Server-store certificate: its PEM and the key from the vault.
    const keyPem = `-----BEGIN PRIVATE KEY-----\n${Buffer.from(services.snapshotSources().vault.get(privateKeyId(sha256))!).toString('base64')}\n-----END PRIVATE KEY-----\n`;
    const server = createServer({ cert: services.certificates.get(sha256).pem + pki.intermediate.pem, key: keyPem }, (_req, res) => res.end('served'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const out = await new Promise<string>((resolve, reject) =>
        execFile('curl', ['-sS', '--cacert', pki.root.pemPath, '--resolve', `www.example.test:${port}:127.0.0.1`, `https://www.example.test:${port}/`], (error, stdout, stderr) => (error ? reject(new Error(stderr)) : resolve(stdout))),
      );
      expect(out).toBe('served');
    } finally {
      server.close();
    }
  });

  it('reads the reply as DER and as a PKCS#7 (.p7b) with the chain', async () => {
    const first = await newRequest('der');
    const signedDer = signRequest(first.request.pem, pki.intermediate, dir.path);
    const derPath = join(dir.path, 'reply.cer');
    openssl(['x509', '-in', signedDer.path, '-outform', 'DER', '-out', derPath]);
    expect(services.keys.install({ contentBase64: readFileSync(derPath).toString('base64') })).toMatchObject({ requestId: first.request.id, chain: [] });

    const second = await newRequest('p7b');
    const signedP7 = signRequest(second.request.pem, pki.intermediate, dir.path);
    const p7b = pkcs7Of([signedP7.path, pki.intermediate.pemPath], dir.path, 'reply');
    const result = services.keys.install({ contentBase64: readFileSync(p7b).toString('base64') });
    expect(result.requestId).toBe(second.request.id);
    expect(result.chain).toEqual([{ sha256: pki.intermediate.sha256, subject: 'CN=Test Issuing CA, O=CertMapper Test, C=US', store: 'intermediate', duplicate: false }]);
  });

  it('refuses a reply for another key, says so, and keeps the pending request, its key and the stores as they were', async () => {
    const { request, key } = await newRequest('pending');
    const configBefore = readFileSync(join(dataDir, 'config.json'), 'utf8');
    const certificatesBefore = services.certificates.list();
    const error = await refusal(() => services.keys.install({ contentBase64: base64(pki.server.pem + pki.intermediate.pem) }));
    expect(error.code).toBe('KEY_MISMATCH');
    expect(error.message).toContain(`The certificate "${new X509Certificate(pki.server.pem).subject.split('\n').reverse().join(', ')}"`);
    expect(error.message).toMatch(/is for another key: its public key does not match any of the 1 pending request\(s\) \("pending"\)\. Nothing was installed; the pending requests and their keys are kept\./);
    expect(readFileSync(join(dataDir, 'config.json'), 'utf8')).toBe(configBefore);
    expect(services.certificates.list()).toEqual(certificatesBefore);
    expect(services.snapshotSources().vault.has(keyVaultId(key.id))).toBe(true);
    expect(services.keys.list().requests.map((r) => r.id)).toEqual([request.id]);

    // Naming the request: a reply for another pending request is refused too, naming the one asked for.
    const other = await newRequest('other');
    const forOther = signRequest(other.request.pem, pki.intermediate, dir.path);
    const named = await refusal(() => services.keys.install({ contentBase64: base64(forOther.pem), requestId: request.id }));
    expect(named.code).toBe('KEY_MISMATCH');
    expect(named.message).toContain('does not match the pending request for "pending" (CN=pending.example.test, O=CertMapper Test)');
    expect(services.keys.list().requests).toHaveLength(2);

    // The right reply still installs afterwards.
    const signed = signRequest(request.pem, pki.intermediate, dir.path);
    expect(services.keys.install({ contentBase64: base64(signed.pem), requestId: request.id }).requestId).toBe(request.id);
  });

  it('a client-template certificate goes to the Client store with its key, and a second install of the same reply is recognised', async () => {
    const { request } = await newRequest('alice', 'ec-p256', 'client');
    const signed = signRequest(request.pem, pki.intermediate, dir.path);
    const first = services.keys.install({ contentBase64: base64(signed.pem) });
    expect(first.certificate).toMatchObject({ store: 'client', duplicate: false });
    const again = services.keys.install({ contentBase64: base64(signed.pem) });
    expect(again).toMatchObject({ certificate: { sha256: first.certificate.sha256, duplicate: true }, requestId: null });
  });

  it('refuses what is not a certificate with the import\'s reasons', async () => {
    await newRequest('junk');
    expect((await refusal(() => services.keys.install({ contentBase64: base64('hello') }))).code).toBe('NOT_A_CERTIFICATE');
    expect((await refusal(() => services.keys.install({ contentBase64: base64(readFileSync(pki.root.derPath).subarray(0, 100)) }))).code).toBe('TRUNCATED');
    expect(services.keys.list().requests).toHaveLength(1);
  });

  it('survives a restart: the pending request installs from a fresh process view of the data folder', async () => {
    const { request } = await newRequest('later');
    writeFileSync(join(dir.path, 'later.csr'), request.pem);
    const reopened = openNodeServices(dataDir);
    const signed = signRequest(reopened.keys.list().requests[0]!.pem, pki.intermediate, dir.path);
    expect(reopened.keys.install({ contentBase64: base64(signed.pem) }).requestId).toBe(request.id);
  });
});
