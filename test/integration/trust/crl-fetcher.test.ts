import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileTrustContext, HttpCrlFetcher, verify } from '../../../main/services/trust';
import { makeTempDir } from '../../helpers/temp-dir';
import { CLIENT_EXT, TestCa, type Cert } from '../../unit/trust/trust-pki';

const DAY = 86_400_000;

describe('HttpCrlFetcher against a real local HTTP server serving openssl CRLs', () => {
  const work = makeTempDir('trust-crl-fetch-');
  const hits = new Map<string, number>();
  let server: Server;
  let base: string;
  let root: TestCa;
  let issuing: TestCa;
  let alice: Cert;
  let bob: Cert;
  let crlDer: Uint8Array;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const path = req.url ?? '/';
      hits.set(path, (hits.get(path) ?? 0) + 1);
      if (path === '/issuing.crl') res.writeHead(200, { 'content-type': 'application/pkix-crl' }).end(Buffer.from(crlDer));
      else if (path === '/text') res.writeHead(200).end('this is not a CRL');
      else if (path === '/hang') return; // never answers
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    root = TestCa.root(work.path, 'root', '/CN=Fetch Root');
    issuing = root.subordinate('issuing', '/CN=Fetch Issuing CA');
    const ext = `${CLIENT_EXT}\ncrlDistributionPoints=URI:${base}/issuing.crl`;
    alice = issuing.issue('alice', { subject: '/CN=Alice', extensions: ext });
    bob = issuing.issue('bob', { subject: '/CN=Bob', extensions: ext });
    issuing.revoke(bob);
    crlDer = issuing.crl();
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    work.cleanup();
  });

  it('fetches a CRL once, shares concurrent requests, and caches it until nextUpdate', async () => {
    let clock = Date.now();
    const fetcher = new HttpCrlFetcher({ now: () => clock });
    const url = `${base}/issuing.crl`;
    const [first, second] = await Promise.all([fetcher.fetch(url), fetcher.fetch(url)]);
    expect(first).toBe(second);
    expect(Buffer.from(first.der).equals(Buffer.from(crlDer))).toBe(true);
    expect(first.issuer).toBe('CN=Fetch Issuing CA');
    expect(first.nextUpdate!.getTime()).toBeGreaterThan(clock);
    await fetcher.fetch(url);
    expect(hits.get('/issuing.crl')).toBe(1);
    expect(fetcher.cached().map((c) => c.url)).toEqual([url]);
    clock = first.nextUpdate!.getTime() + DAY;
    expect(fetcher.cached()).toEqual([]);
    await fetcher.fetch(url);
    expect(hits.get('/issuing.crl')).toBe(2);
  });

  it('lets the gateway flow work: strict verify names the URL, the fetched CRL decides', async () => {
    const fetcher = new HttpCrlFetcher();
    const rootCrl = root.crl('root-crl');
    const before = verify(compileTrustContext({ anchors: [root.cert.der], crls: [rootCrl] }), bob.der, [issuing.cert.der], { at: new Date(), purpose: 'client', revocation: 'strict' });
    expect(before).toMatchObject({ valid: false, code: 'revocation-unknown', missingCrls: [`${base}/issuing.crl`] });
    const fetched = await Promise.all(before.missingCrls.map((url) => fetcher.fetch(url)));
    const context = compileTrustContext({ anchors: [root.cert.der], crls: [rootCrl, ...fetched.map((f) => f.der)] });
    const options = { at: new Date(), purpose: 'client', revocation: 'strict' } as const;
    expect(verify(context, bob.der, [issuing.cert.der], options)).toMatchObject({ valid: false, code: 'revoked', missingCrls: [] });
    expect(verify(context, alice.der, [issuing.cert.der], options)).toMatchObject({ valid: true, code: 'ok' });
  });

  it('gives up on a silent server after the timeout, with a message saying so', async () => {
    const fetcher = new HttpCrlFetcher({ timeoutMs: 300 });
    await expect(fetcher.fetch(`${base}/hang`)).rejects.toMatchObject({ code: 'IO_ERROR', message: expect.stringContaining('no answer within 300 ms') });
  });

  it('refuses HTTP errors, non-CRL bodies and non-HTTP URLs, and backs off after a failure', async () => {
    const fetcher = new HttpCrlFetcher();
    await expect(fetcher.fetch(`${base}/missing.crl`)).rejects.toMatchObject({ code: 'IO_ERROR', message: expect.stringContaining('HTTP 404') });
    await expect(fetcher.fetch(`${base}/missing.crl`)).rejects.toMatchObject({ code: 'IO_ERROR' });
    expect(hits.get('/missing.crl')).toBe(1);
    await expect(fetcher.fetch(`${base}/text`)).rejects.toMatchObject({ code: 'MALFORMED' });
    await expect(fetcher.fetch('ldap://ldap.example.test/cn=CRL')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
