import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256OfPem } from './test-pki';

const DAY_MS = 86_400_000;

/** A certificate made by `openssl ca` with exact validity dates, and its key. */
export interface DatedCertificate {
  name: string;
  pemPath: string;
  keyPath: string;
  /** Certificate then private key in one PEM file: what `cert import` takes to store both. */
  withKeyPath: string;
  sha256: string;
  /** Hex, upper case, as openssl prints it. */
  serial: string;
  subject: string;
  notAfter: Date;
}

export type DatedProfile = 'ca' | 'server' | 'client';

/** One authority that issues certificates valid between dates of the test's choosing (already expired ones too). */
export interface DatedPki {
  ca: DatedCertificate;
  issue(name: string, options: { commonName: string; profile: Exclude<DatedProfile, 'ca'>; notBefore?: Date; notAfter: Date }): DatedCertificate;
  /** A CRL of the authority with this next update (in the past: a stale CRL). */
  crl(name: string, nextUpdate: Date): string;
}

const openssl = (args: string[], cwd: string) => execFileSync('openssl', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });

/** openssl's GeneralizedTime form: 20270101120000Z. */
const asn1Time = (date: Date) => `${date.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;

/** In `days` days from now (negative: in the past), to the second. */
export const daysFromNow = (days: number): Date => new Date(Math.floor((Date.now() + days * DAY_MS) / 1000) * 1000);

const CONFIG = (dir: string) => `[ca]
default_ca = test
[test]
dir = ${dir}
database = ${dir}/index.txt
new_certs_dir = ${dir}/issued
serial = ${dir}/serial
crlnumber = ${dir}/crlnumber
default_md = sha256
default_crl_days = 7
policy = anything
unique_subject = no
email_in_dn = no
[anything]
commonName = supplied
organizationName = optional
countryName = optional
[ext_ca]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[ext_server]
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:server.test,IP:127.0.0.1
authorityKeyIdentifier = keyid
[ext_client]
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = clientAuth
authorityKeyIdentifier = keyid
`;

/**
 * A real authority made with `openssl ca`, whose certificates carry exact notBefore/notAfter dates,
 * so tests can have certificates expiring in 5, 40 or 400 days, or expired last week, and CRLs whose
 * next update is near or past.
 */
export function createDatedPki(dir: string, options: { caNotAfter?: Date; caName?: string } = {}): DatedPki {
  mkdirSync(join(dir, 'issued'), { recursive: true });
  writeFileSync(join(dir, 'index.txt'), '');
  writeFileSync(join(dir, 'serial'), `${Date.now().toString(16).padStart(16, '0').toUpperCase()}\n`);
  writeFileSync(join(dir, 'crlnumber'), '01\n');
  const config = join(dir, 'ca.cnf');
  writeFileSync(config, CONFIG(dir));

  const make = (name: string, subject: string, profile: DatedProfile, notBefore: Date, notAfter: Date): DatedCertificate => {
    const keyPath = join(dir, `${name}.key`);
    const csr = join(dir, `${name}.csr`);
    const pemPath = join(dir, `${name}.pem`);
    openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', keyPath], dir);
    openssl(['req', '-new', '-key', keyPath, '-subj', subject, '-out', csr], dir);
    const signer = profile === 'ca' ? ['-selfsign', '-keyfile', keyPath] : ['-cert', join(dir, 'ca.pem'), '-keyfile', join(dir, 'ca.key')];
    openssl(['ca', '-config', config, ...signer, '-in', csr, '-startdate', asn1Time(notBefore), '-enddate', asn1Time(notAfter), '-extensions', `ext_${profile}`, '-batch', '-notext', '-out', pemPath], dir);
    const pem = readFileSync(pemPath, 'utf8');
    const withKeyPath = join(dir, `${name}-with-key.pem`);
    writeFileSync(withKeyPath, pem + readFileSync(keyPath, 'utf8'));
    const parsed = new X509Certificate(pem);
    return { name, pemPath, keyPath, withKeyPath, sha256: sha256OfPem(pem), serial: parsed.serialNumber.toUpperCase(), subject, notAfter };
  };

  const ca = make('ca', `/O=CertMapper Test/CN=${options.caName ?? 'Dated Test CA'}`, 'ca', daysFromNow(-30), options.caNotAfter ?? daysFromNow(3650));
  return {
    ca,
    issue: (name, { commonName, profile, notBefore, notAfter }) => make(name, `/O=CertMapper Test/CN=${commonName}`, profile, notBefore ?? new Date(Math.min(daysFromNow(-1).getTime(), notAfter.getTime() - DAY_MS)), notAfter),
    crl: (name, nextUpdate) => {
      const path = join(dir, `${name}.crl.pem`);
      const lastUpdate = new Date(Math.min(Date.now(), nextUpdate.getTime()) - 7 * DAY_MS);
      openssl(['ca', '-config', config, '-gencrl', '-cert', join(dir, 'ca.pem'), '-keyfile', join(dir, 'ca.key'), '-crl_lastupdate', asn1Time(lastUpdate), '-crl_nextupdate', asn1Time(nextUpdate), '-out', path], dir);
      return path;
    },
  };
}
