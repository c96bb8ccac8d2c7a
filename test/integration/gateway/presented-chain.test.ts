import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../helpers/temp-dir';
import { curl } from '../../helpers/gateway/clients';
import { GatewayFixture, makeSite, oneToOne } from '../../helpers/gateway/gateway-fixture';
import { createGatewayPki, type GatewayPki } from '../../helpers/gateway/gateway-pki';
import { startTestGateway, type TestGateway } from '../../helpers/gateway/test-gateway';

// The chain a client sends is read from the TLS connection only when the site's trusted issuers and
// the store's intermediates make no valid path without it (reading it is the costly part of reading
// the client's certificate). So with the issuing CA missing from the store, a client that sends it
// logs on, one that does not gets 403.16, and each connection is judged on what it sent.

describe('the chain the client sends', () => {
  const work = makeTempDir('gateway-presented-chain-');
  const fixture = new GatewayFixture();
  let pki: GatewayPki;
  let gw: TestGateway;
  let aliceWithChain = '';
  let url = '';

  beforeAll(async () => {
    pki = createGatewayPki(join(work.path, 'pki'));
    fixture.importPki(pki);
    // Only the root stays: the issuing CA is known only from what clients send.
    fixture.certificates.delete(pki.intermediate.sha256);
    fixture.putAccount('alice');
    fixture.putSite(makeSite(pki, { name: 'RootOnly', trustedIssuers: [pki.root.sha256], oneToOne: [oneToOne(pki.alice, 'alice')], content: { kind: 'static', directory: work.path } }));
    writeFileSync(join(work.path, 'index.html'), 'hello\n');
    aliceWithChain = join(work.path, 'alice-with-chain.pem');
    writeFileSync(aliceWithChain, pki.alice.pem + pki.intermediate.pem);
    gw = await startTestGateway(fixture);
    url = `https://127.0.0.1:${gw.port('RootOnly')}/`;
  });
  afterAll(async () => {
    await gw?.stop();
    work.cleanup();
  });

  // -k: the server's own chain lacks the issuing CA too; this is about the client's.
  const asAlice = (certFile: string) => curl(pki, ['-k', '--cert', certFile, '--key', pki.alice.keyPath, url]);

  it('a client that sends its issuing CA is verified through it and logs on', async () => {
    const answer = await asAlice(aliceWithChain);
    expect(answer.status).toBe(200);
    expect(answer.body).toBe('hello\n');
    expect((await gw.audited(0, 1)).at(-1)).toMatchObject({ status: '200.0', account: 'alice' });
  });

  it('the same certificate without its issuing CA gets 403.16, and sending it again logs on again', async () => {
    const bare = await asAlice(pki.alice.pemPath);
    expect(bare.status).toBe(403);
    expect(bare.headers['x-certmapper-status']).toBe('403.16');
    expect(bare.body).toContain('Gateway Issuing CA');
    expect((await asAlice(aliceWithChain)).status).toBe(200);
  });
});
