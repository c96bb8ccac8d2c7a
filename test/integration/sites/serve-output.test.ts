import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, pollUntil } from '../../helpers/gateway/test-gateway';
import { cliIn, importServerCertificate } from '../../helpers/run-cli';
import { startConsole, type RunningConsole } from '../../helpers/start-console';
import { makeTempDir } from '../../helpers/temp-dir';
import { openssl } from '../keys/key-fixtures';

// What `certmapper serve` prints about its listeners, as an administrator reads it in a terminal or a
// service log: each binding once, then only what changes.

describe('certmapper serve: listener lines', () => {
  const work = makeTempDir('serve-output-');
  const data = makeTempDir('serve-output-data-');
  const { ok } = cliIn(data.path);
  let serve: RunningConsole;
  let port = 0;
  const count = (text: string, needle: string) => text.split(needle).length - 1;

  beforeAll(async () => {
    port = await freePort();
    openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'server.key', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-days', '2', '-out', 'server.pem'], work.path);
    const server = importServerCertificate(ok, join(work.path, 'server.pem'), join(work.path, 'server.key'));
    ok('site', 'add', 'Shop', '--bind', `https://127.0.0.1:${port}`, '--content', work.path, '--server-cert', server);
    serve = await startConsole({ dataDir: data.path });
    await pollUntil(async () => serve.output(), (text) => text.includes(`Site "Shop": listening on https://127.0.0.1:${port}/`), 10_000);
  });
  afterAll(async () => {
    await serve?.stop();
    work.cleanup();
    data.cleanup();
  });

  it('says a binding once, says an all-addresses one is on all addresses, and says when one is gone', async () => {
    // Changes that leave Shop's binding as it was: the gateway reports every binding again, serve does not repeat it.
    ok('account', 'add', 'alice');
    const everywhere = await freePort();
    ok('binding', 'add', '--site', 'Shop', '--bind', `https://*:${everywhere}`);
    const added = `Site "Shop": listening on https://localhost:${everywhere}/ (all addresses)`;
    await pollUntil(async () => serve.output(), (text) => text.includes(added), 10_000);
    ok('binding', 'remove', '--site', 'Shop', '--bind', `https://*:${everywhere}`);
    const removed = `Site "Shop": no longer listening on https://localhost:${everywhere}/`;
    const output = await pollUntil(async () => serve.output(), (text) => text.includes(removed), 10_000);
    expect(count(output, `Site "Shop": listening on https://127.0.0.1:${port}/`)).toBe(1);
    expect(count(output, added)).toBe(1);
  });
});
