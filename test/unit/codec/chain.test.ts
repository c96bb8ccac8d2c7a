import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildChain, decodeCertificateDer, toChainCandidate, type ChainCandidate } from '../../../main/services/certificates/codec';
import { makeTempDir } from '../../helpers/temp-dir';
import { issue, smallPki, type Issued } from './openssl-pki';

/** A store as the chain builder sees it: candidates by canonical subject key. */
function storeOf(certs: Issued[]) {
  const candidates = certs.map((c) => toChainCandidate(decodeCertificateDer(c.der)));
  const bySubject = new Map<string, ChainCandidate[]>();
  for (const candidate of candidates) bySubject.set(candidate.subjectKey, [...(bySubject.get(candidate.subjectKey) ?? []), candidate]);
  return { lookup: { bySubject: (key: string) => bySubject.get(key) ?? [] }, candidate: (c: Issued) => candidates.find((x) => x.sha256 === c.sha256)! };
}

describe('buildChain', () => {
  const work = makeTempDir('codec-chain-');
  let pki: ReturnType<typeof smallPki>;
  let now: Date;
  beforeAll(() => {
    pki = smallPki(work.path);
    now = new Date(); // after issuing: openssl sets notBefore to the moment of signing
  });
  afterAll(() => work.cleanup());
  const trusted = (...certs: Issued[]) => (sha256: string) => certs.some((c) => c.sha256 === sha256);

  it('is ok from leaf through intermediate to a trusted root, verifying each signature', () => {
    const store = storeOf([pki.root, pki.intermediate, pki.server, pki.client]);
    const chain = buildChain(store.candidate(pki.server), store.lookup, now, trusted(pki.root));
    expect(chain.status).toBe('ok');
    expect(chain.links.map((l) => [l.sha256, l.status])).toEqual([
      [pki.server.sha256, 'ok'],
      [pki.intermediate.sha256, 'ok'],
      [pki.root.sha256, 'ok'],
    ]);
    expect(chain.message).toContain('Codec Root');
  });

  it('is partial when the intermediate is missing', () => {
    const store = storeOf([pki.root, pki.client]);
    const chain = buildChain(store.candidate(pki.client), store.lookup, now, trusted(pki.root));
    expect(chain.status).toBe('partial');
    expect(chain.links.map((l) => l.status)).toEqual(['ok', 'issuer-missing']);
    expect(chain.links[1]).toMatchObject({ sha256: null, subject: 'CN=Codec Issuing CA, O=Codec Test, C=US' });
  });

  it('is untrusted when it ends in a self-signed certificate that is not a trusted root', () => {
    const store = storeOf([pki.root, pki.intermediate, pki.server]);
    const chain = buildChain(store.candidate(pki.server), store.lookup, now, trusted());
    expect(chain.status).toBe('untrusted');
    expect(chain.links.map((l) => l.status)).toEqual(['ok', 'ok', 'untrusted-root']);
    const selfSigned = issue(work.path, 'lonely', { subject: '/CN=lonely.example' });
    const own = storeOf([selfSigned]);
    expect(buildChain(own.candidate(selfSigned), own.lookup, new Date(), trusted()).status).toBe('untrusted');
  });

  it('is invalid when a link has expired (or is not valid yet) at the given time', () => {
    const store = storeOf([pki.root, pki.intermediate, pki.server]);
    const later = new Date(Date.parse(decodeCertificateDer(pki.server.der).summary.notAfter) + 86_400_000);
    const expired = buildChain(store.candidate(pki.server), store.lookup, later, trusted(pki.root));
    expect(expired.status).toBe('invalid');
    expect(expired.links[0]!.status).toBe('expired');
    const earlier = new Date(Date.parse(decodeCertificateDer(pki.server.der).summary.notBefore) - 86_400_000);
    expect(buildChain(store.candidate(pki.server), store.lookup, earlier, trusted(pki.root)).links[0]!.status).toBe('not-yet-valid');
  });

  it('is invalid when a signature does not verify', () => {
    const store = storeOf([pki.root, pki.intermediate]);
    const forged = pki.server.der.slice();
    forged[forged.length - 5]! ^= 0xff; // inside the signature value
    const candidate = toChainCandidate(decodeCertificateDer(forged));
    const chain = buildChain(candidate, store.lookup, now, trusted(pki.root));
    expect(chain.status).toBe('invalid');
    expect(chain.links[0]!.status).toBe('bad-signature');
  });

  it('treats a same-name CA with another key identifier as a missing issuer, not a bad signature', () => {
    const impostor = issue(work.path, 'impostor', {
      subject: '/C=US/O=Codec Test/CN=Codec Issuing CA',
      extensions: 'basicConstraints=critical,CA:TRUE\nsubjectKeyIdentifier=hash',
    });
    const store = storeOf([impostor]);
    const leaf = toChainCandidate(decodeCertificateDer(pki.server.der));
    expect(buildChain(leaf, store.lookup, new Date(), trusted()).status).toBe('partial');
  });

  it('ends on loops: a lookup that keeps returning the same certificates', () => {
    const leaf = toChainCandidate(decodeCertificateDer(pki.server.der));
    const intermediate = toChainCandidate(decodeCertificateDer(pki.intermediate.der));
    const looping = { bySubject: () => [leaf, intermediate, { ...intermediate, sha256: 'f'.repeat(64) }] };
    const chain = buildChain(leaf, looping, now, () => false);
    expect(chain.links.length).toBeLessThan(14);
    expect(['partial', 'invalid', 'untrusted']).toContain(chain.status);
  });
});
