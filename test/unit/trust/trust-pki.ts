import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Real PKIs for the trust tests, made at test time with the openssl CLI (`openssl ca` for dates, revocation and CRLs). */

export type KeyKind = 'ec' | 'rsa' | 'ed25519';

export interface Cert {
  name: string;
  pemPath: string;
  keyPath: string;
  der: Uint8Array;
}

export interface IssueOptions {
  subject: string;
  /** Lines of an openssl extension section. */
  extensions: string;
  key?: KeyKind;
  /** openssl times (YYYYMMDDHHMMSSZ); default: from an hour ago for a year. */
  startDate?: string;
  endDate?: string;
  /** Extra -sigopt values for the issuer's signature (RSA-PSS). */
  sigopts?: string[];
}

const KEY_ARGS: Record<KeyKind, string[]> = {
  ec: ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'],
  rsa: ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048'],
  ed25519: ['-algorithm', 'ED25519'],
};

export const CA_EXT = 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid';
export const CLIENT_EXT = 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid';

/** An openssl time string `offsetMs` from now. */
export function opensslTime(offsetMs: number): string {
  return `${new Date(Date.now() + offsetMs).toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
}

const DAY = 86_400_000;

/** A certificate authority directory driven by `openssl ca`: issue, revoke, publish CRLs. */
export class TestCa {
  readonly cert: Cert;
  private readonly caDir: string;
  private readonly configPath: string;

  private constructor(
    private readonly dir: string,
    cert: Cert,
  ) {
    this.cert = cert;
    this.caDir = join(dir, `${cert.name}-db`);
    mkdirSync(join(this.caDir, 'new'), { recursive: true });
    writeFileSync(join(this.caDir, 'index.txt'), '');
    writeFileSync(join(this.caDir, 'serial'), '1000\n');
    writeFileSync(join(this.caDir, 'crlnumber'), '01\n');
    this.configPath = join(this.caDir, 'ca.cnf');
    writeFileSync(
      this.configPath,
      [
        '[ca]',
        'default_ca = ca_section',
        '[ca_section]',
        `database = ${join(this.caDir, 'index.txt')}`,
        `new_certs_dir = ${join(this.caDir, 'new')}`,
        `serial = ${join(this.caDir, 'serial')}`,
        `crlnumber = ${join(this.caDir, 'crlnumber')}`,
        `certificate = ${cert.pemPath}`,
        `private_key = ${cert.keyPath}`,
        'default_md = sha256',
        'default_crl_days = 30',
        'policy = policy_any',
        'unique_subject = no',
        'email_in_dn = yes',
        '[policy_any]',
        'commonName = supplied',
        'organizationName = optional',
        'organizationalUnitName = optional',
        'countryName = optional',
        'emailAddress = optional',
        '[crl_ext]',
        'authorityKeyIdentifier = keyid',
        '',
      ].join('\n'),
    );
  }

  /** A self-signed root CA. */
  static root(dir: string, name: string, subject: string, key: KeyKind = 'ec'): TestCa {
    const keyPath = genKey(dir, name, key);
    const cnf = join(dir, `${name}.cnf`);
    writeFileSync(cnf, `[req]\ndistinguished_name=dn\n[dn]\n[ext]\nbasicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\n`);
    const pemPath = join(dir, `${name}.pem`);
    openssl(dir, 'req', '-x509', '-new', '-key', keyPath, '-subj', subject, '-days', '3650', '-config', cnf, '-extensions', 'ext', '-out', pemPath);
    return new TestCa(dir, load(name, pemPath, keyPath));
  }

  /** Issue a certificate with exactly the given subject, extensions and validity dates (`openssl ca`). */
  issue(name: string, options: IssueOptions): Cert {
    const keyPath = genKey(this.dir, name, options.key ?? 'ec');
    const csr = join(this.dir, `${name}.csr`);
    const ext = join(this.dir, `${name}.ext`);
    const pemPath = join(this.dir, `${name}.pem`);
    writeFileSync(join(this.dir, `${name}.req.cnf`), '[req]\ndistinguished_name=dn\n[dn]\n');
    writeFileSync(ext, `[ext]\n${options.extensions}\n`);
    openssl(this.dir, 'req', '-new', '-key', keyPath, '-subj', options.subject, '-config', join(this.dir, `${name}.req.cnf`), '-out', csr);
    const dates = ['-startdate', options.startDate ?? opensslTime(-3_600_000), '-enddate', options.endDate ?? opensslTime(365 * DAY)];
    const sigopts = (options.sigopts ?? []).flatMap((o) => ['-sigopt', o]);
    openssl(this.dir, 'ca', '-batch', '-notext', '-config', this.configPath, '-in', csr, '-out', pemPath, '-extfile', ext, '-extensions', 'ext', ...dates, ...sigopts);
    return load(name, pemPath, keyPath);
  }

  /** Issue a subordinate CA that can itself issue, revoke and publish. */
  subordinate(name: string, subject: string, extraExtensions = ''): TestCa {
    const cert = this.issue(name, { subject, extensions: `${CA_EXT}\n${extraExtensions}` });
    return new TestCa(this.dir, cert);
  }

  /** Revoke a certificate this CA issued (`openssl ca -revoke`). */
  revoke(cert: Cert): void {
    openssl(this.dir, 'ca', '-config', this.configPath, '-revoke', cert.pemPath, '-crl_reason', 'keyCompromise');
  }

  /** Mark many serials (hex) revoked straight in the CA database, as a busy CA's would look. */
  revokeSerials(serials: Iterable<string>): void {
    const expiry = opensslTime(365 * DAY).slice(2);
    const revoked = opensslTime(-DAY).slice(2);
    let lines = '';
    for (const serial of serials) lines += `R\t${expiry}\t${revoked}\t${serial}\tunknown\t/CN=bulk ${serial}\n`;
    appendFileSync(join(this.caDir, 'index.txt'), lines);
  }

  /** Publish a CRL (`openssl ca -gencrl`) and return its DER. */
  crl(name = `${this.cert.name}-crl`): Uint8Array {
    const pem = join(this.dir, `${name}.pem`);
    const der = join(this.dir, `${name}.crl`);
    openssl(this.dir, 'ca', '-config', this.configPath, '-gencrl', '-crlexts', 'crl_ext', '-out', pem);
    openssl(this.dir, 'crl', '-in', pem, '-outform', 'DER', '-out', der);
    return new Uint8Array(readFileSync(der));
  }
}

/** Issue a certificate signed by any certificate and key (also by one that is not a CA), via `openssl x509 -req`. */
export function signWith(dir: string, issuer: Cert, name: string, subject: string, extensions: string): Cert {
  const keyPath = genKey(dir, name, 'ec');
  const csr = join(dir, `${name}.csr`);
  const ext = join(dir, `${name}.ext`);
  const pemPath = join(dir, `${name}.pem`);
  writeFileSync(join(dir, `${name}.req.cnf`), '[req]\ndistinguished_name=dn\n[dn]\n');
  writeFileSync(ext, `[ext]\n${extensions}\n`);
  openssl(dir, 'req', '-new', '-key', keyPath, '-subj', subject, '-config', join(dir, `${name}.req.cnf`), '-out', csr);
  openssl(dir, 'x509', '-req', '-in', csr, '-CA', issuer.pemPath, '-CAkey', issuer.keyPath, '-set_serial', '4242', '-days', '30', '-sha256', '-extfile', ext, '-extensions', 'ext', '-out', pemPath);
  return load(name, pemPath, keyPath);
}

/** A copy of the DER with one octet of the signature value flipped. */
export function withBadSignature(der: Uint8Array): Uint8Array {
  const copy = new Uint8Array(der);
  copy[copy.length - 3] = copy[copy.length - 3]! ^ 0x01;
  return copy;
}

/** Write DER bytes to a file (for the CLI tests). */
export function writeDer(dir: string, name: string, der: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, der);
  return path;
}

function openssl(dir: string, ...args: string[]): Buffer {
  return execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
}

function genKey(dir: string, name: string, kind: KeyKind): string {
  const keyPath = join(dir, `${name}.key`);
  openssl(dir, 'genpkey', ...KEY_ARGS[kind], '-out', keyPath);
  return keyPath;
}

function load(name: string, pemPath: string, keyPath: string): Cert {
  const pem = readFileSync(pemPath, 'utf8');
  const body = pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
  return { name, pemPath, keyPath, der: new Uint8Array(Buffer.from(body, 'base64')) };
}
