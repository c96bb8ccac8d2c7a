import * as x509 from '@peculiar/x509';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryServices } from '../../helpers/memory-services';
import { makeTempDir } from '../../helpers/temp-dir';
import { createTestPki } from '../../helpers/test-pki';

describe('the names a site advertises in its CertificateRequest', () => {
  const work = makeTempDir('certmapper-pki-');
  afterAll(() => work.cleanup());

  it('lists each trusted issuer with the size of its DER name, and the total the handshake carries', () => {
    const pki = createTestPki(work.path);
    const services = memoryServices();
    const serverWithKey = pki.server.pem + readFileSync(pki.server.keyPath, 'utf8');
    services.certificates.import({
      files: [
        { name: 'server', contentBase64: Buffer.from(serverWithKey).toString('base64') },
        { name: 'cas', contentBase64: Buffer.from(pki.root.pem + pki.intermediate.pem).toString('base64') },
      ],
    });
    const site = services.sites.add({ name: 'Shop', bindings: [{ protocol: 'https', address: '127.0.0.1', port: 0, host: null, certificateSha256: null }], serverCertificateSha256: pki.server.sha256, content: { kind: 'static', directory: work.path } });
    expect(services.sites.advertisedIssuers(site.id)).toEqual({ names: [], totalBytes: 0 });
    services.sites.setTrust(site.id, [pki.root.sha256, pki.intermediate.sha256], []);

    // An independent oracle: @peculiar/x509 re-encodes the subject name to DER.
    const nameBytes = (pem: string) => new x509.X509Certificate(pem).subjectName.toArrayBuffer().byteLength;
    const { names, totalBytes } = services.sites.advertisedIssuers('shop');
    expect(names).toEqual([
      { sha256: pki.root.sha256, subject: 'CN=Test Root CA, O=CertMapper Test, C=US', bytes: nameBytes(pki.root.pem) },
      { sha256: pki.intermediate.sha256, subject: 'CN=Test Issuing CA, O=CertMapper Test, C=US', bytes: nameBytes(pki.intermediate.pem) },
    ]);
    expect(totalBytes).toBe(2 + (2 + nameBytes(pki.root.pem)) + (2 + nameBytes(pki.intermediate.pem)));

    // An issuer deleted from the store can no longer be advertised.
    services.certificates.delete(pki.intermediate.sha256);
    expect(services.sites.advertisedIssuers('shop').names.map((n) => n.sha256)).toEqual([pki.root.sha256]);
  });
});
