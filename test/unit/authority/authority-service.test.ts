import { X509Certificate } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../../../shared/errors';
import type { Services } from '../../../main/services/create-services';
import { decodeContainer } from '../../../main/services/certificates/codec';
import { authorityKeyId } from '../../../main/services/authority/authority-document';
import { generateKeyPair } from '../../../main/services/keys/key-generation';
import { compileTrustContext } from '../../../main/services/trust/trust-context';
import { verify } from '../../../main/services/trust/verify';
import { memoryServices } from '../../helpers/memory-services';

// The authority over the in-memory ports with real crypto: what it stores where, what it issues,
// and how revocation reaches the store's CRLs (what the gateway's snapshot is compiled from).

const CRL_URL = 'http://127.0.0.1:18081/crl/lab.crl';
const HOUR = 3_600_000;

/** A clock the test moves. */
function movableClock(start = new Date('2026-03-01T12:00:00Z')) {
  let now = start.getTime();
  return { now: () => new Date(now), advance: (ms: number) => (now += ms) };
}

async function expectDomainError(promise: Promise<unknown> | (() => unknown), code: string, text?: RegExp) {
  let caught: unknown;
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(DomainError);
  expect((caught as DomainError).code).toBe(code);
  if (text) expect((caught as DomainError).message).toMatch(text);
}

/** The decision the gateway's trust step makes for `leaf` with the store's roots, intermediates and CRLs. */
function verdict(services: Services, leaf: Uint8Array, at: Date) {
  const stored = services.certificates.list();
  const der = (store: string) => stored.filter((c) => c.store === store).map((c) => new Uint8Array(Buffer.from(services.certificates.get(c.sha256).pem.replace(/-----[^-]+-----|\s/g, ''), 'base64')));
  const crls = Object.values(services.snapshotSources().certificates.crls).map((crl) => new Uint8Array(Buffer.from(crl.der, 'base64')));
  const context = compileTrustContext({ anchors: der('root'), intermediates: der('intermediate'), crls });
  return verify(context, leaf, [], { at, purpose: 'client', revocation: 'strict' });
}

describe('the local authority', () => {
  let clock: ReturnType<typeof movableClock>;
  let services: Services;

  beforeEach(() => {
    clock = movableClock();
    services = memoryServices(clock);
    services.accounts.upsert({ name: 'alice', groups: ['staff'], description: '', email: 'alice@example.org', upn: 'alice@corp.example' });
  });

  it('keeps its keys in the vault only, its CA certificates in the stores and a signed CRL per CA among the store CRLs', async () => {
    const info = await services.authority.init({ intermediate: true, crlUrl: CRL_URL });
    expect(info.intermediate?.crlUrl).toBe(CRL_URL);
    expect(info.root.crlUrl).toBe('http://127.0.0.1:18081/crl/lab-root.crl');
    expect(info.issuingSha256).toBe(info.intermediate?.sha256);
    expect(services.certificates.get(info.root.sha256)).toMatchObject({ store: 'root', isCA: true, selfSigned: true, hasPrivateKey: false });
    expect(services.certificates.get(info.intermediate!.sha256)).toMatchObject({ store: 'intermediate', isCA: true });
    const vault = services.snapshotSources().vault;
    const rootKey = vault.get(authorityKeyId(info.id, 'root'));
    expect(rootKey?.length).toBeGreaterThan(100);
    expect(vault.has(authorityKeyId(info.id, 'intermediate'))).toBe(true);
    // authority.json holds no private key material.
    const documentText = JSON.stringify((services.authority as unknown as { store: { read(): unknown } }).store.read());
    expect(documentText).not.toContain(Buffer.from(rootKey!).toString('base64').slice(0, 40));
    const crls = services.certificates.listCrls();
    expect(crls.map((c) => c.issuer).sort()).toEqual([info.root.subject, info.intermediate!.subject].sort());
    expect(crls.map((c) => c.revokedCount)).toEqual([0, 0]);
  });

  it('refuses a second authority and leaves the first untouched', async () => {
    const first = await services.authority.init({ crlUrl: CRL_URL });
    await expectDomainError(services.authority.init({ name: 'Other' }), 'CONFLICT', /already has a local authority/);
    expect(services.authority.info()?.root.sha256).toBe(first.root.sha256);
  });

  it('refuses a CRL URL that is not plain http or does not name a .crl file', async () => {
    await expectDomainError(services.authority.init({ crlUrl: 'https://pki.example/crl/lab.crl' }), 'INVALID_INPUT', /http:\/\//);
    await expectDomainError(services.authority.init({ crlUrl: 'http://pki.example/crl/' }), 'INVALID_INPUT', /\.crl/);
    expect(services.authority.info()).toBeNull();
  });

  it('issues a client certificate for an account in one action: PKCS#12, clientAuth, email and UPN, CDP, mapping and trust', async () => {
    const info = await services.authority.init({ intermediate: true, crlUrl: CRL_URL });
    services.sites.add({ name: 'Lab', bindings: [{ protocol: 'http', address: '127.0.0.1', port: 0, host: null, certificateSha256: null }], content: { kind: 'static', directory: '/tmp' } });
    const issued = await services.authority.issueClientCertificate({ account: 'alice', subject: 'CN=Alice Smith, O=Lab', password: 'correct horse', mapSite: 'Lab' });

    const certificate = new X509Certificate(Buffer.from(issued.der));
    expect(certificate.subject).toBe('O=Lab\nCN=Alice Smith'); // node prints DER order: O first, as RFC 4514 implies
    expect(issued.certificate.subject).toBe('CN=Alice Smith, O=Lab');
    expect(certificate.keyUsage).toEqual(['1.3.6.1.5.5.7.3.2']);
    expect(certificate.subjectAltName).toBe('email:alice@example.org, othername:UPN:alice@corp.example');
    expect(certificate.ca).toBe(false);
    expect(new x509.X509Certificate(new Uint8Array(issued.der)).getExtension(x509.CRLDistributionPointsExtension)?.distributionPoints[0]?.distributionPoint?.fullName?.[0]?.uniformResourceIdentifier).toBe(CRL_URL);

    const opened = decodeContainer(issued.pfx, { password: 'correct horse' });
    expect(opened.certificates.map((c) => c.sha256)).toEqual([issued.certificate.sha256, info.intermediate!.sha256]);
    expect(opened.privateKeys[0]?.certificateSha256).toBe(issued.certificate.sha256);
    await expectDomainError(() => decodeContainer(issued.pfx, { password: 'wrong' }), 'WRONG_PASSWORD');

    expect(issued.mapping?.site).toBe('Lab');
    const site = services.sites.get('Lab');
    expect(site.oneToOne).toMatchObject([{ certificateSha256: issued.certificate.sha256, account: 'alice', enabled: true }]);
    expect([...site.trustedIssuers].sort()).toEqual([info.root.sha256, info.intermediate!.sha256].sort());
    expect(issued.trustedIssuersAdded).toHaveLength(2);
    expect(services.certificates.get(issued.certificate.sha256).store).toBe('client');
    // No copy of the client's key anywhere in the product.
    expect(services.certificates.get(issued.certificate.sha256).hasPrivateKey).toBe(false);

    expect(verdict(services, issued.der, clock.now()).code).toBe('ok');
    expect(services.authority.issued()).toMatchObject([{ sha256: issued.certificate.sha256, account: 'alice', status: 'valid', profile: 'client' }, { profile: 'ca' }]);
  });

  it('checks the account, the site and the subject before issuing anything', async () => {
    await services.authority.init({ crlUrl: CRL_URL });
    await expectDomainError(services.authority.issueClientCertificate({ account: 'bob', password: 'p' }), 'NOT_FOUND', /No account named "bob"/);
    await expectDomainError(services.authority.issueClientCertificate({ account: 'alice', password: 'p', mapSite: 'Nowhere' }), 'NOT_FOUND');
    await expectDomainError(services.authority.issueClientCertificate({ account: 'alice', password: 'p', subject: 'garbage' }), 'INVALID_INPUT', /"garbage" is not TYPE=value/);
    await expectDomainError(services.authority.issueClientCertificate({ account: 'alice', password: 'p', subject: 'CN=a, XYZ=b' }), 'INVALID_INPUT', /unknown attribute type "XYZ"/);
    await expectDomainError(services.authority.issueClientCertificate({ account: 'alice', password: 'p', days: 5000 }), 'INVALID_INPUT', /outlive the issuing CA/);
    expect(services.authority.issued()).toEqual([]);
  });

  it('revokes with a reason: the CRL is reissued with the next number, replaces the old one in the store, and the trust engine says revoked', async () => {
    await services.authority.init({ crlUrl: CRL_URL });
    const issued = await services.authority.issueClientCertificate({ account: 'alice', password: 'p' });
    const before = services.certificates.listCrls();
    expect(before).toHaveLength(1);

    clock.advance(60_000);
    const result = services.authority.revoke(issued.certificate.sha256, 'keyCompromise');
    expect(result.certificate).toMatchObject({ status: 'revoked', reason: 'keyCompromise' });
    expect(result.crl.number).toBe(2);
    const after = services.certificates.listCrls();
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ revokedCount: 1 });
    expect(after[0]!.sha256).not.toBe(before[0]!.sha256);
    expect(Object.values(services.snapshotSources().certificates.crls)[0]!.revokedSerials).toEqual([issued.certificate.serial]);

    const decision = verdict(services, issued.der, clock.now());
    expect(decision.code).toBe('revoked');

    await expectDomainError(() => services.authority.revoke(issued.certificate.sha256, 'superseded'), 'CONFLICT', /already revoked/);
    await expectDomainError(() => services.authority.revoke('0'.repeat(64)), 'NOT_FOUND', /was issued by the local authority/);
    await expectDomainError(() => services.authority.revoke(services.authority.info()!.root.sha256), 'NOT_FOUND', /root cannot be revoked/);
  });

  it('reissues a CRL once half its validity has passed, before a strict check would find it stale', async () => {
    await services.authority.init({ crlUrl: CRL_URL, crlValiditySeconds: 4 * 3600 });
    const issued = await services.authority.issueClientCertificate({ account: 'alice', password: 'p' });
    expect(services.authority.refreshCrlsIfDue()).toEqual([]);

    clock.advance(HOUR);
    expect(services.authority.refreshCrlsIfDue()).toEqual([]);
    clock.advance(HOUR + 1000);
    expect(services.authority.refreshCrlsIfDue()).toEqual(['root']);
    const crl = services.authority.info()!.root.crl;
    expect(crl.number).toBe(2);
    expect(Date.parse(crl.nextUpdate)).toBe(Math.floor(clock.now().getTime() / 1000) * 1000 + 4 * HOUR);
    expect(services.certificates.listCrls()).toHaveLength(1);

    // Without the reissue the first CRL would have expired here, and strict mode would refuse.
    clock.advance(3 * HOUR);
    expect(verdict(services, issued.der, clock.now()).code).toBe('ok');
  });

  it('signs requests for keys it never sees; a server certificate needs a DNS or IP name', async () => {
    await services.authority.init({ crlUrl: CRL_URL });
    const keys = await generateKeyPair('rsa-2048');
    const request = await x509.Pkcs10CertificateRequestGenerator.create({
      name: 'CN=web.lab.example',
      keys: keys.cryptoKeys as unknown as CryptoKeyPair,
      signingAlgorithm: keys.signingAlgorithm,
      extensions: [new x509.SubjectAlternativeNameExtension([{ type: 'dns', value: 'web.lab.example' }, { type: 'ip', value: '127.0.0.1' }])],
    });
    const signed = await services.authority.signRequest({ request: new Uint8Array(request.rawData), profile: 'server' });
    const certificate = new X509Certificate(Buffer.from(signed.der));
    expect(certificate.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']);
    expect(certificate.subjectAltName).toBe('DNS:web.lab.example, IP Address:127.0.0.1');
    expect(certificate.checkIssued(new X509Certificate(services.certificates.get(services.authority.info()!.root.sha256).pem))).toBe(true);
    expect(services.authority.issued()[0]).toMatchObject({ profile: 'server', account: null, subject: 'CN=web.lab.example' });

    const bare = await x509.Pkcs10CertificateRequestGenerator.create({ name: 'CN=bare', keys: keys.cryptoKeys as unknown as CryptoKeyPair, signingAlgorithm: keys.signingAlgorithm });
    await expectDomainError(services.authority.signRequest({ request: new Uint8Array(bare.rawData), profile: 'server' }), 'INVALID_INPUT', /subject alternative name/);
    const asClient = await services.authority.signRequest({ request: new Uint8Array(bare.rawData), profile: 'client' });
    expect(new X509Certificate(Buffer.from(asClient.der)).keyUsage).toEqual(['1.3.6.1.5.5.7.3.2']);
  });

  it('refuses a request whose signature does not verify, and issues nothing', async () => {
    await services.authority.init({ crlUrl: CRL_URL });
    const keys = await generateKeyPair('ec-p256');
    const request = await x509.Pkcs10CertificateRequestGenerator.create({ name: 'CN=honest', keys: keys.cryptoKeys as unknown as CryptoKeyPair, signingAlgorithm: keys.signingAlgorithm });
    const der = Buffer.from(request.rawData);
    // Change one letter of the subject: the signature no longer covers what the request says.
    const tampered = Buffer.from(der.toString('latin1').replace('honest', 'hacked'), 'latin1');
    await expectDomainError(services.authority.signRequest({ request: tampered, profile: 'client' }), 'INTEGRITY', /signature does not verify/);
    await expectDomainError(services.authority.signRequest({ request: Buffer.from('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n'), profile: 'client' }), 'NOT_A_CERTIFICATE', /not a certificate request/);
    expect(services.authority.issued()).toEqual([]);
  });

  it('says how to create the authority when there is none', async () => {
    await expectDomainError(services.authority.issueClientCertificate({ account: 'alice', password: 'p' }), 'NOT_FOUND', /ca init/);
    expect(() => services.authority.issued()).toThrow(/ca init/);
  });
});
