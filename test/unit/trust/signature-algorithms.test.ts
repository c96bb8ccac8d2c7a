import { afterAll, describe, expect, it } from 'vitest';
import { compileTrustContext, verify } from '../../../main/services/trust';
import { makeTempDir } from '../../helpers/temp-dir';
import { CLIENT_EXT, TestCa, withBadSignature } from './trust-pki';

// A fresh time per call: openssl req -x509 starts the root's validity at the second it is made.
const options = () => ({ at: new Date(), purpose: 'client', revocation: 'off' }) as const;

describe('signature algorithms (openssl-made chains)', () => {
  const work = makeTempDir('trust-algorithms-');
  afterAll(() => work.cleanup());

  it('verifies RSA PKCS#1 v1.5 and RSA-PSS signatures, and refuses a tampered PSS one', () => {
    const root = TestCa.root(work.path, 'rsa-root', '/CN=RSA Root', 'rsa');
    const pss = root.issue('pss-leaf', { subject: '/CN=PSS Client', extensions: CLIENT_EXT, sigopts: ['rsa_padding_mode:pss', 'rsa_pss_saltlen:32'] });
    const pkcs1 = root.issue('pkcs1-leaf', { subject: '/CN=PKCS1 Client', extensions: CLIENT_EXT, key: 'rsa' });
    const context = compileTrustContext({ anchors: [root.cert.der] });
    expect(verify(context, pkcs1.der, [], options())).toMatchObject({ valid: true });
    expect(verify(context, pss.der, [], options())).toMatchObject({ valid: true });
    expect(verify(context, withBadSignature(pss.der), [], options())).toMatchObject({ valid: false, code: 'bad-signature' });
  });

  it('verifies Ed25519 (root signing a CA) and ECDSA P-256 (that CA signing the client)', () => {
    const ed = TestCa.root(work.path, 'ed-root', '/CN=Ed25519 Root', 'ed25519');
    const ecdsaCa = ed.subordinate('ec-ca', '/CN=EC Issuing');
    const client = ecdsaCa.issue('ec-client', { subject: '/CN=EC Client', extensions: CLIENT_EXT });
    const context = compileTrustContext({ anchors: [ed.cert.der] });
    expect(verify(context, client.der, [ecdsaCa.cert.der], options())).toMatchObject({ valid: true });
    expect(verify(context, client.der, [withBadSignature(ecdsaCa.cert.der)], options())).toMatchObject({ code: 'bad-signature' });
    expect(verify(context, withBadSignature(client.der), [ecdsaCa.cert.der], options())).toMatchObject({ code: 'bad-signature' });
  });
});
