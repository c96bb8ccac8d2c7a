import { execFileSync } from 'node:child_process';
import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileSnapshot } from '../../../main/decision';
import { openNodeServices } from '../../../main/node/open-node-services';
import { makeTempDir } from '../../helpers/temp-dir';
import { createTestPki, type TestPki } from '../../helpers/test-pki';

// compileSnapshot over a real data folder: the server certificate's key comes out of the vault as
// PKCS#8 PEM, its chain from the store (intermediates only), trusted issuers flagged root or not.

describe('compileSnapshot', () => {
  const work = makeTempDir('snapshot-pki-');
  const data = makeTempDir('snapshot-data-');
  let pki: TestPki;
  beforeAll(() => {
    pki = createTestPki(work.path);
    const pfx = join(work.path, 'server.pfx');
    writeChain(pki, pfx);
    const services = openNodeServices(data.path);
    const files = [pfx].map((name) => ({ name, contentBase64: readFileSync(name).toString('base64') }));
    expect(services.certificates.import({ files, password: 'pw' }).every((r) => r.ok)).toBe(true);
    services.sites.add({ name: 'Secure', serverCertificateSha256: pki.server.sha256, bindings: [{ protocol: 'https', address: '*', port: 9443, host: null, certificateSha256: null }], content: { kind: 'upstream', url: 'http://127.0.0.1:9000/' } });
    services.sites.setTrust('Secure', [pki.root.sha256, pki.intermediate.sha256], []);
  });
  afterAll(() => {
    work.cleanup();
    data.cleanup();
  });

  function writeChain(p: TestPki, out: string) {
    const chain = join(work.path, 'server-chain.pem');
    writeFileSync(chain, p.intermediate.pem + p.root.pem);
    execFileSync('openssl', ['pkcs12', '-export', '-in', p.server.pemPath, '-inkey', p.server.keyPath, '-certfile', chain, '-passout', 'pass:pw', '-out', out]);
  }

  it('gives the server certificate with its private key and intermediate chain, and the trust list', () => {
    const services = openNodeServices(data.path);
    const snapshot = compileSnapshot({ ...services.snapshotSources(), version: 3 });
    const site = snapshot.sites.find((s) => s.site.name === 'Secure')!;
    const server = site.serverCertificates[pki.server.sha256]!;
    expect(new X509Certificate(server.certificatePem).subject).toContain('CN=server.test');
    expect(server.keyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    const publicFromKey = createPublicKey(createPrivateKey(server.keyPem)).export({ type: 'spki', format: 'der' });
    expect(new X509Certificate(server.certificatePem).publicKey.export({ type: 'spki', format: 'der' })).toEqual(publicFromKey);
    expect(server.chainPem.map((pem) => new X509Certificate(pem).subject)).toEqual([expect.stringContaining('CN=Test Issuing CA')]);
    expect(site.trustedIssuers.map((i) => [i.sha256, i.isRoot])).toEqual([[pki.root.sha256, true], [pki.intermediate.sha256, false]]);
    expect(site.trustedIssuers[1]!.subject).toBe('CN=Test Issuing CA, O=CertMapper Test, C=US');
  });
});
