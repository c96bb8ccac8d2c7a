import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../../../main/services/create-services';
import { emptyCertificateDocument, privateKeyId, type CertificateDocument } from '../../../main/services/certificates/certificate-document';
import { emptyConfigDocument, type ConfigDocument } from '../../../main/services/sites/config-document';
import { emptyAuthorityDocument } from '../../../main/services/authority/authority-document';
import { keyVaultId } from '../../../main/services/keys/key-document';
import { MemoryConfigStore } from '../../../main/storage/memory-config-store';
import { MemoryVault } from '../../../main/storage/memory-vault';
import { createTestPki, sha256OfPem, type TestPki } from '../../helpers/test-pki';
import { makeTempDir } from '../../helpers/temp-dir';

/** config.json that refuses the next write, as a full disk or a lost permission would. */
class FailingConfigStore extends MemoryConfigStore<ConfigDocument> {
  failNext = false;
  override write(value: ConfigDocument): void {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('ENOSPC: no space left on device');
    }
    super.write(value);
  }
}

describe('install is all or nothing', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let pki: TestPki;
  beforeAll(() => {
    dir = makeTempDir('certmapper-rollback-');
    pki = createTestPki(dir.path);
  });
  afterAll(() => dir.cleanup());

  it('when config.json cannot be written after the certificate store was, the certificate store and the vault are put back', async () => {
    const config = new FailingConfigStore('config', emptyConfigDocument());
    const certificateStore = new MemoryConfigStore<CertificateDocument>('certificates', emptyCertificateDocument());
    const vault = new MemoryVault();
    const services = createServices({
      dataDir: 'memory',
      version: 'test',
      certificateStore,
      configStore: config,
      authorityStore: new MemoryConfigStore('authority', emptyAuthorityDocument()),
      vault,
      clock: { now: () => new Date() },
      notices: [],
    });
    const { request, key } = await services.keys.createRequest({ name: 'www', subject: 'CN=www.example.test', template: 'server', subjectAltNames: [] });
    const csr = join(dir.path, 'www.csr');
    const pem = join(dir.path, 'www.pem');
    writeFileSync(csr, request.pem);
    execFileSync('openssl', ['x509', '-req', '-in', csr, '-CA', pki.intermediate.pemPath, '-CAkey', pki.intermediate.keyPath, '-CAcreateserial', '-days', '5', '-out', pem], { stdio: 'ignore' });
    const reply = Buffer.from(execFileSync('cat', [pem, pki.intermediate.pemPath])).toString('base64');

    const certificatesBefore = certificateStore.read();
    config.failNext = true;
    await expect(async () => services.keys.install({ contentBase64: reply })).rejects.toThrow(/ENOSPC/);
    expect(certificateStore.read().certificates).toEqual(certificatesBefore.certificates);
    expect(vault.has(keyVaultId(key.id))).toBe(true);
    expect(vault.has(privateKeyId(sha256OfPem(readFileSync(pem, 'utf8'))))).toBe(false);
    expect(services.keys.list().requests.map((r) => r.id)).toEqual([request.id]);

    const installed = services.keys.install({ contentBase64: reply });
    expect(installed.requestId).toBe(request.id);
    expect(installed.certificate.sha256).toBe(sha256OfPem(readFileSync(pem, 'utf8')));
    expect(vault.has(privateKeyId(installed.certificate.sha256))).toBe(true);
  });
});
