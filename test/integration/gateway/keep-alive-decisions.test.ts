import { mkdirSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeRequest } from '../../helpers/gateway/clients';
import { GatewayFixture, makeSite, oneToOne } from '../../helpers/gateway/gateway-fixture';
import { createGatewayPki, type GatewayPki } from '../../helpers/gateway/gateway-pki';
import { startTestGateway, type TestGateway } from '../../helpers/gateway/test-gateway';
import { makeTempDir } from '../../helpers/temp-dir';

// A keep-alive connection remembers its last decision (request-handler.ts): the next request for the
// same path reuses it. Whatever it reuses, each request is decided for its own path, audited on its
// own, and judged by a new configuration from its next request on.

describe('decisions on one keep-alive connection', () => {
  const work = makeTempDir('gateway-keep-alive-');
  const fixture = new GatewayFixture();
  let pki: GatewayPki;
  let gw: TestGateway;
  let agent: https.Agent;

  beforeAll(async () => {
    pki = createGatewayPki(join(work.path, 'pki'));
    const www = join(work.path, 'www');
    mkdirSync(join(www, 'admin'), { recursive: true });
    writeFileSync(join(www, 'index.html'), 'home\n');
    writeFileSync(join(www, 'admin', 'index.html'), 'admin\n');
    fixture.importPki(pki);
    fixture.putAccount('alice');
    const site = makeSite(pki, {
      name: 'Kept',
      content: { kind: 'static', directory: www },
      oneToOne: [oneToOne(pki.alice, 'alice')],
      folders: [{ path: '/admin', security: {}, authorization: [{ access: 'allow', kind: 'group', name: 'admins' }] }],
    });
    fixture.putSite(site);
    gw = await startTestGateway(fixture);
    agent = new https.Agent({ keepAlive: true, maxSockets: 1 });
  });
  afterAll(async () => {
    agent?.destroy();
    await gw?.stop();
    work.cleanup();
  });

  const get = (path: string) => nodeRequest(pki, { port: gw.port('Kept'), path, cert: pki.alice, agent });

  it('decides each path for itself and audits every request, on one connection', async () => {
    const since = await gw.auditMark();
    const answers = [];
    for (const path of ['/', '/admin/', '/', '/', '/admin/', '/']) answers.push(await get(path));
    expect(new Set(answers.map((a) => a.localPort)).size).toBe(1);
    expect(answers.map((a) => [a.status, a.status === 200 ? a.body : ''])).toEqual([
      [200, 'home\n'],
      [401, ''],
      [200, 'home\n'],
      [200, 'home\n'],
      [401, ''],
      [200, 'home\n'],
    ]);
    const records = await gw.audited(since, 6);
    expect(records.map((r) => [r.path, r.status, r.account])).toEqual([
      ['/', '200.0', 'alice'],
      ['/admin', '401.3', 'alice'],
      ['/', '200.0', 'alice'],
      ['/', '200.0', 'alice'],
      ['/admin', '401.3', 'alice'],
      ['/', '200.0', 'alice'],
    ]);
    // The fourth request reused the third's decision: no decision ran, and its record says 0 µs.
    expect(records[3]!.micros).toBe(0);
    for (const record of records) expect(new Date(record.time).toISOString()).toBe(record.time);
  });

  it('a configuration change reaches the next request on the same connection, for a path it decided before', async () => {
    const before = await get('/admin/');
    expect(before.status).toBe(401);
    fixture.putAccount('alice', ['admins']);
    await gw.apply();
    const after = await get('/admin/');
    expect([after.status, after.body, after.localPort]).toEqual([200, 'admin\n', before.localPort]);
  });
});
