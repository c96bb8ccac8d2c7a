import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newSite, type Site } from '../../../shared/models/site';
import { parseHttp, runProgram, type HttpAnswer } from '../../helpers/gateway/clients';
import { GatewayFixture, httpsBinding } from '../../helpers/gateway/gateway-fixture';
import { startTestGateway, type TestGateway } from '../../helpers/gateway/test-gateway';
import { makeTempDir } from '../../helpers/temp-dir';
import { CLIENT_EXT, TestCa, type Cert } from '../../unit/trust/trust-pki';

// Strict revocation with no CRL in the store: the gateway fetches the CRLs the certificates name
// (CRL distribution points, mapping-spec section 5) from a real local HTTP server serving CRLs made
// by `openssl ca -gencrl`, once per URL, before deciding; the real worker, real curl.

const SERVER_EXT = 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1';
const sha256 = (der: Uint8Array) => createHash('sha256').update(der).digest('hex');

describe('gateway: CRLs fetched from the CRL distribution points', () => {
  const work = makeTempDir('gateway-cdp-');
  const fixture = new GatewayFixture();
  const served = new Map<string, Uint8Array>();
  const hits = new Map<string, number>();
  let crlServer: Server;
  let base = '';
  let root: TestCa;
  let alice: Cert;
  let bob: Cert;
  let gw: TestGateway | undefined;

  /** curl with the client's PEM certificate and key, trusting the test root; a new connection every time. */
  async function curl(cert: Cert, path = '/'): Promise<HttpAnswer> {
    if (!gw) throw new Error('no gateway');
    const url = `https://127.0.0.1:${gw.port('CDP')}${path}`;
    const result = await runProgram('curl', ['-sS', '-i', '--http1.1', '--max-time', '20', '--cacert', root.cert.pemPath, '--cert', cert.pemPath, '--key', cert.keyPath, url]);
    if (result.code !== 0) throw new Error(`curl ${url} failed (${result.code}): ${result.stderr}`);
    return parseHttp(result.stdout);
  }

  beforeAll(async () => {
    crlServer = createServer((req, res) => {
      const path = req.url ?? '/';
      hits.set(path, (hits.get(path) ?? 0) + 1);
      const crl = served.get(path);
      if (crl) res.writeHead(200, { 'content-type': 'application/pkix-crl' }).end(Buffer.from(crl));
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => crlServer.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(crlServer.address() as AddressInfo).port}`;

    const pkiDir = join(work.path, 'pki');
    mkdirSync(pkiDir);
    root = TestCa.root(pkiDir, 'root', '/C=US/O=CDP Test/CN=CDP Test Root');
    // The issuing CA names the root's CRL, its clients the issuing CA's: strict mode needs both.
    const issuing = root.subordinate('issuing', '/C=US/O=CDP Test/CN=CDP Issuing CA', `crlDistributionPoints=URI:${base}/root.crl`);
    const server = issuing.issue('server', { subject: '/CN=127.0.0.1', extensions: SERVER_EXT });
    const clientExt = `${CLIENT_EXT}\ncrlDistributionPoints=URI:${base}/issuing.crl`;
    alice = issuing.issue('alice', { subject: '/O=Corp/CN=Alice CDP', extensions: clientExt });
    bob = issuing.issue('bob', { subject: '/O=Corp/CN=Bob CDP', extensions: clientExt });
    issuing.revoke(bob);
    served.set('/root.crl', root.crl());
    served.set('/issuing.crl', issuing.crl());

    const pfx = join(pkiDir, 'server.pfx');
    writeFileSync(join(pkiDir, 'server-chain.pem'), execFileSync('openssl', ['x509', '-in', issuing.cert.pemPath]));
    execFileSync('openssl', ['pkcs12', '-export', '-in', server.pemPath, '-inkey', server.keyPath, '-certfile', join(pkiDir, 'server-chain.pem'), '-passout', 'pass:cdp', '-out', pfx]);
    // The CAs and the server certificate only: no CRL in the store.
    fixture.importFiles([root.cert.pemPath, issuing.cert.pemPath]);
    fixture.importFiles([pfx], 'cdp');

    const www = join(work.path, 'www');
    mkdirSync(join(www, 'cached'), { recursive: true });
    writeFileSync(join(www, 'index.html'), 'strict home\n');
    writeFileSync(join(www, 'cached', 'index.html'), 'cached home\n');
    fixture.putAccount('staff');
    const site: Site = {
      ...newSite({ id: 'cdp-site', name: 'CDP', bindings: [httpsBinding()], serverCertificateSha256: sha256(server.der), content: { kind: 'static', directory: www } }),
      trustedIssuers: [sha256(root.cert.der), sha256(issuing.cert.der)],
      oneToOne: [alice, bob].map((c, i) => ({ id: `o2o-cdp-${i}`, certificateSha256: sha256(c.der), subject: c.name, account: 'staff', enabled: true, hasPassword: false })),
      folders: [{ path: '/cached', security: { revocation: 'cached' }, authorization: [] }],
    };
    expect(site.security.revocation).toBe('strict');
    fixture.putSite(site);
  });
  afterAll(async () => {
    await gw?.stop();
    crlServer.closeAllConnections();
    await new Promise((resolve) => crlServer.close(resolve));
    work.cleanup();
  });

  it('cached mode uses what is there and never fetches', async () => {
    gw = await startTestGateway(fixture);
    const answer = await curl(alice, '/cached/');
    expect([answer.status, answer.body]).toEqual([200, 'cached home\n']);
    expect(hits.size).toBe(0);
  });

  it('strict mode fetches each distribution point once: a good client gets 200 on every new connection', async () => {
    for (let i = 0; i < 3; i++) {
      const answer = await curl(alice);
      expect([answer.status, answer.body]).toEqual([200, 'strict home\n']);
    }
    expect(Object.fromEntries(hits)).toEqual({ '/root.crl': 1, '/issuing.crl': 1 });
    const records = await gw!.audited(0, 4);
    expect(records.map((r) => r.status)).toEqual(['200.0', '200.0', '200.0', '200.0']);
  });

  it('a client the fetched CRL revokes gets 403.13, without another fetch', async () => {
    const answer = await curl(bob);
    expect([answer.status, answer.headers['x-certmapper-status']]).toEqual([403, '403.13']);
    expect(answer.body).toContain('Failed step: revocation');
    expect(answer.body).toContain('revoked');
    // The fetched CRLs now also serve cached mode.
    const cached = await curl(bob, '/cached/');
    expect([cached.status, cached.headers['x-certmapper-status']]).toEqual([403, '403.13']);
    expect(Object.fromEntries(hits)).toEqual({ '/root.crl': 1, '/issuing.crl': 1 });
  });

  it('a distribution point that cannot be fetched: revocation unknown, 403.13 naming the URL and why', async () => {
    await gw!.stop();
    gw = undefined;
    crlServer.closeAllConnections();
    await new Promise((resolve) => crlServer.close(resolve));
    gw = await startTestGateway(fixture);
    const answer = await curl(alice);
    expect([answer.status, answer.headers['x-certmapper-status']]).toEqual([403, '403.13']);
    expect(answer.body).toContain('Failed step: revocation');
    expect(answer.body).toContain(`Fetching the CRL ${base}/issuing.crl failed`);
    expect(answer.body).toContain(`Fetching the CRL ${base}/root.crl failed`);
    const [record] = await gw.audited(0, 1);
    expect([record!.status, record!.failedStep]).toEqual(['403.13', 'revocation']);
    // Cached mode does not care.
    expect((await curl(alice, '/cached/')).status).toBe(200);
  });
});
