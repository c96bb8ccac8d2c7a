import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestPki, sha256OfPem, type TestPki } from '../helpers/test-pki';

/** A client certificate issued for the console test, exported with its key as a password-protected PFX. */
export interface PfxFixture {
  subject: string;
  sha256: string;
  pfxPath: string;
}

/** Everything the console test drops: the shared test PKI's PEM bundle plus two PFX files of their own leaves. */
export interface ConsoleFixtures {
  pki: TestPki;
  /** Imported with the bundle: its leaf is new, its chain (intermediate, root) already stored. */
  bob: PfxFixture;
  /** Dropped alone with a wrong password: must bring nothing in. */
  carol: PfxFixture;
  pfxPassword: string;
}

const openssl = (args: string[], cwd: string) => execFileSync('openssl', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });

/** Issue a clientAuth leaf under the PKI's intermediate with the openssl CLI and export it with key and chain. */
function issuePfx(pki: TestPki, name: string, commonName: string, password: string): PfxFixture {
  const { dir, intermediate, root } = pki;
  const key = join(dir, `${name}.key`);
  const csr = join(dir, `${name}.csr`);
  const pem = join(dir, `${name}.pem`);
  const ext = join(dir, `${name}.ext`);
  const chain = join(dir, `${name}-chain.pem`);
  const pfxPath = join(dir, `${name}.pfx`);
  const subject = `/C=US/O=CertMapper Test/OU=Console/CN=${commonName}`;
  writeFileSync(ext, '[ext]\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth\n');
  writeFileSync(chain, intermediate.pem + root.pem);
  openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', key], dir);
  openssl(['req', '-new', '-key', key, '-subj', subject, '-out', csr], dir);
  openssl(['x509', '-req', '-in', csr, '-CA', intermediate.pemPath, '-CAkey', intermediate.keyPath, '-CAcreateserial', '-days', '200', '-sha256', '-extfile', ext, '-extensions', 'ext', '-out', pem], dir);
  openssl(['pkcs12', '-export', '-in', pem, '-inkey', key, '-certfile', chain, '-passout', `pass:${password}`, '-out', pfxPath], dir);
  return { subject, sha256: sha256OfPem(readFileSync(pem, 'utf8')), pfxPath };
}

/** Generate the fixtures in `dir` at test time (nothing is checked in, nothing hard-coded). */
export function createConsoleFixtures(dir: string): ConsoleFixtures {
  const pki = createTestPki(dir);
  const pfxPassword = 'console test password';
  return {
    pki,
    bob: issuePfx(pki, 'bob', 'Bob Example', pfxPassword),
    carol: issuePfx(pki, 'carol', 'Carol Example', pfxPassword),
    pfxPassword,
  };
}
