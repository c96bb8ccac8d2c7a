import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CA_EXTENSIONS, issue, openssl, type Issued } from '../codec/openssl-pki';

/** Real certificates for the decision tests, made with the openssl CLI (testing.md: no mocked certificates). */
export interface DecisionPki {
  root: Issued;
  intermediate: Issued;
  /** Many subject attributes, two OUs, every SAN kind, clientAuth + emailProtection, a policy, a fixed serial. */
  alice: Issued;
  /** Same subject and extensions as alice, another key: a reissued certificate. */
  aliceReissued: Issued;
  bob: Issued;
  /** CN "Mallory, OU=Admins": a DN string would show an OU=Admins that is not there. */
  forger: Issued;
  /** CN made of wildcard and regular-expression characters. */
  oddity: Issued;
  /** serverAuth only: refused 403.16 for client authentication. */
  serverOnly: Issued;
  /** Issued by a root no site trusts. */
  stranger: Issued;
  /** Listed on the intermediate's CRL. */
  revoked: Issued;
  /** DER CRLs of the root (empty) and of the intermediate (revoked listed). */
  crls: Uint8Array[];
}

const CLIENT = 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid';
const ALICE_SUBJECT = '/C=US/O=Corp/OU=Staff/OU=Sales/CN=Alice Example/emailAddress=alice@corp.test/DC=corp/UID=alice01/serialNumber=E-1001/title=Engineer/GN=Alice/SN=Example';
const ALICE_EXTENSIONS = [
  'basicConstraints=CA:FALSE',
  'keyUsage=critical,digitalSignature',
  'extendedKeyUsage=clientAuth,emailProtection',
  'subjectAltName=email:alice@corp.test,DNS:alice.corp.test,URI:https://id.corp.test/alice,IP:10.1.2.3,otherName:1.3.6.1.4.1.311.20.2.3;UTF8:alice@upn.corp.test',
  'certificatePolicies=1.3.6.1.4.1.99999.1.2',
  'subjectKeyIdentifier=hash',
  'authorityKeyIdentifier=keyid',
].join('\n');

/** A CRL signed by `ca` listing `revoked`, through `openssl ca` with a throw-away database. */
function makeCrl(dir: string, name: string, ca: Issued, revoked: Issued[]): Uint8Array {
  const base = join(dir, name);
  writeFileSync(`${base}.index`, '');
  writeFileSync(`${base}.crlnumber`, '01\n');
  writeFileSync(`${base}.cnf`, `[ca]\ndefault_ca=d\n[d]\ndatabase=${base}.index\ncrlnumber=${base}.crlnumber\ndefault_md=sha256\ndefault_crl_days=30\n`);
  const signer = ['-config', `${base}.cnf`, '-cert', ca.pemPath, '-keyfile', ca.keyPath];
  for (const cert of revoked) openssl(dir, 'ca', ...signer, '-revoke', cert.pemPath);
  openssl(dir, 'ca', ...signer, '-gencrl', '-out', `${base}.pem`);
  openssl(dir, 'crl', '-in', `${base}.pem`, '-outform', 'DER', '-out', `${base}.crl`);
  return new Uint8Array(readFileSync(`${base}.crl`));
}

/** Build the whole PKI in `dir` (about forty openssl runs). */
export function createDecisionPki(dir: string): DecisionPki {
  const root = issue(dir, 'root', { subject: '/C=US/O=Decision Test/CN=Decision Root', extensions: 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash' });
  const intermediate = issue(dir, 'intermediate', { subject: '/C=US/O=Decision Test/CN=Decision Issuing CA', extensions: CA_EXTENSIONS, issuer: root });
  const client = (name: string, subject: string, extensions = CLIENT, serial?: string) => issue(dir, name, { subject, extensions, issuer: intermediate, serial });
  const strangerRoot = issue(dir, 'stranger-root', { subject: '/C=US/O=Elsewhere/CN=Stranger Root', extensions: 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash' });
  const revoked = client('revoked', '/C=US/O=Corp/OU=Staff/CN=Revoked Person');
  return {
    root,
    intermediate,
    alice: client('alice', ALICE_SUBJECT, ALICE_EXTENSIONS, '0x0A1B2C3D4E'),
    aliceReissued: client('alice-reissued', ALICE_SUBJECT, ALICE_EXTENSIONS, '0x0A1B2C3D4F'),
    bob: client('bob', '/C=US/O=Corp/OU=Admins/CN=Bob Admin'),
    forger: client('forger', '/C=US/O=Corp/CN=Mallory, OU=Admins'),
    oddity: client('oddity', '/C=US/O=Corp/CN=a.b?c\\+(d)[e]^$|{x}'),
    serverOnly: client('server-only', '/C=US/O=Corp/CN=server.corp.test', CLIENT.replace('clientAuth', 'serverAuth')),
    stranger: issue(dir, 'stranger', { subject: '/C=US/O=Corp/OU=Staff/CN=Alice Example', extensions: CLIENT, issuer: strangerRoot }),
    revoked,
    crls: [makeCrl(dir, 'root-crl', root, []), makeCrl(dir, 'intermediate-crl', intermediate, [revoked])],
  };
}
