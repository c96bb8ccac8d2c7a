import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileTrustContext, verify } from '../../../main/services/trust';
import { makeTempDir } from '../../helpers/temp-dir';
import { CLIENT_EXT, TestCa, type Cert } from './trust-pki';

const REVOKED_COUNT = 100_000;

describe('CRL index (a 100,000-entry CRL from openssl ca -gencrl)', () => {
  const work = makeTempDir('trust-crl-index-');
  let root: TestCa;
  let issuing: TestCa;
  let kept: Cert;
  let revoked: Cert;
  let crl: Uint8Array;

  beforeAll(() => {
    root = TestCa.root(work.path, 'root', '/CN=Bulk Root');
    issuing = root.subordinate('issuing', '/CN=Bulk Issuing CA');
    kept = issuing.issue('kept', { subject: '/CN=Kept', extensions: CLIENT_EXT });
    revoked = issuing.issue('revoked', { subject: '/CN=Revoked', extensions: CLIENT_EXT });
    issuing.revoke(revoked);
    // Serials 0x100000.. stay clear of the ones openssl ca assigned (from 0x1000).
    issuing.revokeSerials(Array.from({ length: REVOKED_COUNT }, (_, i) => (0x100000 + i).toString(16).toUpperCase()));
    crl = issuing.crl('bulk-crl');
  }, 120_000);
  afterAll(() => work.cleanup());

  it('indexes every serial once and answers by Set lookup', () => {
    const context = compileTrustContext({ anchors: [root.cert.der], intermediates: [issuing.cert.der], crls: [crl] });
    const [compiled] = [...context.crlsByIssuer.values()].flat();
    expect(compiled?.issuer).toBe('CN=Bulk Issuing CA');
    const serials = compiled!.revoked.get(compiled!.issuerKey)!;
    expect(serials.size).toBe(REVOKED_COUNT + 1);
    expect(serials.has('100000')).toBe(true);
    expect(serials.has((0x100000 + REVOKED_COUNT - 1).toString(16).toUpperCase())).toBe(true);
    expect(serials.has((0x100000 + REVOKED_COUNT).toString(16).toUpperCase())).toBe(false);
    expect(compiled!.verifiedBy.size).toBe(1);
  });

  it('finds the revoked certificate among 100,001 entries and passes the other', () => {
    const context = compileTrustContext({ anchors: [root.cert.der], intermediates: [issuing.cert.der], crls: [crl, root.crl('root-crl')] });
    const options = { at: new Date(), purpose: 'client', revocation: 'strict' } as const;
    expect(verify(context, revoked.der, [], options)).toMatchObject({ valid: false, code: 'revoked' });
    expect(verify(context, kept.der, [], options)).toMatchObject({ valid: true, code: 'ok' });
  });
});
