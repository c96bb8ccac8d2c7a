import { execFileSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** One certificate of a generated PKI: its files and the fingerprint computed from its DER. */
export interface TestCertificate {
  name: string;
  pem: string;
  pemPath: string;
  derPath: string;
  keyPath: string;
  sha256: string;
  subject: string;
}

export interface TestPki {
  dir: string;
  root: TestCertificate;
  intermediate: TestCertificate;
  server: TestCertificate;
  client: TestCertificate;
  /** root + intermediate + server + client in one PEM file. */
  bundlePath: string;
  /** client certificate with its key and chain, AES-256 (OpenSSL 3 default), password below. */
  clientPfxPath: string;
  pfxPassword: string;
}

const openssl = (args: string[], cwd: string) => execFileSync('openssl', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });

/** SHA-256 of a certificate's DER, lowercase hex: the product's identity for a certificate. */
export function sha256OfPem(pem: string): string {
  return createHash('sha256').update(new X509Certificate(pem).raw).digest('hex');
}

function issue(dir: string, name: string, subject: string, extensions: string, issuer?: TestCertificate, days = 365): TestCertificate {
  const keyPath = join(dir, `${name}.key`);
  const pemPath = join(dir, `${name}.pem`);
  const extPath = join(dir, `${name}.ext`);
  writeFileSync(extPath, `[ext]\n${extensions}\n`);
  openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', keyPath], dir);
  if (issuer) {
    const csr = join(dir, `${name}.csr`);
    openssl(['req', '-new', '-key', keyPath, '-subj', subject, '-out', csr], dir);
    openssl(['x509', '-req', '-in', csr, '-CA', issuer.pemPath, '-CAkey', issuer.keyPath, '-CAcreateserial', '-days', String(days), '-sha256', '-extfile', extPath, '-extensions', 'ext', '-out', pemPath], dir);
  } else {
    openssl(['req', '-x509', '-new', '-key', keyPath, '-subj', subject, '-days', String(days), '-sha256', '-config', extPath, '-extensions', 'ext', '-out', pemPath], dir);
  }
  const derPath = join(dir, `${name}.cer`);
  openssl(['x509', '-in', pemPath, '-outform', 'DER', '-out', derPath], dir);
  const pem = readFileSync(pemPath, 'utf8');
  return { name, pem, pemPath, derPath, keyPath, sha256: sha256OfPem(pem), subject };
}

/** A real root -> intermediate -> {server, client} PKI made with the openssl CLI, in `dir`. */
export function createTestPki(dir: string): TestPki {
  const caExt = 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash';
  // req -x509 -config needs a [req] section too.
  const rootExtWithReq = `${caExt}\n[req]\ndistinguished_name=dn\n[dn]`;
  const root = issue(dir, 'root', '/C=US/O=CertMapper Test/CN=Test Root CA', rootExtWithReq);
  const intermediate = issue(dir, 'intermediate', '/C=US/O=CertMapper Test/CN=Test Issuing CA', `${caExt}\nauthorityKeyIdentifier=keyid`, root);
  const server = issue(dir, 'server', '/C=US/O=CertMapper Test/CN=server.test', 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:server.test,IP:127.0.0.1', intermediate);
  const client = issue(dir, 'client', '/C=US/O=CertMapper Test/OU=Staff/CN=Alice Example', 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth\nsubjectAltName=email:alice@example.test,otherName:1.3.6.1.4.1.311.20.2.3;UTF8:alice@corp.test', intermediate);
  const bundlePath = join(dir, 'bundle.pem');
  writeFileSync(bundlePath, `Test bundle\r\n${[root, intermediate, server, client].map((c) => c.pem.replace(/\n/g, '\r\n')).join('\r\n')}`);
  const pfxPassword = 'correct horse';
  const clientPfxPath = join(dir, 'client.pfx');
  const chainPath = join(dir, 'chain.pem');
  writeFileSync(chainPath, intermediate.pem + root.pem);
  openssl(['pkcs12', '-export', '-in', client.pemPath, '-inkey', client.keyPath, '-certfile', chainPath, '-passout', `pass:${pfxPassword}`, '-out', clientPfxPath], dir);
  return { dir, root, intermediate, server, client, bundlePath, clientPfxPath, pfxPassword };
}
