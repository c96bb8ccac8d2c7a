import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway } from '../../../main/gateway/gateway-controller';
import { makeTempDir } from '../../helpers/temp-dir';
import { buildGatewayEntry } from '../../helpers/gateway/build-gateway-entry';
import { curl, curlCert } from '../../helpers/gateway/clients';
import { GatewayFixture, makeSite, oneToOne } from '../../helpers/gateway/gateway-fixture';
import { createGatewayPki, type GatewayPki } from '../../helpers/gateway/gateway-pki';
import { startTestGateway, type TestGateway } from '../../helpers/gateway/test-gateway';

// The controller runs the same runtime in a child process (the product, and every other gateway
// test), a worker thread, or on the caller's thread (tools and tests from TypeScript sources). All
// answer alike, and all stop cleanly: the port is closed afterwards.

const work = makeTempDir('gateway-modes-');
let pki: GatewayPki;
beforeAll(() => {
  pki = createGatewayPki(join(work.path, 'pki'));
});
afterAll(() => work.cleanup());

describe.each(['process', 'worker', 'in-thread'] as const)('gateway runtime %s', (host) => {
  const fixture = new GatewayFixture();
  let gw: TestGateway;

  beforeAll(async () => {
    fixture.importPki(pki);
    fixture.putAccount('alice');
    fixture.putSite(makeSite(pki, { name: 'Modes', content: { kind: 'static', directory: work.path }, oneToOne: [oneToOne(pki.alice, 'alice')] }));
    gw = await startTestGateway(fixture, { host });
  });

  it('decides, audits and stops', async () => {
    const port = gw.port('Modes');
    expect((await curl(pki, [...curlCert(pki.alice), `https://127.0.0.1:${port}/missing`])).status).toBe(404);
    expect((await curl(pki, [`https://127.0.0.1:${port}/`])).headers['x-certmapper-status']).toBe('403.7');
    expect((await gw.audited(0, 2)).map((r) => r.status)).toEqual(['200.0', '403.7']);
    await gw.stop();
    await expect(curl(pki, [`https://127.0.0.1:${port}/`])).rejects.toThrow(/Failed to connect|Couldn't connect/);
    // A stopped gateway's listening() no longer waits for anything.
    await expect(gw.gateway.listening()).resolves.toMatchObject({ version: 1 });
  });
});

describe.each(['process', 'worker'] as const)('gateway %s crash', (host) => {
  it('a gateway that dies is started again with the latest snapshot, and says so', async () => {
    const data = makeTempDir('gateway-crash-');
    try {
      const fixture = new GatewayFixture();
      fixture.importPki(pki);
      fixture.putSite(makeSite(pki, { name: 'Phoenix' }));
      // An entry that dies on its first start (as an uncaught error would), then runs the real bundle.
      const marker = join(data.path, 'crashed-once');
      const entry = join(data.path, 'crash-once.mjs');
      writeFileSync(entry, [
        "import { existsSync, writeFileSync } from 'node:fs';",
        `if (!existsSync(${JSON.stringify(marker)})) { writeFileSync(${JSON.stringify(marker)}, ''); process.exit(3); }`,
        `await import(${JSON.stringify((await buildGatewayEntry()).href)});`,
      ].join('\n'));
      const errors: string[] = [];
      const gateway = startGateway({ dataDir: data.path, getSnapshot: () => fixture.snapshot(), onError: (m) => errors.push(m), runtime: { kind: host, entry: pathToFileURL(entry) } });
      const report = await gateway.listening();
      expect(errors).toEqual([`gateway ${host === 'process' ? 'process' : 'worker'} exited with code 3: restarting`]);
      const port = report.bindings[0]!.port;
      expect((await curl(pki, [`https://127.0.0.1:${port}/`])).headers['x-certmapper-status']).toBe('403.7');
      await gateway.stop();
    } finally {
      data.cleanup();
    }
  });
});
