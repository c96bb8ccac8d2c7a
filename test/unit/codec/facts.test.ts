import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeCertificateDer } from '../../../main/services/certificates/codec';
import { makeTempDir } from '../../helpers/temp-dir';
import { issue, openssl, smallPki, type Issued } from './openssl-pki';

/** What openssl itself prints for a certificate, used as the oracle next to node:crypto. */
function opensslText(dir: string, cert: Issued): string {
  return openssl(dir, 'x509', '-in', cert.pemPath, '-noout', '-text').toString();
}

describe('decodeCertificateDer facts', () => {
  const work = makeTempDir('codec-facts-');
  let pki: ReturnType<typeof smallPki>;
  beforeAll(() => {
    pki = smallPki(work.path);
  });
  afterAll(() => work.cleanup());

  it('keeps a CN that contains ",OU=Admins" as one CN field (values come from the ASN.1, not a split string)', () => {
    const cert = issue(work.path, 'tricky', { subject: '/C=US/O=Example/CN=Mallory,OU=Admins' });
    const { facts, summary } = decodeCertificateDer(cert.der);
    expect(facts.subjectFields).toEqual([
      { type: 'C', oid: '2.5.4.6', value: 'US' },
      { type: 'O', oid: '2.5.4.10', value: 'Example' },
      { type: 'CN', oid: '2.5.4.3', value: 'Mallory,OU=Admins' },
    ]);
    expect(facts.subjectFields.some((f) => f.type === 'OU')).toBe(false);
    expect(summary.subject).toBe('CN=Mallory\\,OU\\=Admins, O=Example, C=US');
    expect(summary.displayName).toBe('Mallory,OU=Admins');
  });

  it('names subject attributes as IIS does, in certificate order, repeats included', () => {
    const cert = issue(work.path, 'names', {
      subject:
        '/DC=com/DC=example/C=DE/ST=Bayern/L=München/street=1 Main St/O=Example AG/OU=Ops/OU=Web/CN=Ünïcode Name/emailAddress=ops@example.com/UID=jdoe/serialNumber=A-42/title=Engineer/GN=Jane/SN=Doe',
    });
    const { facts, summary } = decodeCertificateDer(cert.der);
    expect(facts.subjectFields.map((f) => f.type)).toEqual(['DC', 'DC', 'C', 'S', 'L', 'STREET', 'O', 'OU', 'OU', 'CN', 'E', 'UID', 'serialNumber', 'T', 'GN', 'SN']);
    expect(facts.subjectFields.map((f) => f.value)).toEqual([
      'com', 'example', 'DE', 'Bayern', 'München', '1 Main St', 'Example AG', 'Ops', 'Web', 'Ünïcode Name', 'ops@example.com', 'jdoe', 'A-42', 'Engineer', 'Jane', 'Doe',
    ]);
    expect(summary.subject.startsWith('SN=Doe, GN=Jane, T=Engineer, serialNumber=A-42, UID=jdoe, E=ops@example.com, CN=Ünïcode Name, OU=Web, OU=Ops')).toBe(true);
    expect(summary.subject.endsWith('C=DE, DC=example, DC=com')).toBe(true);
    expect(summary.displayName).toBe('Ünïcode Name');
  });

  it('joins multi-valued RDNs with " + "', () => {
    const cert = issue(work.path, 'multi', { subject: '/O=Example/CN=Jane+UID=jane' });
    openssl(work.path, 'req', '-new', '-multivalue-rdn', '-key', cert.keyPath, '-subj', '/O=Example/CN=Jane+UID=jane', '-x509', '-days', '1', '-config', `${work.path}/multi.cnf`, '-out', 'multi2.pem');
    const der = new Uint8Array(new X509Certificate(openssl(work.path, 'x509', '-in', 'multi2.pem')).raw);
    const { summary, facts } = decodeCertificateDer(der);
    expect(facts.subjectFields.map((f) => f.type)).toEqual(['O', 'CN', 'UID']);
    expect(summary.subject).toBe('CN=Jane + UID=jane, O=Example');
  });

  it('reads every SAN type, UPN included', () => {
    const cert = issue(work.path, 'sans', {
      subject: '/CN=sans.example',
      extensions: 'subjectAltName=@alt',
      sections: [
        '[alt]',
        'DNS.1=sans.example',
        'DNS.2=*.sans.example',
        'IP.1=192.0.2.7',
        'IP.2=2001:db8::1',
        'email.1=jane@sans.example',
        'URI.1=https://sans.example/id/jane',
        'otherName.1=1.3.6.1.4.1.311.20.2.3;UTF8:jane@corp.sans.example',
        'dirName.1=dir',
        'RID.1=1.2.3.4.5',
        '[dir]',
        'O=Directory Org',
        'CN=Directory Jane',
      ].join('\n'),
    });
    expect(decodeCertificateDer(cert.der).facts.subjectAltNames).toEqual([
      { type: 'dns', value: 'sans.example' },
      { type: 'dns', value: '*.sans.example' },
      { type: 'ip', value: '192.0.2.7' },
      { type: 'ip', value: '2001:db8::1' },
      { type: 'email', value: 'jane@sans.example' },
      { type: 'uri', value: 'https://sans.example/id/jane' },
      { type: 'upn', value: 'jane@corp.sans.example' },
      { type: 'dn', value: 'CN=Directory Jane, O=Directory Org' },
      { type: 'other', value: 'registeredID=1.2.3.4.5' },
    ]);
    // node:crypto agrees on the ones it prints.
    const node = new X509Certificate(cert.der).subjectAltName ?? '';
    for (const text of ['DNS:sans.example', 'IP Address:192.0.2.7', 'email:jane@sans.example', 'URI:https://sans.example/id/jane']) expect(node).toContain(text);
  });

  it('reads key usage, EKU, basic constraints, key identifiers, CRL distribution points and policies', () => {
    const cert = issue(work.path, 'ext', {
      subject: '/CN=ext.example',
      issuer: pki.intermediate,
      key: 'rsa3072',
      extensions: [
        'basicConstraints=critical,CA:FALSE',
        'keyUsage=critical,digitalSignature,keyEncipherment,nonRepudiation',
        'extendedKeyUsage=clientAuth,serverAuth,1.3.6.1.4.1.311.20.2.2,1.2.3.99',
        'subjectKeyIdentifier=hash',
        'authorityKeyIdentifier=keyid',
        'crlDistributionPoints=URI:http://crl.example/issuing.crl,URI:ldap://ldap.example/cn=crl',
        'certificatePolicies=1.3.6.1.4.1.99999.1,2.23.140.1.2.1',
      ].join('\n'),
    });
    const { facts, summary } = decodeCertificateDer(cert.der);
    expect(facts.keyUsage).toEqual(['digitalSignature', 'nonRepudiation', 'keyEncipherment']);
    expect(facts.extendedKeyUsage).toEqual([
      { oid: '1.3.6.1.5.5.7.3.2', name: 'clientAuth' },
      { oid: '1.3.6.1.5.5.7.3.1', name: 'serverAuth' },
      { oid: '1.3.6.1.4.1.311.20.2.2', name: 'smartcardLogon' },
      { oid: '1.2.3.99', name: '1.2.3.99' },
    ]);
    expect(facts.basicConstraints).toEqual({ ca: false, pathLength: null });
    expect(facts.crlDistributionPoints).toEqual(['http://crl.example/issuing.crl', 'ldap://ldap.example/cn=crl']);
    expect(facts.policies).toEqual(['1.3.6.1.4.1.99999.1', '2.23.140.1.2.1']);
    const text = opensslText(work.path, cert);
    const ski = /Subject Key Identifier:\s*\n\s*([0-9A-F:]+)/.exec(text)![1]!.replace(/:/g, '').toLowerCase();
    expect(facts.subjectKeyIdentifier).toBe(ski);
    const issuerSki = decodeCertificateDer(pki.intermediate.der).facts.subjectKeyIdentifier;
    expect(facts.authorityKeyIdentifier).toBe(issuerSki);
    expect(facts.keySize).toBe(3072);
    expect(summary.keyAlgorithm).toBe('RSA 3072');
    expect(facts.signatureAlgorithm).toBe('sha256ECDSA'); // signed by the EC intermediate
    expect(summary.clientAuth && summary.serverAuth).toBe(true);
    expect(summary.isCA).toBe(false);
    expect(summary.selfSigned).toBe(false);
    expect(facts.version).toBe(3);
  });

  it('reads CA constraints with a path length', () => {
    const { facts, summary } = decodeCertificateDer(pki.intermediate.der);
    expect(facts.basicConstraints).toEqual({ ca: true, pathLength: 0 });
    expect(facts.keyUsage).toEqual(['keyCertSign', 'cRLSign']);
    expect(summary.isCA).toBe(true);
    expect(summary.selfSigned).toBe(false);
    expect(decodeCertificateDer(pki.root.der).summary).toMatchObject({ isCA: true, selfSigned: true });
  });

  it.each([
    ['ec', 'ECDSA P-256', 256, 'sha256ECDSA'],
    ['p384', 'ECDSA P-384', 384, 'sha256ECDSA'],
    ['rsa2048', 'RSA 2048', 2048, 'sha256RSA'],
    ['ed25519', 'Ed25519', 256, 'Ed25519'],
  ] as const)('describes a %s key as %s', (key, algorithm, size, signature) => {
    const cert = issue(work.path, `key-${key}`, { subject: `/CN=${key}.example`, key });
    const { facts, summary } = decodeCertificateDer(cert.der);
    expect(summary.keyAlgorithm).toBe(algorithm);
    expect(facts.keySize).toBe(size);
    expect(facts.signatureAlgorithm).toBe(signature);
  });

  it('agrees with node:crypto on serial, validity, subject and issuer, and computes the fingerprints of the DER', () => {
    const cert = issue(work.path, 'serial', { subject: '/O=Serial Org/CN=serial.example', issuer: pki.intermediate, serial: '0x00ab00cdef0123456789', days: 30 });
    const node = new X509Certificate(cert.der);
    const decoded = decodeCertificateDer(cert.der);
    expect(decoded.summary.serial).toBe(node.serialNumber.toUpperCase());
    expect(decoded.summary.serial).toBe('AB00CDEF0123456789');
    expect(decoded.summary.notBefore).toBe(new Date(node.validFrom).toISOString());
    expect(decoded.summary.notAfter).toBe(new Date(node.validTo).toISOString());
    expect(Date.parse(decoded.summary.notAfter) - Date.parse(decoded.summary.notBefore)).toBe(30 * 86_400_000);
    expect(decoded.summary.issuer).toBe('CN=Codec Issuing CA, O=Codec Test, C=US');
    expect(decoded.summary.subject).toBe('CN=serial.example, O=Serial Org');
    expect(decoded.sha256).toBe(cert.sha256);
    expect(decoded.sha1).toBe(node.fingerprint.replace(/:/g, '').toLowerCase());
  });

  it('shows the first SAN when there is no CN, and treats a certificate without EKU as usable for both', () => {
    const cert = issue(work.path, 'nocn', { subject: '/O=No CN Org', extensions: 'subjectAltName=DNS:no-cn.example' });
    const { summary } = decodeCertificateDer(cert.der);
    expect(summary.displayName).toBe('no-cn.example');
    expect(summary.clientAuth && summary.serverAuth).toBe(true);
    expect(summary.selfSigned).toBe(true);
    expect(summary.isCA).toBe(false);
  });

  it('sets clientAuth/serverAuth from the EKU', () => {
    expect(decodeCertificateDer(pki.client.der).summary).toMatchObject({ clientAuth: true, serverAuth: false });
    expect(decodeCertificateDer(pki.server.der).summary).toMatchObject({ clientAuth: false, serverAuth: true });
    expect(decodeCertificateDer(pki.client.der).facts.subjectAltNames).toContainEqual({ type: 'upn', value: 'alice@corp.codec.test' });
  });
});
