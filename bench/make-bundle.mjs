// Generates N real, distinct certificates (one issuing CA, ECDSA P-256) as one PEM bundle for the
// import benchmark. Cached in the OS temp folder: generation is not what is measured.
import 'reflect-metadata';
import { existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto);

export async function makeBundle(count) {
  const path = join(tmpdir(), `certmapper-bench-${count}.pem`);
  if (existsSync(path)) return path;
  const alg = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const caKeys = await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify']);
  const leafKeys = await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify']);
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01', name: 'CN=Bench Issuing CA, O=CertMapper Bench', keys: caKeys, signingAlgorithm: alg,
    notBefore: new Date(Date.now() - 86_400_000), notAfter: new Date(Date.now() + 365 * 86_400_000),
    extensions: [new x509.BasicConstraintsExtension(true, undefined, true)],
  });
  const blocks = [ca.toString('pem')];
  for (let i = 1; i < count; i++) {
    const cert = await x509.X509CertificateGenerator.create({
      serialNumber: (0x100000 + i).toString(16), subject: `CN=user${i}@bench.test, OU=Staff, O=CertMapper Bench`,
      issuer: ca.subject, publicKey: leafKeys.publicKey, signingKey: caKeys.privateKey, signingAlgorithm: alg,
      notBefore: new Date(Date.now() - 86_400_000), notAfter: new Date(Date.now() + 365 * 86_400_000),
      extensions: [new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth])],
    });
    blocks.push(cert.toString('pem'));
  }
  writeFileSync(path, blocks.join('\n'));
  return path;
}
