import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Real certificates made at test time with the openssl CLI: the tests compare against what openssl was told. */

export type KeyType = 'ec' | 'p384' | 'rsa2048' | 'rsa3072' | 'ed25519';

export interface Issued {
  name: string;
  pemPath: string;
  derPath: string;
  keyPath: string;
  pem: string;
  der: Uint8Array;
  sha256: string;
}

export interface IssueOptions {
  subject: string;
  /** Lines of an openssl extension section (basicConstraints=..., subjectAltName=...). */
  extensions?: string;
  /** Extra config sections, e.g. a dirName section the SAN refers to. */
  sections?: string;
  issuer?: Issued;
  key?: KeyType;
  days?: number;
  serial?: string;
}

export function openssl(dir: string, ...args: string[]): Buffer {
  return execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
}

const KEY_ARGS: Record<KeyType, string[]> = {
  ec: ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'],
  p384: ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-384'],
  rsa2048: ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048'],
  rsa3072: ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:3072'],
  ed25519: ['-algorithm', 'ED25519'],
};

export const sha256Hex = (der: Uint8Array) => createHash('sha256').update(der).digest('hex');

/** Issue a certificate (self-signed when no issuer) with exactly the given subject and extensions. */
export function issue(dir: string, name: string, options: IssueOptions): Issued {
  const keyPath = join(dir, `${name}.key`);
  const csrPath = join(dir, `${name}.csr`);
  const pemPath = join(dir, `${name}.pem`);
  const derPath = join(dir, `${name}.cer`);
  const configPath = join(dir, `${name}.cnf`);
  const key = options.key ?? 'ec';
  writeFileSync(configPath, `[req]\ndistinguished_name=dn\n[dn]\n[ext]\n${options.extensions ?? 'basicConstraints=CA:FALSE'}\n${options.sections ?? ''}\n`);
  openssl(dir, 'genpkey', ...KEY_ARGS[key], '-out', keyPath);
  openssl(dir, 'req', '-new', '-utf8', '-key', keyPath, '-subj', options.subject, '-config', configPath, '-out', csrPath);
  const digest = key === 'ed25519' ? [] : ['-sha256'];
  const signer = options.issuer ? ['-CA', options.issuer.pemPath, '-CAkey', options.issuer.keyPath] : ['-signkey', keyPath];
  const serial = options.serial ? ['-set_serial', options.serial] : options.issuer ? ['-CAcreateserial'] : [];
  openssl(dir, 'x509', '-req', '-in', csrPath, ...signer, ...serial, ...digest, '-days', String(options.days ?? 365), '-extfile', configPath, '-extensions', 'ext', '-out', pemPath);
  openssl(dir, 'x509', '-in', pemPath, '-outform', 'DER', '-out', derPath);
  const der = new Uint8Array(readFileSync(derPath));
  return { name, pemPath, derPath, keyPath, pem: readFileSync(pemPath, 'utf8'), der, sha256: sha256Hex(der) };
}

export const CA_EXTENSIONS = 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid';

/** Root -> intermediate -> server / client, EC P-256, as the product's tests use them. */
export function smallPki(dir: string) {
  const root = issue(dir, 'root', { subject: '/C=US/O=Codec Test/CN=Codec Root', extensions: 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash' });
  const intermediate = issue(dir, 'intermediate', { subject: '/C=US/O=Codec Test/CN=Codec Issuing CA', extensions: CA_EXTENSIONS.replace('CA:TRUE', 'CA:TRUE,pathlen:0'), issuer: root });
  const server = issue(dir, 'server', {
    subject: '/C=US/O=Codec Test/CN=server.codec.test',
    extensions: 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:server.codec.test\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid',
    issuer: intermediate,
  });
  const client = issue(dir, 'client', {
    subject: '/C=US/O=Codec Test/OU=Staff/CN=Alice Example',
    extensions: 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth\nsubjectAltName=email:alice@codec.test,otherName:1.3.6.1.4.1.311.20.2.3;UTF8:alice@corp.codec.test\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid',
    issuer: intermediate,
  });
  return { root, intermediate, server, client };
}
