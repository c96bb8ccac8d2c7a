import { X509Certificate } from 'node:crypto';
import https from 'node:https';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../helpers/temp-dir';
import { acceptableCaNames, curl, nodeRequest, sClient } from '../../helpers/gateway/clients';
import { GatewayFixture, httpBinding, httpsBinding, makeSite, oneToOne } from '../../helpers/gateway/gateway-fixture';
import { createGatewayPki, type GatewayPki } from '../../helpers/gateway/gateway-pki';
import { freePort, pollUntil, startTestGateway, type TestGateway } from '../../helpers/gateway/test-gateway';

// Configuration changes on a RUNNING gateway: the new snapshot applies to new connections and to
// open keep-alive connections at their next request (within a second), listeners are diffed
// (opened, closed, certificates swapped in place), and nothing already open is dropped.

describe('gateway reconfiguration', () => {
  const work = makeTempDir('gateway-reconfigure-');
  const fixture = new GatewayFixture();
  let pki: GatewayPki;
  let gw: TestGateway;
  let siteId = '';
  let port = 0;
  const agents: https.Agent[] = [];
  const fingerprint = (pem: string) => new X509Certificate(pem).fingerprint256;
  const keepAlive = () => {
    const agent = new https.Agent({ keepAlive: true, maxSockets: 1 });
    agents.push(agent);
    return agent;
  };

  beforeAll(async () => {
    pki = createGatewayPki(join(work.path, 'pki'));
    fixture.importPki(pki);
    fixture.putAccount('alice');
    fixture.putAccount('bob');
    siteId = fixture.putSite(makeSite(pki, { name: 'Live', content: { kind: 'static', directory: work.path }, oneToOne: [oneToOne(pki.bob, 'bob')] })).id;
    gw = await startTestGateway(fixture);
    port = gw.port('Live');
  });
  afterAll(async () => {
    agents.forEach((a) => a.destroy());
    await gw?.stop();
    work.cleanup();
  });

  it('a mapping added while running: the next request on a NEW and on an EXISTING keep-alive connection is authorized', async () => {
    const agent = keepAlive();
    const before = await nodeRequest(pki, { port, cert: pki.alice, agent, path: '/missing' });
    expect(before.headers['x-certmapper-status']).toBe('401.2');

    fixture.updateSite(siteId, (site) => ({ ...site, oneToOne: [...site.oneToOne, oneToOne(pki.alice, 'alice')] }));
    // Sent, not awaited: the test polls the wire, as a client would.
    gw.gateway.update(fixture.snapshot());

    const fresh = await pollUntil(() => nodeRequest(pki, { port, cert: pki.alice, path: '/missing' }), (a) => a.status === 404);
    expect(fresh.status).toBe(404); // authorized, and the static folder has no such file
    const existing = await pollUntil(() => nodeRequest(pki, { port, cert: pki.alice, agent, path: '/missing' }), (a) => a.status === 404);
    expect(existing.status).toBe(404);
    // The very same TCP connection as before the change.
    expect(existing.localPort).toBe(before.localPort);
    await gw.auditMark();
    const records = gw.audits.filter((r) => r.certificateSha256 === pki.alice.sha256);
    expect(records.at(-1)).toMatchObject({ status: '200.0', account: 'alice' });
  });

  it('a mapping removed while running: the open connection loses access at its next request', async () => {
    const agent = keepAlive();
    const before = await nodeRequest(pki, { port, cert: pki.bob, agent, path: '/missing' });
    expect(before.status).toBe(404);
    fixture.updateSite(siteId, (site) => ({ ...site, oneToOne: site.oneToOne.filter((m) => m.account !== 'bob') }));
    await gw.apply();
    const after = await nodeRequest(pki, { port, cert: pki.bob, agent, path: '/missing' });
    expect([after.headers['x-certmapper-status'], after.localPort]).toEqual(['401.2', before.localPort]);
  });

  it('the server certificate swapped in place: new handshakes get the new one, open connections keep working', async () => {
    const agent = keepAlive();
    const before = await nodeRequest(pki, { port, cert: pki.alice, agent, path: '/missing' });
    expect(before.serverCertificate).toBe(fingerprint(pki.server.pem));
    fixture.updateSite(siteId, (site) => ({ ...site, serverCertificateSha256: pki.server2.sha256 }));
    const report = await gw.apply();
    expect(report.bindings.find((b) => b.site === 'Live')?.port).toBe(port);
    const fresh = await nodeRequest(pki, { port, cert: pki.alice, path: '/missing' });
    expect(fresh.serverCertificate).toBe(fingerprint(pki.server2.pem));
    const existing = await nodeRequest(pki, { port, cert: pki.alice, agent, path: '/missing' });
    // Same TCP connection, so still the handshake (and certificate) it was opened with.
    expect([existing.status, existing.localPort]).toEqual([404, before.localPort]);
  });

  it('the trust list and the client-certificate setting change the next handshake', async () => {
    fixture.updateSite(siteId, (site) => ({ ...site, trustedIssuers: [pki.root.sha256] }));
    await gw.apply();
    expect(acceptableCaNames(await sClient(pki, port))).toEqual(['C = US, O = Gateway Test, CN = Gateway Test Root']);
    fixture.updateSite(siteId, (site) => ({ ...site, security: { ...site.security, clientCertificates: 'ignore', anonymous: true } }));
    await gw.apply();
    expect(await sClient(pki, port)).not.toContain('CertificateRequest');
    fixture.updateSite(siteId, (site) => ({ ...site, trustedIssuers: [pki.root.sha256, pki.intermediate.sha256], security: { ...site.security, clientCertificates: 'require', anonymous: false } }));
    await gw.apply();
    expect(acceptableCaNames(await sClient(pki, port))).toHaveLength(2);
  });

  it('a TLS session from before a change to the handshake is not resumed (it would carry no certificate)', async () => {
    // Node's agent caches sessions and resumes them (testing.md); no keep-alive, so every request is a new connection.
    const agent = new https.Agent({ keepAlive: false });
    agents.push(agent);
    fixture.updateSite(siteId, (site) => ({ ...site, security: { ...site.security, clientCertificates: 'ignore', anonymous: true } }));
    await gw.apply();
    const first = await nodeRequest(pki, { port, cert: pki.alice, agent, path: '/missing' });
    const second = await nodeRequest(pki, { port, cert: pki.alice, agent, path: '/missing' });
    expect([first.status, second.status, second.sessionReused]).toEqual([404, 404, true]);
    fixture.updateSite(siteId, (site) => ({ ...site, security: { ...site.security, clientCertificates: 'require', anonymous: false } }));
    await gw.apply();
    const after = await nodeRequest(pki, { port, cert: pki.alice, agent, path: '/missing' });
    // A full handshake with a CertificateRequest, so alice's certificate is there and she is mapped.
    expect([after.status, after.sessionReused]).toEqual([404, false]);
    const again = await nodeRequest(pki, { port, cert: pki.alice, agent, path: '/missing' });
    expect([again.status, again.sessionReused]).toEqual([404, true]);
  });

  it('bindings added and removed: new ones listen, removed ones stop, the others keep their connections', async () => {
    const agent = keepAlive();
    const before = await nodeRequest(pki, { port, cert: pki.alice, agent, path: '/missing' });
    const other = fixture.putSite(makeSite(pki, { name: 'Other', bindings: [httpsBinding(), httpBinding()], oneToOne: [oneToOne(pki.alice, 'alice')] }));
    await gw.apply();
    const otherHttps = gw.port('Other', 'https');
    const otherHttp = gw.port('Other', 'http');
    expect((await curl(pki, [`http://127.0.0.1:${otherHttp}/`])).headers['x-certmapper-status']).toBe('403.4');
    expect((await nodeRequest(pki, { port: otherHttps })).headers['x-certmapper-status']).toBe('403.7');

    fixture.updateSite(other.id, (site) => ({ ...site, bindings: [httpsBinding()] }));
    await gw.apply();
    expect(gw.port('Other', 'https')).toBe(otherHttps);
    await expect(curl(pki, [`http://127.0.0.1:${otherHttp}/`])).rejects.toThrow(/Failed to connect|Couldn't connect/);
    fixture.removeSite(other.id);
    const report = await gw.apply();
    expect(report.bindings.map((b) => b.site)).toEqual(['Live']);
    await expect(nodeRequest(pki, { port: otherHttps })).rejects.toThrow(/ECONNREFUSED/);
    const existing = await nodeRequest(pki, { port, cert: pki.alice, agent, path: '/missing' });
    expect([existing.status, existing.localPort]).toEqual([404, before.localPort]);
  });

  it('a binding that cannot listen reports its error, the others keep working, and it starts once its port is free', async () => {
    const busyPort = await freePort();
    const squatter: Server = createServer();
    await new Promise<void>((resolve) => squatter.listen(busyPort, '127.0.0.1', resolve));
    const blocked = fixture.putSite(makeSite(pki, { name: 'Blocked', bindings: [httpsBinding({ port: busyPort }), httpsBinding({ port: 0 })], oneToOne: [oneToOne(pki.alice, 'alice')] }));
    const report = await gw.apply();
    const busy = report.bindings.find((b) => b.site === 'Blocked' && b.port === busyPort);
    expect(busy?.error).toMatch(/EADDRINUSE/);
    expect(report.bindings.filter((b) => b.error)).toHaveLength(1);
    const working = report.bindings.find((b) => b.site === 'Blocked' && b.port !== busyPort)!;
    expect((await nodeRequest(pki, { port: working.port })).headers['x-certmapper-status']).toBe('403.7');
    expect((await nodeRequest(pki, { port })).headers['x-certmapper-status']).toBe('403.7');

    await new Promise((resolve) => squatter.close(resolve));
    const retried = await gw.apply();
    expect(retried.bindings.filter((b) => b.error)).toEqual([]);
    expect((await nodeRequest(pki, { port: busyPort })).headers['x-certmapper-status']).toBe('403.7');
    fixture.removeSite(blocked.id);
    await gw.apply();
  });

  it('a binding without a usable server certificate, or taken by another site, is reported and not served', async () => {
    const shared = await freePort();
    const first = fixture.putSite(makeSite(pki, { name: 'First', bindings: [httpsBinding({ port: shared, host: 'a.test' })] }));
    const second = fixture.putSite(makeSite(pki, { name: 'Second', bindings: [httpsBinding({ port: shared, host: 'A.test' }), httpsBinding({ port: shared, host: 'b.test' })] }));
    const keyless = fixture.putSite(makeSite(pki, { name: 'Keyless', serverCertificateSha256: pki.alice.sha256 }));
    const report = await gw.apply();
    const errors = Object.fromEntries(report.bindings.filter((b) => b.error).map((b) => [`${b.site} ${b.host}`, b.error]));
    expect(errors).toEqual({
      'Second A.test': expect.stringContaining('host a.test is already bound to site "First"'),
      'Keyless null': expect.stringContaining('or its private key is not in the store'),
    });
    const b = await curl(pki, ['--resolve', `b.test:${shared}:127.0.0.1`, `https://b.test:${shared}/`]);
    expect(b.headers['x-certmapper-status']).toBe('403.7');
    [first, second, keyless].forEach((site) => fixture.removeSite(site.id));
    await gw.apply();
  });

  it('reports every binding with its real port and URL', async () => {
    const report = gw.report();
    expect(report.bindings).toEqual([{ site: 'Live', siteId, protocol: 'https', address: '127.0.0.1', port, host: null, url: `https://127.0.0.1:${port}/` }]);
    expect(gw.errors).toEqual([]);
  });
});
