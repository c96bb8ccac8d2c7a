import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileTrustContext, verify, type VerifyOptions } from '../../../main/services/trust';
import { makeTempDir } from '../../helpers/temp-dir';
import { createTestPki } from '../../helpers/test-pki';
import { CLIENT_EXT, opensslTime, signWith, TestCa, withBadSignature, type Cert } from './trust-pki';

const sha256 = (der: Uint8Array) => createHash('sha256').update(der).digest('hex');
const DAY = 86_400_000;
const CDP = 'http://crl.trust.test/issuing.crl';

describe('verify (real PKIs made with openssl)', () => {
  const work = makeTempDir('trust-verify-');
  let root: TestCa;
  let issuing: TestCa;
  let client: Cert;
  const now = () => ({ at: new Date(), purpose: 'client', revocation: 'off' }) satisfies VerifyOptions;
  const trustedBy = (ca: TestCa, crls: Uint8Array[] = []) => compileTrustContext({ anchors: [ca.cert.der], crls });
  const clientExt = (extra = '') => `${CLIENT_EXT}\ncrlDistributionPoints=URI:${CDP}\n${extra}`;

  beforeAll(() => {
    root = TestCa.root(work.path, 'root', '/C=US/O=Trust Test/CN=Trust Test Root');
    issuing = root.subordinate('issuing', '/C=US/O=Trust Test/CN=Trust Test Issuing CA');
    client = issuing.issue('client', { subject: '/O=Trust Test/CN=Alice', extensions: clientExt('subjectAltName=email:alice@example.test') });
  });
  afterAll(() => work.cleanup());

  it('accepts a client chain and returns it leaf to anchor, with the intermediate presented or known', () => {
    const presented = verify(trustedBy(root), client.der, [issuing.cert.der], now());
    expect(presented).toMatchObject({ valid: true, code: 'ok', missingCrls: [] });
    expect(presented.chain).toEqual([client, issuing.cert, root.cert].map((c) => sha256(c.der)));
    const known = compileTrustContext({ anchors: [root.cert.der], intermediates: [issuing.cert.der] });
    expect(verify(known, client.der, [], now())).toMatchObject({ valid: true, code: 'ok' });
  });

  it('accepts the shared test PKI (no AKI on the leaves) for client and server purposes', () => {
    const dir = join(work.path, 'shared-pki');
    mkdirSync(dir);
    const pki = createTestPki(dir);
    const der = (c: { derPath: string }) => new Uint8Array(readFileSync(c.derPath));
    const context = compileTrustContext({ anchors: [der(pki.root)], intermediates: [der(pki.intermediate)] });
    expect(verify(context, der(pki.client), [], now())).toMatchObject({ valid: true, chain: [pki.client.sha256, pki.intermediate.sha256, pki.root.sha256] });
    expect(verify(context, der(pki.server), [], { ...now(), purpose: 'server' })).toMatchObject({ valid: true });
    expect(verify(context, der(pki.server), [], now())).toMatchObject({ valid: false, code: 'wrong-usage' });
  });

  it('says expired, and not-yet-valid, naming the certificate and the check', () => {
    const expired = issuing.issue('expired', { subject: '/CN=Expired', extensions: clientExt(), startDate: opensslTime(-10 * DAY), endDate: opensslTime(-DAY) });
    const early = issuing.issue('early', { subject: '/CN=Early', extensions: clientExt(), startDate: opensslTime(DAY), endDate: opensslTime(10 * DAY) });
    const a = verify(trustedBy(root), expired.der, [issuing.cert.der], now());
    expect(a).toMatchObject({ valid: false, code: 'expired' });
    expect(a.message).toMatch(/Validity period check failed.*"CN=Expired"/);
    const b = verify(trustedBy(root), early.der, [issuing.cert.der], now());
    expect(b).toMatchObject({ valid: false, code: 'not-yet-valid' });
    expect(b.message).toContain('CN=Early');
  });

  it('says wrong-usage without the clientAuth EKU, and accepts the same certificate for a server', () => {
    const server = issuing.issue('server-only', { subject: '/CN=server.trust.test', extensions: 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:server.trust.test' });
    const asClient = verify(trustedBy(root), server.der, [issuing.cert.der], now());
    expect(asClient).toMatchObject({ valid: false, code: 'wrong-usage' });
    expect(asClient.message).toMatch(/Extended key usage check failed: the certificate "CN=server.trust.test" .*extended key usage is serverAuth/);
    expect(verify(trustedBy(root), server.der, [issuing.cert.der], { ...now(), purpose: 'server' }).valid).toBe(true);
    expect(verify(trustedBy(root), server.der, [issuing.cert.der], { ...now(), purpose: 'any' }).valid).toBe(true);
  });

  it('says invalid when an issuer is not a CA', () => {
    const forged = signWith(work.path, client, 'forged', '/CN=Forged by Alice', clientExt());
    const result = verify(trustedBy(root), forged.der, [client.der, issuing.cert.der], now());
    expect(result).toMatchObject({ valid: false, code: 'invalid' });
    expect(result.message).toMatch(/Basic constraints check failed: the issuer "[^"]*CN=Alice[^"]*".*not a CA/);
  });

  it('says bad-signature when one octet of the signature changes', () => {
    const result = verify(trustedBy(root), withBadSignature(client.der), [issuing.cert.der], now());
    expect(result).toMatchObject({ valid: false, code: 'bad-signature' });
    expect(result.message).toContain('CN=Alice');
  });

  it('says untrusted when the chain leads to another root', () => {
    const other = TestCa.root(work.path, 'other-root', '/CN=Some Other Root');
    const result = verify(trustedBy(other), client.der, [issuing.cert.der], now());
    expect(result).toMatchObject({ valid: false, code: 'untrusted' });
    expect(result.message).toContain('Trust Test Root');
    expect(result.chain[0]).toBe(sha256(client.der));
  });

  it('finds revocation in a CRL made by openssl ca -gencrl (strict and cached), and lets others pass', () => {
    const victim = issuing.issue('victim', { subject: '/CN=Revoked Bob', extensions: clientExt() });
    issuing.revoke(victim);
    const context = trustedBy(root, [issuing.crl('revoked-crl'), root.crl('root-crl')]);
    for (const revocation of ['strict', 'cached'] as const) {
      const result = verify(context, victim.der, [issuing.cert.der], { ...now(), revocation });
      expect(result).toMatchObject({ valid: false, code: 'revoked' });
      expect(result.message).toMatch(/Revocation check failed.*"CN=Revoked Bob".*Trust Test Issuing CA/);
      expect(verify(context, client.der, [issuing.cert.der], { ...now(), revocation })).toMatchObject({ valid: true, missingCrls: [] });
    }
    expect(verify(context, victim.der, [issuing.cert.der], { ...now(), revocation: 'off' }).valid).toBe(true);
  });

  it('says revocation-unknown in strict mode without a CRL, and names the CDP URL to fetch', () => {
    const strict = verify(trustedBy(root), client.der, [issuing.cert.der], { ...now(), revocation: 'strict' });
    expect(strict).toMatchObject({ valid: false, code: 'revocation-unknown', missingCrls: [CDP] });
    const cached = verify(trustedBy(root), client.der, [issuing.cert.der], { ...now(), revocation: 'cached' });
    expect(cached).toMatchObject({ valid: true, missingCrls: [CDP] });
  });

  it('treats an expired CRL as unknown in strict mode only', () => {
    const context = trustedBy(root, [issuing.crl('old-crl'), root.crl('old-root-crl')]);
    const later = new Date(Date.now() + 40 * DAY); // default_crl_days = 30
    expect(verify(context, client.der, [issuing.cert.der], { ...now(), at: later, revocation: 'strict' })).toMatchObject({ code: 'revocation-unknown' });
    expect(verify(context, client.der, [issuing.cert.der], { ...now(), at: later, revocation: 'cached' })).toMatchObject({ valid: true });
  });

  it('says name-constraints when a name is outside the permitted subtree', () => {
    const constrained = root.subordinate('constrained', '/CN=Example Only CA', 'nameConstraints=critical,permitted;email:example.test');
    const inside = constrained.issue('inside', { subject: '/CN=Carol', extensions: `${CLIENT_EXT}\nsubjectAltName=email:carol@example.test` });
    const outside = constrained.issue('outside', { subject: '/CN=Mallory', extensions: `${CLIENT_EXT}\nsubjectAltName=email:mallory@evil.test` });
    expect(verify(trustedBy(root), inside.der, [constrained.cert.der], now()).valid).toBe(true);
    const result = verify(trustedBy(root), outside.der, [constrained.cert.der], now());
    expect(result).toMatchObject({ valid: false, code: 'name-constraints' });
    expect(result.message).toMatch(/Name constraints check failed.*"CN=Mallory".*mallory@evil\.test.*Example Only CA/);
  });

  it('reports the chain problem before validity, and validity before revocation (documented precedence)', () => {
    const both = issuing.issue('expired-revoked', { subject: '/CN=Old Dave', extensions: clientExt(), startDate: opensslTime(-10 * DAY), endDate: opensslTime(-DAY) });
    issuing.revoke(both);
    const context = trustedBy(root, [issuing.crl('both-crl'), root.crl('both-root-crl')]);
    expect(verify(context, both.der, [issuing.cert.der], { ...now(), revocation: 'strict' }).code).toBe('expired');
    expect(verify(context, withBadSignature(both.der), [issuing.cert.der], { ...now(), revocation: 'strict' }).code).toBe('bad-signature');
  });
});
