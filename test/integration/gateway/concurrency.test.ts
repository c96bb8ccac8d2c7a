import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../helpers/temp-dir';
import { nodeRequest } from '../../helpers/gateway/clients';
import { GatewayFixture, makeSite, oneToOne } from '../../helpers/gateway/gateway-fixture';
import { createGatewayPki, issueClients, type GatewayPki, type PkiCert } from '../../helpers/gateway/gateway-pki';
import { startTestGateway, type TestGateway } from '../../helpers/gateway/test-gateway';

// Fifty clients at once, each with its own certificate, each a full handshake (agent: false): every
// one must get its own account, never a neighbour's (the identity lives on the connection).

describe('gateway under concurrent clients', () => {
  const work = makeTempDir('gateway-concurrency-');
  const fixture = new GatewayFixture();
  const COUNT = 50;
  let pki: GatewayPki;
  let clients: PkiCert[];
  let upstream: http.Server;
  let gw: TestGateway;

  beforeAll(async () => {
    pki = createGatewayPki(join(work.path, 'pki'));
    clients = await issueClients(pki, 'load', COUNT);
    // The upstream answers with the account the gateway told it, after a short pause so requests overlap.
    upstream = http.createServer((req, res) => setTimeout(() => res.end(String(req.headers['x-remote-user'])), 10));
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    fixture.importPki(pki);
    clients.forEach((c) => fixture.putAccount(`user-${c.name}`));
    fixture.putSite(
      makeSite(pki, {
        name: 'Busy',
        content: { kind: 'upstream', url: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/` },
        oneToOne: clients.map((c) => oneToOne(c, `user-${c.name}`)),
      }),
    );
    gw = await startTestGateway(fixture);
  });
  afterAll(async () => {
    await gw?.stop();
    await new Promise((resolve) => upstream?.close(resolve));
    work.cleanup();
  });

  it(`answers ${COUNT} simultaneous clients with different certificates, each with its own account`, async () => {
    const port = gw.port('Busy');
    const before = await gw.auditMark();
    const answers = await Promise.all(clients.map((cert) => nodeRequest(pki, { port, cert, path: `/${cert.name}` })));
    expect(answers.map((a) => a.status)).toEqual(clients.map(() => 200));
    expect(answers.map((a) => a.body)).toEqual(clients.map((c) => `user-${c.name}`));
    const records = await gw.audited(before, COUNT);
    expect(records).toHaveLength(COUNT);
    for (const record of records) {
      const cert = clients.find((c) => `/${c.name}` === record.path)!;
      expect([record.certificateSha256, record.account, record.status]).toEqual([cert.sha256, `user-${cert.name}`, '200.0']);
    }
  });
});
