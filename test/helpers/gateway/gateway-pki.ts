import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** One certificate made for the gateway tests: its files, DER fingerprint and subject as OpenSSL prints it. */
export interface PkiCert {
  name: string;
  pemPath: string;
  keyPath: string;
  pem: string;
  der: Uint8Array;
  sha256: string;
}

/** The gateway tests' PKI: a root and issuing CA run by `openssl ca` (dates, revocation, CRLs), and every client kind a status code needs. */
export interface GatewayPki {
  dir: string;
  root: PkiCert;
  intermediate: PkiCert;
  /** Root of a hierarchy no site trusts, and a client it issued. */
  strangerRoot: PkiCert;
  stranger: PkiCert;
  /** server.test, a.test, b.test, *.sites.test, 127.0.0.1 and ::1; and a second one for certificate swaps. */
  server: PkiCert;
  server2: PkiCert;
  /** PKCS#12 files (server certificate + key + chain) for import into the certificate store. */
  serverPfxPath: string;
  server2PfxPath: string;
  alice: PkiCert;
  /** alice as PKCS#12 with key and chain, for curl --cert-type P12. */
  alicePfxPath: string;
  bob: PkiCert;
  carol: PkiCert;
  /** OU=Blocked: a deny mapping matches it. */
  blocked: PkiCert;
  expired: PkiCert;
  revoked: PkiCert;
  /** serverAuth only: not for client authentication. */
  serverOnly: PkiCert;
  /** PEM CRL files: the root's (empty) and the intermediate's (revoked listed). */
  crlPaths: string[];
  password: string;
}

const CA_EXT = 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid';
const CLIENT_EXT = 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid';
const SERVER_EXT = 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:server.test,DNS:a.test,DNS:b.test,DNS:*.sites.test,IP:127.0.0.1,IP:::1';
const DAY = 86_400_000;
const run = promisify(execFile);

const openssl = (dir: string, ...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
const opensslTime = (offsetMs: number) => `${new Date(Date.now() + offsetMs).toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;

function load(name: string, pemPath: string, keyPath: string): PkiCert {
  const pem = readFileSync(pemPath, 'utf8');
  const body = pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
  const der = new Uint8Array(Buffer.from(body, 'base64'));
  return { name, pemPath, keyPath, pem, der, sha256: createHash('sha256').update(der).digest('hex') };
}

/** A CA driven by `openssl ca`, so certificates can have any dates and be revoked. */
class Ca {
  private readonly config: string;

  constructor(
    private readonly dir: string,
    readonly cert: PkiCert,
  ) {
    const db = join(dir, `${cert.name}-db`);
    mkdirSync(db, { recursive: true });
    writeFileSync(join(db, 'index.txt'), '');
    writeFileSync(join(db, 'serial'), '1000\n');
    writeFileSync(join(db, 'crlnumber'), '01\n');
    this.config = join(db, 'ca.cnf');
    writeFileSync(this.config, [
      '[ca]', 'default_ca = d', '[d]',
      `database = ${join(db, 'index.txt')}`, `new_certs_dir = ${db}`, `serial = ${join(db, 'serial')}`, `crlnumber = ${join(db, 'crlnumber')}`,
      `certificate = ${cert.pemPath}`, `private_key = ${cert.keyPath}`,
      'default_md = sha256', 'default_crl_days = 30', 'policy = p', 'unique_subject = no', 'preserve = yes',
      '[p]', 'commonName = supplied', 'organizationName = optional', 'organizationalUnitName = optional', 'countryName = optional',
      '[crl_ext]', 'authorityKeyIdentifier = keyid', '',
    ].join('\n'));
  }

  static root(dir: string, name: string, subject: string): Ca {
    const keyPath = genKey(dir, name);
    const cnf = join(dir, `${name}.cnf`);
    writeFileSync(cnf, '[req]\ndistinguished_name=dn\n[dn]\n[ext]\nbasicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\n');
    const pemPath = join(dir, `${name}.pem`);
    openssl(dir, 'req', '-x509', '-new', '-key', keyPath, '-subj', subject, '-days', '3650', '-config', cnf, '-extensions', 'ext', '-out', pemPath);
    return new Ca(dir, load(name, pemPath, keyPath));
  }

  issue(name: string, subject: string, extensions: string, from = -3_600_000, to = 365 * DAY): PkiCert {
    const keyPath = genKey(this.dir, name);
    const csr = join(this.dir, `${name}.csr`);
    const ext = join(this.dir, `${name}.ext`);
    const pemPath = join(this.dir, `${name}.pem`);
    writeFileSync(ext, `[req]\ndistinguished_name=dn\n[dn]\n[ext]\n${extensions}\n`);
    openssl(this.dir, 'req', '-new', '-key', keyPath, '-subj', subject, '-config', ext, '-out', csr);
    openssl(this.dir, 'ca', '-batch', '-notext', '-config', this.config, '-in', csr, '-out', pemPath, '-extfile', ext, '-extensions', 'ext', '-startdate', opensslTime(from), '-enddate', opensslTime(to));
    return load(name, pemPath, keyPath);
  }

  revoke(cert: PkiCert): void {
    openssl(this.dir, 'ca', '-config', this.config, '-revoke', cert.pemPath, '-crl_reason', 'keyCompromise');
  }

  crl(): string {
    const path = join(this.dir, `${this.cert.name}.crl.pem`);
    openssl(this.dir, 'ca', '-config', this.config, '-gencrl', '-crlexts', 'crl_ext', '-out', path);
    return path;
  }
}

function genKey(dir: string, name: string): string {
  const keyPath = join(dir, `${name}.key`);
  openssl(dir, 'genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', keyPath);
  return keyPath;
}

function pfx(dir: string, cert: PkiCert, chain: PkiCert[], password: string): string {
  const chainPath = join(dir, `${cert.name}-chain.pem`);
  writeFileSync(chainPath, chain.map((c) => c.pem).join(''));
  const out = join(dir, `${cert.name}.pfx`);
  openssl(dir, 'pkcs12', '-export', '-in', cert.pemPath, '-inkey', cert.keyPath, '-certfile', chainPath, '-passout', `pass:${password}`, '-out', out);
  return out;
}

/** Build the PKI in `dir` with the openssl CLI (about forty runs). */
export function createGatewayPki(dir: string): GatewayPki {
  mkdirSync(dir, { recursive: true });
  const password = 'gateway test';
  const root = Ca.root(dir, 'root', '/C=US/O=Gateway Test/CN=Gateway Test Root');
  const intermediate = new Ca(dir, root.issue('intermediate', '/C=US/O=Gateway Test/CN=Gateway Issuing CA', CA_EXT));
  const stranger = Ca.root(dir, 'stranger-root', '/C=US/O=Elsewhere/CN=Stranger Root');
  const client = (name: string, subject: string, from?: number, to?: number) => intermediate.issue(name, subject, CLIENT_EXT, from, to);
  const server = intermediate.issue('server', '/C=US/O=Gateway Test/CN=server.test', SERVER_EXT);
  const server2 = intermediate.issue('server2', '/C=US/O=Gateway Test/CN=server.test (renewed)', SERVER_EXT);
  const alice = client('alice', '/C=US/O=Corp/OU=Staff/CN=Alice Example');
  const revoked = client('revoked', '/C=US/O=Corp/OU=Staff/CN=Revoked Person');
  intermediate.revoke(revoked);
  return {
    dir,
    root: root.cert,
    intermediate: intermediate.cert,
    strangerRoot: stranger.cert,
    stranger: stranger.issue('stranger', '/C=US/O=Corp/OU=Staff/CN=Alice Example', CLIENT_EXT),
    server,
    server2,
    serverPfxPath: pfx(dir, server, [intermediate.cert, root.cert], password),
    server2PfxPath: pfx(dir, server2, [intermediate.cert, root.cert], password),
    alice,
    alicePfxPath: pfx(dir, alice, [intermediate.cert], password),
    bob: client('bob', '/C=US/O=Corp/OU=Admins/CN=Bob Admin'),
    carol: client('carol', '/C=US/O=Corp/OU=Staff/CN=Carol Unmapped'),
    blocked: client('blocked', '/C=US/O=Corp/OU=Blocked/CN=Mallory Blocked'),
    expired: client('expired', '/C=US/O=Corp/OU=Staff/CN=Old Timer', -10 * DAY, -DAY),
    revoked,
    serverOnly: intermediate.issue('server-only', '/C=US/O=Corp/CN=not-a-client.test', CLIENT_EXT.replace('clientAuth', 'serverAuth')),
    crlPaths: [root.crl(), intermediate.crl()],
    password,
  };
}

/**
 * `count` more client certificates from the issuing CA, one shared key (each certificate is still a
 * different DER, so a different identity), made in parallel through `openssl x509 -req`.
 */
export async function issueClients(pki: GatewayPki, prefix: string, count: number): Promise<PkiCert[]> {
  const keyPath = genKey(pki.dir, `${prefix}-shared`);
  const ext = join(pki.dir, `${prefix}.ext`);
  writeFileSync(ext, `[req]\ndistinguished_name=dn\n[dn]\n[ext]\n${CLIENT_EXT}\n`);
  const one = async (n: number): Promise<PkiCert> => {
    const name = `${prefix}-${String(n).padStart(2, '0')}`;
    const csr = join(pki.dir, `${name}.csr`);
    const pemPath = join(pki.dir, `${name}.pem`);
    await run('openssl', ['req', '-new', '-key', keyPath, '-subj', `/C=US/O=Corp/OU=Load/CN=${name}`, '-config', ext, '-out', csr], { cwd: pki.dir });
    await run('openssl', ['x509', '-req', '-in', csr, '-CA', pki.intermediate.pemPath, '-CAkey', pki.intermediate.keyPath, '-set_serial', String(5000 + n), '-days', '30', '-sha256', '-extfile', ext, '-extensions', 'ext', '-out', pemPath], { cwd: pki.dir });
    return load(name, pemPath, keyPath);
  };
  const certs: PkiCert[] = [];
  // A few at a time: two cores, and each openssl run is a process.
  for (let start = 0; start < count; start += 8) {
    certs.push(...(await Promise.all(Array.from({ length: Math.min(8, count - start) }, (_, i) => one(start + i + 1)))));
  }
  return certs;
}
