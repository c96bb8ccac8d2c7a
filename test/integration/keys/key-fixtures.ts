import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestCertificate } from '../../helpers/test-pki';

export const openssl = (args: string[], cwd?: string): string => execFileSync('openssl', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

let serial = 0;

/** What a real authority does with our request: `openssl x509 -req`, copying the requested extensions. */
export function signRequest(requestPem: string, issuer: TestCertificate, dir: string, name = `signed-${++serial}`): { pem: string; path: string } {
  const requestPath = join(dir, `${name}.csr`);
  const path = join(dir, `${name}.pem`);
  const extPath = join(dir, `${name}.ext`);
  writeFileSync(requestPath, requestPem);
  writeFileSync(extPath, '[ext]\nbasicConstraints=CA:FALSE\nauthorityKeyIdentifier=keyid\n');
  openssl(['x509', '-req', '-in', requestPath, '-CA', issuer.pemPath, '-CAkey', issuer.keyPath, '-CAcreateserial', '-days', '30', '-sha256', '-copy_extensions', 'copy', '-extfile', extPath, '-extensions', 'ext', '-out', path], dir);
  return { pem: readFileSync(path, 'utf8'), path };
}

/** A certs-only PKCS#7 (.p7b, DER) of PEM files: how Windows CAs send a certificate with its chain. */
export function pkcs7Of(pemPaths: string[], dir: string, name: string): string {
  const out = join(dir, `${name}.p7b`);
  openssl(['crl2pkcs7', '-nocrl', ...pemPaths.flatMap((p) => ['-certfile', p]), '-outform', 'DER', '-out', out], dir);
  return out;
}
