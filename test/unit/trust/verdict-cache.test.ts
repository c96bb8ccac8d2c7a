import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeCertificateDer } from '../../../main/services/certificates/codec';
import { compileTrustContext, verify, type TrustContext, type VerifyOptions } from '../../../main/services/trust';
import { makeTempDir } from '../../helpers/temp-dir';
import { CLIENT_EXT, opensslTime, TestCa, type Cert } from './trust-pki';

// verify() keeps each verdict in its trust context for the presented chain and the time window in
// which no certificate validity bound and no CRL update falls (services/trust/verdict-cache.ts).
// Every test first gets a verdict kept, then asks what the kept one must not answer.

const DAY = 86_400_000;
const SECOND = 1000;
// A time at which every certificate of the tests is valid: the client's starts a minute from now.
const soon = Date.now() + 2 * 60 * SECOND;

describe('verdicts kept by a trust context', () => {
  const work = makeTempDir('trust-verdicts-');
  let root: TestCa;
  let issuing: TestCa;
  let client: Cert;
  const at = (ms: number): VerifyOptions => ({ at: new Date(ms), purpose: 'client', revocation: 'off' });
  const notAfter = (cert: Cert) => Date.parse(decodeCertificateDer(cert.der).summary.notAfter);
  const notBefore = (cert: Cert) => Date.parse(decodeCertificateDer(cert.der).summary.notBefore);

  beforeAll(() => {
    root = TestCa.root(work.path, 'root', '/C=US/O=Verdict Test/CN=Verdict Root');
    issuing = root.subordinate('issuing', '/C=US/O=Verdict Test/CN=Verdict Issuing CA');
    // Valid from a minute from now (when the root, made just now, is valid too) to after the CRLs' next update (30 days).
    client = issuing.issue('client', { subject: '/CN=Alice', extensions: CLIENT_EXT, startDate: opensslTime(60 * SECOND), endDate: opensslTime(60 * DAY) });
  });
  afterAll(() => work.cleanup());

  it('answers a returning chain with the same verdict, frozen so no caller can change it for the others', () => {
    const context = compileTrustContext({ anchors: [root.cert.der] });
    const first = verify(context, client.der, [issuing.cert.der], at(soon));
    expect(first).toMatchObject({ valid: true, code: 'ok' });
    // Other buffers with the same bytes, as a new TLS connection brings them.
    const again = verify(context, new Uint8Array(client.der), [new Uint8Array(issuing.cert.der)], at(soon));
    expect(again).toBe(first);
    expect(Object.isFrozen(again) && Object.isFrozen(again.chain)).toBe(true);
  });

  it('is expired one second after notAfter and not yet valid one second before notBefore, right after a kept ok', () => {
    const context = compileTrustContext({ anchors: [root.cert.der] });
    const end = notAfter(client);
    expect(verify(context, client.der, [issuing.cert.der], at(end)).code).toBe('ok');
    expect(verify(context, client.der, [issuing.cert.der], at(end + SECOND)).code).toBe('expired');
    const start = notBefore(client);
    expect(verify(context, client.der, [issuing.cert.der], at(start)).code).toBe('ok');
    expect(verify(context, client.der, [issuing.cert.der], at(start - SECOND)).code).toBe('not-yet-valid');
  });

  it('bounds the window by the chain too: an intermediate that expires before the leaf', () => {
    const longLived = issuing.issue('long-lived', { subject: '/CN=Bob', extensions: CLIENT_EXT, endDate: opensslTime(400 * DAY) });
    const context = compileTrustContext({ anchors: [root.cert.der] });
    expect(verify(context, longLived.der, [issuing.cert.der], at(soon)).code).toBe('ok');
    const result = verify(context, longLived.der, [issuing.cert.der], at(notAfter(issuing.cert) + SECOND));
    expect(result.code).toBe('expired');
    expect(result.message).toContain('Verdict Issuing CA');
  });

  it('is revocation-unknown in strict mode one second after the CRL\'s nextUpdate, right after a kept ok', () => {
    const crls = [issuing.crl('window-crl'), root.crl('window-root-crl')];
    const context = compileTrustContext({ anchors: [root.cert.der], crls });
    const strict = (ms: number) => ({ ...at(ms), revocation: 'strict' as const });
    const nextUpdate = Math.min(...crls.map((der) => crlNextUpdate(context, der)));
    expect(verify(context, client.der, [issuing.cert.der], strict(nextUpdate)).code).toBe('ok');
    expect(verify(context, client.der, [issuing.cert.der], strict(nextUpdate + SECOND)).code).toBe('revocation-unknown');
  });

  it('judges another chain for the same leaf on its own', () => {
    const context = compileTrustContext({ anchors: [root.cert.der] });
    expect(verify(context, client.der, [issuing.cert.der], at(soon)).code).toBe('ok');
    expect(verify(context, client.der, [], at(soon)).code).toBe('untrusted');
    expect(verify(context, client.der, [root.cert.der], at(soon)).code).toBe('untrusted');
  });

  it('keeps the verdicts with and without the chain side by side (the gateway asks for both), each answered again', () => {
    const context = compileTrustContext({ anchors: [root.cert.der] });
    const withChain = verify(context, client.der, [issuing.cert.der], at(soon));
    const bare = verify(context, client.der, [], at(soon));
    expect([withChain.code, bare.code]).toEqual(['ok', 'untrusted']);
    expect(verify(context, new Uint8Array(client.der), [new Uint8Array(issuing.cert.der)], at(soon))).toBe(withChain);
    expect(verify(context, new Uint8Array(client.der), [], at(soon))).toBe(bare);
  });

  it('never answers for bytes it did not judge: the caller\'s buffer changed in place after the kept ok', () => {
    const context = compileTrustContext({ anchors: [root.cert.der] });
    const chain = new Uint8Array(issuing.cert.der);
    expect(verify(context, client.der, [chain], at(soon)).code).toBe('ok');
    chain[chain.length - 5]! ^= 0xff; // inside the intermediate's signature
    expect(verify(context, client.der, [chain], at(soon)).valid).toBe(false);
  });

  it('keeps nothing across contexts: a context compiled with the CRL that lists the certificate says revoked', () => {
    const victim = issuing.issue('victim', { subject: '/CN=Carol', extensions: CLIENT_EXT });
    const before = compileTrustContext({ anchors: [root.cert.der] });
    const cached = { ...at(soon), revocation: 'cached' as const };
    expect(verify(before, victim.der, [issuing.cert.der], cached).code).toBe('ok');
    issuing.revoke(victim);
    const after = compileTrustContext({ anchors: [root.cert.der], crls: [issuing.crl('victim-crl')] });
    expect(verify(after, victim.der, [issuing.cert.der], cached).code).toBe('revoked');
  });
});

/** The nextUpdate of a CRL as the context read it. */
function crlNextUpdate(context: TrustContext, der: Uint8Array): number {
  for (const list of context.crlsByIssuer.values()) {
    for (const crl of list) if (crl.der.length === der.length && Buffer.from(crl.der).equals(der)) return crl.nextUpdate!;
  }
  throw new Error('CRL not in the context');
}
