import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FolderSecurity } from '../../../shared/models/site';
import { makeTempDir } from '../../helpers/temp-dir';
import { acceptableCaNames, curl, curlCert, nodeRequest, sClient } from '../../helpers/gateway/clients';
import { GatewayFixture, httpsBinding, makeSite, oneToOne } from '../../helpers/gateway/gateway-fixture';
import { createGatewayPki, type GatewayPki } from '../../helpers/gateway/gateway-pki';
import { freePort, startTestGateway, type TestGateway } from '../../helpers/gateway/test-gateway';

// What the TLS handshake carries, seen by openssl s_client: the CertificateRequest names exactly the
// site's trusted issuers (KB Q194788: clients choose their certificate by those names), SNI picks the
// site (and with it the trust list and whether a certificate is asked for at all), and a request
// for another site's host on that connection is refused.

const ROOT = 'C = US, O = Gateway Test, CN = Gateway Test Root';
const ISSUING = 'CN = Gateway Issuing CA, O = Gateway Test, C = US';
const OPEN: FolderSecurity = { requireTls: true, clientCertificates: 'ignore', mapping: false, anonymous: true, revocation: 'strict' };

describe('gateway handshake', () => {
  const work = makeTempDir('gateway-handshake-');
  const fixture = new GatewayFixture();
  let pki: GatewayPki;
  let gw: TestGateway;
  let shared = 0;

  beforeAll(async () => {
    pki = createGatewayPki(join(work.path, 'pki'));
    fixture.importPki(pki);
    fixture.putAccount('alice');
    shared = await freePort();
    const mapped = { oneToOne: [oneToOne(pki.alice, 'alice')], content: { kind: 'upstream', url: 'http://127.0.0.1:9/' } as const };
    // Three sites on one address:port, told apart by SNI; a fourth on its own port trusts nothing.
    fixture.putSite(makeSite(pki, { name: 'Alpha', bindings: [httpsBinding({ port: shared })], ...mapped }));
    fixture.putSite(makeSite(pki, { name: 'Beta', bindings: [httpsBinding({ port: shared, host: 'b.test' })], trustedIssuers: [pki.intermediate.sha256], ...mapped }));
    fixture.putSite(makeSite(pki, { name: 'Public', bindings: [httpsBinding({ port: shared, host: '*.sites.test' })], security: OPEN, content: { kind: 'static', directory: work.path } }));
    fixture.putSite(makeSite(pki, { name: 'Nobody', trustedIssuers: [] }));
    gw = await startTestGateway(fixture);
  });
  afterAll(async () => {
    await gw?.stop();
    work.cleanup();
  });

  it('names exactly the site\'s trusted issuers in the CertificateRequest (no SNI: the default binding)', async () => {
    const output = await sClient(pki, shared, { cert: pki.alice });
    expect(output).toContain('CertificateRequest');
    expect(acceptableCaNames(output)).toEqual([ROOT, ISSUING]);
  });

  it('SNI picks the site: its own trust list, and an unknown name falls back to the default binding', async () => {
    expect(acceptableCaNames(await sClient(pki, shared, { servername: 'b.test', cert: pki.alice }))).toEqual([ISSUING]);
    expect(acceptableCaNames(await sClient(pki, shared, { servername: 'B.Test', cert: pki.alice }))).toEqual([ISSUING]);
    expect(acceptableCaNames(await sClient(pki, shared, { servername: 'unknown.test', cert: pki.alice }))).toEqual([ROOT, ISSUING]);
  });

  it('asks for no certificate where the site ignores them (wildcard host binding), and serves it anonymously', async () => {
    const output = await sClient(pki, shared, { servername: 'www.sites.test', cert: pki.alice });
    expect(output).toContain('Finished');
    expect(output).not.toContain('CertificateRequest');
    const before = await gw.auditMark();
    const answer = await curl(pki, ['--resolve', `www.sites.test:${shared}:127.0.0.1`, `https://www.sites.test:${shared}/missing.txt`]);
    // Anonymous and allowed: the decision let it through to the static folder, which has no such file.
    expect(answer.status).toBe(404);
    expect((await gw.audited(before))[0]).toMatchObject({ site: 'Public', status: '200.0', certificateSha256: null, decidedBy: 'anonymous' });
  });

  it('a site with an empty trust list asks with no names and trusts no certificate (403.16)', async () => {
    const output = await sClient(pki, gw.port('Nobody'), { cert: pki.alice });
    expect(output).toContain('CertificateRequest');
    expect(output).toContain('No client certificate CA names sent');
    const answer = await nodeRequest(pki, { port: gw.port('Nobody'), cert: pki.alice });
    expect(answer.headers['x-certmapper-status']).toBe('403.16');
  });

  it('the handshake\'s site decides: a Host header naming another site of the listener is refused 421', async () => {
    const resolve = ['--resolve', `b.test:${shared}:127.0.0.1`];
    const misdirected = await curl(pki, [...resolve, ...curlCert(pki.alice), '-H', 'Host: www.sites.test', `https://b.test:${shared}/`]);
    expect(misdirected.status).toBe(421);
    // Under its own name the request is judged by Beta, whose trust list has the issuing CA only:
    // an intermediate helps build chains but anchors none (spec section 5), so 403.16.
    const before = await gw.auditMark();
    const own = await curl(pki, [...resolve, ...curlCert(pki.alice), `https://b.test:${shared}/`]);
    expect(own.headers['x-certmapper-status']).toBe('403.16');
    expect((await gw.audited(before))[0]).toMatchObject({ site: 'Beta', status: '403.16', certificateSha256: pki.alice.sha256 });
  });

  it('verifies with the server certificate and its intermediate, for every host name the site is bound to', async () => {
    const answer = await curl(pki, ['--resolve', `b.test:${shared}:127.0.0.1`, `https://b.test:${shared}/`]);
    // The server certificate verified against the test root (curl would have failed otherwise); no client certificate: 403.7.
    expect(answer.headers['x-certmapper-status']).toBe('403.7');
  });
});
