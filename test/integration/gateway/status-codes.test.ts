import { mkdirSync, writeFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../helpers/temp-dir';
import { curl, curlCert, nodeRequest } from '../../helpers/gateway/clients';
import { GatewayFixture, httpBinding, httpsBinding, makeSite, manyToOne, oneToOne } from '../../helpers/gateway/gateway-fixture';
import { createGatewayPki, type GatewayPki } from '../../helpers/gateway/gateway-pki';
import { startTestGateway, type TestGateway } from '../../helpers/gateway/test-gateway';

// Every status code of mapping-spec section 6 through a real handshake with a real client, against
// the real worker and the real decision engine. The engine's own tests cover the rule semantics;
// these prove the wire: what the handshake carried, what the client got back, what was audited.

describe('gateway status codes', () => {
  const work = makeTempDir('gateway-status-');
  const fixture = new GatewayFixture();
  let pki: GatewayPki;
  let gw: TestGateway;
  let https = 0;
  let http = 0;
  const url = (path = '/') => `https://127.0.0.1:${https}${path}`;

  beforeAll(async () => {
    pki = createGatewayPki(join(work.path, 'pki'));
    const www = join(work.path, 'www');
    mkdirSync(join(www, 'admin'), { recursive: true });
    mkdirSync(join(www, 'open'), { recursive: true });
    writeFileSync(join(www, 'index.html'), '<h1>Secure home</h1>\n');
    writeFileSync(join(www, 'admin', 'index.html'), '<h1>Admin</h1>\n');
    writeFileSync(join(www, 'open', 'hello.txt'), 'hello over plain http\n');
    writeFileSync(join(www, 'data.json'), '{"ok":true}\n');
    writeFileSync(join(work.path, 'secret.txt'), 'outside the content folder\n');
    fixture.importPki(pki);
    fixture.putAccount('alice', ['staff']);
    fixture.putAccount('bob', ['admins']);
    fixture.putSite(
      makeSite(pki, {
        name: 'Secure',
        bindings: [httpsBinding(), httpBinding()],
        content: { kind: 'static', directory: www },
        oneToOne: [oneToOne(pki.alice, 'alice'), oneToOne(pki.bob, 'bob'), oneToOne(pki.expired, 'alice'), oneToOne(pki.revoked, 'alice')],
        manyToOne: [manyToOne('Blocked people', [{ field: 'subject.OU', pattern: 'Blocked', caseSensitive: true }], { permission: 'deny' })],
        folders: [
          { path: '/admin', security: {}, authorization: [{ access: 'allow', kind: 'group', name: 'admins' }] },
          { path: '/open', security: { requireTls: false, clientCertificates: 'ignore', anonymous: true }, authorization: [] },
        ],
      }),
    );
    // Every address (dual-stack), to be reached from a non-loopback address of this machine too.
    fixture.putSite(makeSite(pki, { name: 'Everywhere', bindings: [httpsBinding({ address: '*' })], detailedErrors: 'local-only' }));
    fixture.putSite(makeSite(pki, { name: 'Quiet', detailedErrors: 'off' }));
    gw = await startTestGateway(fixture);
    https = gw.port('Secure', 'https');
    http = gw.port('Secure', 'http');
  });
  afterAll(async () => {
    await gw?.stop();
    work.cleanup();
  });

  it('200: a mapped certificate gets the static file (curl with PEM files, and with PKCS#12)', async () => {
    const pem = await curl(pki, [...curlCert(pki.alice), url()]);
    expect([pem.status, pem.body, pem.headers['content-type']]).toEqual([200, '<h1>Secure home</h1>\n', 'text/html; charset=utf-8']);
    const p12 = await curl(pki, ['--cert-type', 'P12', '--cert', `${pki.alicePfxPath}:${pki.password}`, url('/data.json')]);
    expect([p12.status, p12.body, p12.headers['content-type']]).toEqual([200, '{"ok":true}\n', 'application/json; charset=utf-8']);
  });

  it('403.4: plain HTTP to a folder that requires TLS; a folder that allows it is served', async () => {
    const refused = await curl(pki, [`http://127.0.0.1:${http}/`]);
    expect([refused.status, refused.headers['x-certmapper-status']]).toEqual([403, '403.4']);
    expect(refused.body).toContain('HTTP Error 403.4');
    const open = await curl(pki, [`http://127.0.0.1:${http}/open/hello.txt`]);
    expect([open.status, open.body]).toEqual([200, 'hello over plain http\n']);
  });

  it('403.7: no client certificate where one is required', async () => {
    const answer = await curl(pki, [url()]);
    expect([answer.status, answer.headers['x-certmapper-status']]).toEqual([403, '403.7']);
    expect(answer.body).toContain('Failed step: client-certificate');
  });

  it('403.16: a certificate from an untrusted root (Node, with its chain), and one without clientAuth (curl)', async () => {
    const stranger = await nodeRequest(pki, { port: https, cert: pki.stranger, chain: [pki.strangerRoot] });
    expect([stranger.status, stranger.headers['x-certmapper-status']]).toEqual([403, '403.16']);
    expect(stranger.body).toContain('Failed step: trust');
    const serverOnly = await curl(pki, [...curlCert(pki.serverOnly), url()]);
    expect([serverOnly.status, serverOnly.headers['x-certmapper-status']]).toEqual([403, '403.16']);
  });

  it('403.17: an expired certificate, even though it is mapped', async () => {
    const answer = await curl(pki, [...curlCert(pki.expired), url()]);
    expect([answer.status, answer.headers['x-certmapper-status']]).toEqual([403, '403.17']);
    expect(answer.body).toContain('Failed step: validity');
  });

  it('403.13: a revoked certificate (the issuing CA\'s CRL is in the store), even though it is mapped', async () => {
    const answer = await curl(pki, [...curlCert(pki.revoked), url()]);
    expect([answer.status, answer.headers['x-certmapper-status']]).toEqual([403, '403.13']);
    expect(answer.body).toContain('Failed step: revocation');
  });

  it('403.12: a deny mapping matches', async () => {
    const answer = await nodeRequest(pki, { port: https, cert: pki.blocked });
    expect([answer.status, answer.headers['x-certmapper-status']]).toEqual([403, '403.12']);
    expect(answer.body).toContain('Decided by: many-to-one');
  });

  it('401.2: a trusted certificate no mapping matches, anonymous access off', async () => {
    const answer = await curl(pki, [...curlCert(pki.carol), url()]);
    expect([answer.status, answer.headers['x-certmapper-status']]).toEqual([401, '401.2']);
    expect(answer.body).toContain('Failed step: mapping');
  });

  it('401.3: the mapped account is not authorized for the folder; an authorized one is', async () => {
    const alice = await curl(pki, [...curlCert(pki.alice), url('/admin/')]);
    expect([alice.status, alice.headers['x-certmapper-status']]).toEqual([401, '401.3']);
    expect(alice.body).toContain('Failed step: authorization');
    const bob = await curl(pki, [...curlCert(pki.bob), url('/admin/')]);
    expect([bob.status, bob.body]).toEqual([200, '<h1>Admin</h1>\n']);
  });

  it('detailed errors for this loopback client: the substatus header and a body naming substatus, step and trace', async () => {
    const answer = await nodeRequest(pki, { port: https, cert: pki.carol, path: '/some/page' });
    expect(answer.headers['x-certmapper-status']).toBe('401.2');
    expect(answer.body).toMatch(/^HTTP Error 401\.2 - Unauthorized\n/);
    expect(answer.body).toContain('Site: Secure');
    expect(answer.body).toContain('Path: /some/page');
    expect(answer.body).toContain('[fail] anonymous');
  });

  it('static content: 404 when missing, a courtesy redirect for a folder, nothing outside the folder', async () => {
    const missing = await curl(pki, [...curlCert(pki.alice), url('/nope.html')]);
    expect(missing.status).toBe(404);
    const folder = await curl(pki, [...curlCert(pki.bob), url('/admin?x=1')]);
    expect([folder.status, folder.headers.location]).toEqual([301, '/admin/?x=1']);
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/open/..%5c..%5csecret.txt']) {
      const escape = await curl(pki, ['--path-as-is', ...curlCert(pki.alice), url(path)]);
      expect(escape.status, path).toBe(404);
      expect(escape.body).not.toContain('outside');
    }
  });

  it('audits one record per decision: site, path, client, certificate, status, account, step, time spent', async () => {
    const before = await gw.auditMark();
    await curl(pki, [...curlCert(pki.alice), url('/admin/')]);
    const records = await gw.audited(before);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      site: 'Secure',
      // The path as the rules judged it: decoded, dot segments resolved, no trailing slash.
      path: '/admin',
      client: '127.0.0.1',
      certificateSha256: pki.alice.sha256,
      certificateSubject: expect.stringContaining('CN=Alice Example'),
      status: '401.3',
      account: 'alice',
      decidedBy: expect.stringContaining('one-to-one'),
      failedStep: 'authorization',
    });
    expect(records[0]!.micros).toBeGreaterThanOrEqual(0);
    expect(Date.parse(records[0]!.time)).not.toBeNaN();
  });

  it('detailed errors are for loopback clients only (IPv4, IPv6, IPv4-mapped); others get the bare status, like IIS', async () => {
    const port = gw.port('Everywhere');
    const before = await gw.auditMark();
    for (const [name, address] of [['127.0.0.1', '127.0.0.1'], ['::1', '[::1]']]) {
      const answer = await curl(pki, [...curlCert(pki.carol), `https://${address}:${port}/`]);
      expect([name, answer.headers['x-certmapper-status']]).toEqual([name, '401.2']);
    }
    const external = Object.values(networkInterfaces()).flat().find((i) => i && !i.internal && i.family === 'IPv4');
    if (external) {
      const answer = await curl(pki, ['--resolve', `server.test:${port}:${external.address}`, ...curlCert(pki.carol), `https://server.test:${port}/`]);
      expect([answer.status, answer.headers['x-certmapper-status'], answer.body]).toEqual([401, undefined, '401 Unauthorized\n']);
    }
    const records = await gw.audited(before, external ? 3 : 2);
    expect(records.map((r) => r.status)).toEqual(records.map(() => '401.2'));
    expect(records.map((r) => r.client)).toEqual(['::ffff:127.0.0.1', '::1', ...(external ? [`::ffff:${external.address}`] : [])]);
  });

  it('detailed errors off: no substatus header and a terse body, even for loopback; the audit still has the substatus', async () => {
    const before = await gw.auditMark();
    const answer = await curl(pki, [...curlCert(pki.carol), `https://127.0.0.1:${gw.port('Quiet')}/`]);
    expect([answer.status, answer.headers['x-certmapper-status'], answer.body]).toEqual([401, undefined, '401 Unauthorized\n']);
    expect((await gw.audited(before))[0]).toMatchObject({ site: 'Quiet', status: '401.2', failedStep: 'mapping' });
  });
});
