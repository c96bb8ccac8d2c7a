import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../helpers/temp-dir';
import { curl, curlCert, nodeRequest } from '../../helpers/gateway/clients';
import { GatewayFixture, httpsBinding, makeSite, manyToOne, oneToOne } from '../../helpers/gateway/gateway-fixture';
import { createGatewayPki, type GatewayPki } from '../../helpers/gateway/gateway-pki';
import { freePort, startTestGateway, type TestGateway } from '../../helpers/gateway/test-gateway';

// A real upstream HTTP server behind the gateway: the identity headers it receives, the client's
// forged copies that must never reach it, HTTP Basic for mappings with a password, streaming both
// ways, hop-by-hop headers, and 502 when it is down.

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

describe('gateway proxy to an upstream', () => {
  const work = makeTempDir('gateway-proxy-');
  const fixture = new GatewayFixture();
  const seen: Seen[] = [];
  let upstream: http.Server;
  let pki: GatewayPki;
  let gw: TestGateway;
  let port = 0;
  const CERT_HEADER = 'X-Client-Cert';

  beforeAll(async () => {
    pki = createGatewayPki(join(work.path, 'pki'));
    upstream = http.createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
        if (req.url?.startsWith('/app/stream')) {
          // Answered in pieces, with hop-by-hop headers the gateway must not pass on.
          res.writeHead(200, { 'Content-Type': 'text/plain', Connection: 'keep-alive, X-Upstream-Hop', 'X-Upstream-Hop': 'drop', 'X-Upstream-Kept': 'keep' });
          res.write('one,');
          setTimeout(() => res.end('two'), 20);
          return;
        }
        res.setHeader('Set-Cookie', ['a=1', 'b=2']);
        res.end(JSON.stringify({ user: req.headers['x-remote-user'] ?? null }));
      });
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/app`;
    fixture.importPki(pki);
    fixture.putAccount('alice');
    fixture.putAccount('staff-member');
    const site = makeSite(pki, {
      name: 'Api',
      content: { kind: 'upstream', url: upstreamUrl },
      identityHeaders: { user: 'X-Remote-User', sha256: 'X-Client-Cert-Sha256', subject: 'X-Client-Cert-Subject', certificate: CERT_HEADER },
      oneToOne: [oneToOne(pki.alice, 'alice', { hasPassword: true })],
      manyToOne: [manyToOne('Staff', [{ field: 'subject.OU', pattern: 'Staff', caseSensitive: true }], { account: 'staff-member' })],
      folders: [{ path: '/public', security: { clientCertificates: 'ignore', anonymous: true }, authorization: [] }],
    });
    fixture.putSite(site);
    fixture.setMappingPassword(site.id, site.oneToOne[0]!.id, 'pa:ss wörd');
    // A second site whose upstream is not listening.
    fixture.putSite(makeSite(pki, { name: 'Down', content: { kind: 'upstream', url: `http://127.0.0.1:${await freePort()}/` }, oneToOne: [oneToOne(pki.alice, 'alice')] }));
    fixture.putSite(makeSite(pki, { name: 'DownTerse', detailedErrors: 'off', bindings: [httpsBinding()], content: { kind: 'upstream', url: `http://127.0.0.1:${await freePort()}/` }, oneToOne: [oneToOne(pki.alice, 'alice')] }));
    gw = await startTestGateway(fixture);
    port = gw.port('Api');
  });
  afterAll(async () => {
    await gw?.stop();
    await new Promise((resolve) => upstream?.close(resolve));
    work.cleanup();
  });

  const last = () => seen[seen.length - 1]!;

  it('adds the identity headers: account, SHA-256, subject, URL-encoded PEM; and HTTP Basic for a mapping with a password', async () => {
    const answer = await curl(pki, [...curlCert(pki.alice), `https://127.0.0.1:${port}/orders?id=7`]);
    expect([answer.status, answer.body]).toEqual([200, '{"user":"alice"}']);
    const { headers, url } = last();
    expect(url).toBe('/app/orders?id=7');
    expect(headers['x-remote-user']).toBe('alice');
    expect(headers['x-client-cert-sha256']).toBe(pki.alice.sha256);
    expect(headers['x-client-cert-subject']).toContain('CN=Alice Example');
    expect(decodeURIComponent(headers['x-client-cert'] as string).replace(/\s+/g, '')).toBe(pki.alice.pem.replace(/\s+/g, ''));
    expect(headers.authorization).toBe(`Basic ${Buffer.from('alice:pa:ss wörd').toString('base64')}`);
    expect(headers['x-forwarded-for']).toBe('127.0.0.1');
    expect(headers['x-forwarded-proto']).toBe('https');
    expect(headers['x-forwarded-host']).toBe(`127.0.0.1:${port}`);
  });

  it('removes every client-sent copy of the identity headers, whatever the case, also spelled with underscores', async () => {
    const forged = ['-H', 'x-remote-user: mallory', '-H', 'X-CLIENT-CERT-SHA256: 00ff', '-H', 'X-Client-Cert-Subject: CN=Admin', '-H', 'x-client-cert: forged', '-H', 'X_Remote_User: mallory', '-H', 'Authorization: Basic bWFsbG9yeTpwdw=='];
    // Mapped many-to-one, no password: the gateway's values, and no Authorization at all.
    const answer = await curl(pki, [...forged, ...curlCert(pki.carol), `https://127.0.0.1:${port}/x`]);
    expect(answer.body).toBe('{"user":"staff-member"}');
    const { headers } = last();
    expect(headers['x-remote-user']).toBe('staff-member');
    expect(headers['x-client-cert-sha256']).toBe(pki.carol.sha256);
    expect(headers['x-client-cert-subject']).toContain('CN=Carol Unmapped');
    expect(decodeURIComponent(headers['x-client-cert'] as string)).toContain('BEGIN CERTIFICATE');
    expect(headers['x_remote_user']).toBeUndefined();
    expect(headers.authorization).toBeUndefined();
    // Anonymous folder that ignores certificates: the forged headers go, and nothing about the (unverified) certificate is sent.
    await curl(pki, [...forged, ...curlCert(pki.alice), `https://127.0.0.1:${port}/public/page`]);
    const anonymous = last().headers;
    for (const name of ['x-remote-user', 'x-client-cert-sha256', 'x-client-cert-subject', 'x-client-cert', 'x_remote_user', 'authorization']) {
      expect(anonymous[name], name).toBeUndefined();
    }
  });

  it('streams a request body up and a response down, and drops hop-by-hop headers both ways', async () => {
    const body = 'x'.repeat(256 * 1024);
    const answer = await nodeRequest(pki, {
      port,
      cert: pki.alice,
      method: 'POST',
      path: '/stream',
      headers: { Connection: 'keep-alive, X-Client-Hop', 'X-Client-Hop': 'drop', 'X-Client-Kept': 'keep', 'Content-Type': 'text/plain' },
      body,
    });
    expect([answer.status, answer.body]).toEqual([200, 'one,two']);
    expect(answer.headers['x-upstream-kept']).toBe('keep');
    expect(answer.headers['x-upstream-hop']).toBeUndefined();
    const request = last();
    expect([request.method, request.url, request.body.length]).toEqual(['POST', '/app/stream', body.length]);
    expect(request.headers['x-client-kept']).toBe('keep');
    expect(request.headers['x-client-hop']).toBeUndefined();
  });

  it('passes repeated response headers through (Set-Cookie)', async () => {
    const answer = await curl(pki, [...curlCert(pki.alice), `https://127.0.0.1:${port}/cookies`]);
    expect(answer.status).toBe(200);
    const raw = await nodeRequest(pki, { port, cert: pki.alice, path: '/cookies' });
    expect(raw.headers['set-cookie']).toBe('a=1, b=2');
  });

  it('502 with a clear body when the upstream cannot be reached; terse where detailed errors are off', async () => {
    const down = await curl(pki, [...curlCert(pki.alice), `https://127.0.0.1:${gw.port('Down')}/`]);
    expect(down.status).toBe(502);
    expect(down.body).toMatch(/^502 Bad Gateway\n\nThe upstream server http:\/\/127\.0\.0\.1:\d+ did not answer: ECONNREFUSED/);
    const terse = await curl(pki, [...curlCert(pki.alice), `https://127.0.0.1:${gw.port('DownTerse')}/`]);
    expect([terse.status, terse.body]).toEqual([502, '502 Bad Gateway\n']);
  });
});
