import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CertificateIndex } from '../../../main/services/certificates/certificate-index';
import { RevocationStatus } from '../../../main/services/certificates/revocation-status';
import type { Services } from '../../../main/services/create-services';
import { memoryServices } from '../../helpers/memory-services';
import { makeTempDir } from '../../helpers/temp-dir';
import { CLIENT_EXT, TestCa, type Cert } from '../trust/trust-pki';

const BULK = 100_000;
const file = (name: string, der: Uint8Array) => ({ name, contentBase64: Buffer.from(der).toString('base64') });

/** The store's revocation status, with real certificates and CRLs from `openssl ca` (no mocks). */
describe('revocation status of stored certificates', () => {
  const work = makeTempDir('revocation-status-');
  let root: TestCa;
  let issuing: TestCa;
  let impostor: TestCa;
  let alice: Cert;
  let bob: Cert;
  let carol: Cert;
  let crl: Uint8Array;
  let impostorCrl: Uint8Array;
  let bulkCrl: Uint8Array;

  beforeAll(() => {
    root = TestCa.root(work.path, 'root', '/CN=Ext Root CA');
    issuing = root.subordinate('issuing', '/CN=Ext Issuing CA');
    alice = issuing.issue('alice', { subject: '/CN=Alice', extensions: CLIENT_EXT });
    bob = issuing.issue('bob', { subject: '/CN=Bob', extensions: CLIENT_EXT });
    issuing.revoke(alice); // keyCompromise
    crl = issuing.crl('issuing-crl');
    // Another CA with the same name and another key lists Bob's serial (1001): its CRL must not count.
    impostor = TestCa.root(work.path, 'impostor', '/CN=Ext Issuing CA');
    impostor.revokeSerials(['1001']);
    impostorCrl = impostor.crl('impostor-crl');
    // A busy CA: 100,000 more serials (from 0x100000, clear of the ones openssl assigned), no reason given.
    issuing.revokeSerials(Array.from({ length: BULK }, (_, i) => (0x100000 + i).toString(16).toUpperCase()));
    bulkCrl = issuing.crl('bulk-crl');
    carol = issuing.issue('carol', { subject: '/CN=Carol', extensions: CLIENT_EXT });
  }, 120_000);
  afterAll(() => work.cleanup());

  const storeWith = (...crls: Uint8Array[]): Services => {
    const services = memoryServices();
    const results = services.certificates.import({
      files: [file('root.cer', root.cert.der), file('issuing.cer', issuing.cert.der), file('alice.cer', alice.der), file('bob.cer', bob.der), ...crls.map((der, i) => file(`crl-${i}.crl`, der))],
    });
    expect(results.every((r) => r.ok)).toBe(true);
    return services;
  };
  const byName = (services: Services) => new Map(services.certificates.listWithStatus().map((c) => [c.displayName, c.revoked]));
  const detailsOf = (services: Services, name: string) => services.certificates.details(services.certificates.list().find((c) => c.displayName === name)!.sha256);

  it('shows a certificate its issuer\'s CRL lists as revoked, with the date and reason, and the others not', () => {
    const status = byName(storeWith(crl));
    expect(status.get('Alice')).toEqual({ at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), reason: 'keyCompromise', source: expect.stringContaining('CRL of "CN=Ext Issuing CA"') });
    expect(status.get('Bob')).toBeNull();
    expect(status.get('Ext Issuing CA')).toBeNull();
    expect(status.get('Ext Root CA')).toBeNull();
  });

  it('gives the details the same status, and the CRLs of the issuer it rests on: none for a CA whose issuer has no CRL here', () => {
    const services = storeWith(crl);
    const alice = detailsOf(services, 'Alice');
    expect(alice.revoked).toEqual(byName(services).get('Alice'));
    expect(alice.revocationCheckedAgainst).toEqual([alice.revoked!.source]);
    expect(detailsOf(services, 'Bob')).toMatchObject({ revoked: null, revocationCheckedAgainst: [alice.revoked!.source] });
    expect(detailsOf(services, 'Ext Issuing CA')).toMatchObject({ revoked: null, revocationCheckedAgainst: [] });
  });

  it('ignores a CRL that names the issuer but whose signature its key does not verify', () => {
    const services = storeWith(impostorCrl);
    expect(byName(services).get('Bob')).toBeNull();
    expect(byName(services).get('Alice')).toBeNull();
    // Nor does it count as what Bob was checked against.
    expect(detailsOf(services, 'Bob').revocationCheckedAgainst).toEqual([]);
    // Only the signature kept it out: without the real issuer in the store, the name alone decides.
    services.certificates.delete(services.certificates.list().find((c) => c.displayName === 'Ext Issuing CA')!.sha256);
    expect(byName(services).get('Bob')).toMatchObject({ reason: null, source: expect.stringContaining('signature not checked') });
  });

  it('uses a CRL whose issuer is not in the store, and says its signature was not checked', () => {
    const services = storeWith(crl);
    const issuingSha = services.certificates.list().find((c) => c.displayName === 'Ext Issuing CA')!.sha256;
    services.certificates.delete(issuingSha);
    expect(byName(services).get('Alice')?.source).toContain('signature not checked');
  });

  it('follows the CRL set: a new CRL is seen at the next listing', () => {
    const services = storeWith();
    expect(byName(services).get('Alice')).toBeNull();
    services.certificates.import({ files: [file('issuing.crl', crl)] });
    expect(byName(services).get('Alice')?.reason).toBe('keyCompromise');
  });

  it('builds the index of a 100,000-entry CRL once per CRL set', () => {
    const services = storeWith(bulkCrl);
    const status = byName(services);
    expect(status.get('Alice')?.reason).toBe('keyCompromise');
    expect(status.get('Bob')).toBeNull();

    // The same CRL set in a changed document (a certificate imported): the index object is reused.
    const revocation = new RevocationStatus();
    const before = services.snapshotSources().certificates;
    const index = revocation.indexFor(before.crls, new CertificateIndex(before));
    expect(index.size).toBe(BULK + 1);
    expect([...index.values()].filter((r) => r.reason === null)).toHaveLength(BULK);
    services.certificates.import({ files: [file('carol.cer', carol.der)] });
    expect(services.snapshotSources().certificates).not.toBe(before);
    const after = services.snapshotSources().certificates;
    expect(revocation.indexFor({ ...after.crls }, new CertificateIndex(after))).toBe(index);
  });
});
