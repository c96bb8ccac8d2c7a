import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BindingConflict } from '../../../shared/models/binding';
import { createDatedPki, daysFromNow, type DatedCertificate } from '../../helpers/dated-pki';
import { freePort } from '../../helpers/gateway/test-gateway';
import { runCli } from '../../helpers/run-cli';
import { startConsole, type RunningConsole } from '../../helpers/start-console';
import { makeTempDir } from '../../helpers/temp-dir';
import { openTls, requestOn, sClientCertificate, until } from '../../helpers/tls-probe';

// A real `certmapper serve` (gateway worker + web console): conflicts through the HTTP transport, our
// own listeners told apart from another program's, and a binding's certificate changed under a live
// TLS connection.
describe('bindings on a running certmapper serve', () => {
  const temp = makeTempDir('certmapper-bindings-serve-');
  let server: RunningConsole;
  let live: DatedCertificate;
  let renewed: DatedCertificate;
  let other: DatedCertificate;
  let livePort = 0;
  let otherPort = 0;
  let holder: Server;
  let heldPort = 0;
  const sockets: TLSSocket[] = [];
  const cli = (...args: string[]) => {
    const run = runCli(args, { dataDir: server.dataDir });
    expect(run.status, `certmapper ${args.join(' ')}\n${run.stderr}`).toBe(0);
    return run.stdout;
  };
  const invoke = async (channel: string, body: unknown) => {
    const response = await fetch(`${server.baseUrl}/api/invoke/${channel}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` },
      body: JSON.stringify(body),
    });
    return (await response.json()) as { ok: boolean; value?: unknown; error?: { code: string; message: string } };
  };
  const check = async (site: string, binding: object, replacing?: object): Promise<BindingConflict[]> => {
    const result = await invoke('bindings.check', { site, binding, replacing });
    expect(result.ok, JSON.stringify(result.error)).toBe(true);
    return (result.value as { conflicts: BindingConflict[] }).conflicts;
  };

  beforeAll(async () => {
    const pki = createDatedPki(join(temp.path, 'pki'));
    live = pki.issue('live', { commonName: 'live.test', profile: 'server', notAfter: daysFromNow(300) });
    renewed = pki.issue('renewed', { commonName: 'renewed.test', profile: 'server', notAfter: daysFromNow(700) });
    other = pki.issue('other', { commonName: 'other.test', profile: 'server', notAfter: daysFromNow(300) });
    const content = join(temp.path, 'wwwroot');
    mkdirSync(content);
    writeFileSync(join(content, 'hello.txt'), 'hello\n');
    server = await startConsole();
    [livePort, otherPort] = [await freePort(), await freePort()];
    cli('cert', 'import', live.withKeyPath, renewed.withKeyPath, other.withKeyPath, '--store', 'server');
    cli('site', 'add', 'Live', '--bind', `https://127.0.0.1:${livePort}`, '--server-cert', live.sha256, '--content', content);
    cli('site', 'set', 'Live', '--client-cert', 'ignore', '--anonymous', 'on');
    cli('site', 'add', 'Other', '--bind', `https://127.0.0.1:${otherPort}`, '--server-cert', other.sha256, '--content', content);
    cli('site', 'set', 'Other', '--client-cert', 'ignore', '--anonymous', 'on');
    await until(() => sClientCertificate(livePort), (c) => c?.serialNumber === live.serial, 'the gateway serving Live');
    holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    heldPort = (holder.address() as { port: number }).port;
  });
  afterAll(async () => {
    sockets.forEach((s) => s.destroy());
    if (holder) await new Promise((resolve) => holder.close(resolve));
    await server?.stop();
    temp.cleanup();
  });

  it('explains each conflict through the HTTP transport, before anything is saved', async () => {
    const duplicate = await check('Other', { protocol: 'https', address: '127.0.0.1', port: livePort, host: null });
    expect(duplicate).toEqual([expect.objectContaining({ kind: 'duplicate', with: expect.objectContaining({ siteName: 'Live' }) })]);
    expect(duplicate[0]?.message).toBe(
      `https://127.0.0.1:${livePort} is already bound to site "Live": the same address, port and empty host name cannot belong to two bindings. Give one of them a host name, another port or another address.`,
    );
    const all = await check('Other', { protocol: 'https', address: '*', port: livePort, host: 'x.test' });
    expect(all.map((c) => c.kind)).toEqual(['all-addresses']);
    expect(all[0]?.message).toContain(`a binding on all addresses takes port ${livePort} on every address, so 127.0.0.1:${livePort} cannot be bound on its own`);
    const protocol = await check('Other', { protocol: 'http', address: '127.0.0.1', port: livePort, host: null });
    expect(protocol.map((c) => c.kind)).toEqual(['protocol']);
    const held = await check('Other', { protocol: 'https', address: '127.0.0.1', port: heldPort, host: null });
    expect(held).toEqual([{ kind: 'port-in-use', with: null, message: `Port ${heldPort} on 127.0.0.1 is in use by another program (not CertMapper's gateway), so the gateway could not listen there. Stop that program or choose another port.` }]);

    const add = await invoke('bindings.add', { site: 'Other', binding: { protocol: 'https', address: '127.0.0.1', port: heldPort, host: null, certificateSha256: other.sha256 } });
    expect(add).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('in use by another program') } });
  });

  it('does not count a port our own gateway holds for these bindings as in use', async () => {
    // The port is busy (the gateway listens there) ...
    const probe = createServer();
    const busy = await new Promise<string>((resolve) => {
      probe.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? ''));
      probe.listen(livePort, '127.0.0.1', () => probe.close(() => resolve('free')));
    });
    expect(busy).toBe('EADDRINUSE');
    // ... and serve published that it is its own listener.
    expect(JSON.parse(readFileSync(join(server.dataDir, 'gateway-listeners.json'), 'utf8')).endpoints).toContainEqual({ protocol: 'https', address: '127.0.0.1', port: livePort });
    expect(await check('Live', { protocol: 'https', address: '127.0.0.1', port: livePort, host: null }, { protocol: 'https', address: '127.0.0.1', port: livePort, host: null })).toEqual([]);
    expect(await check('Other', { protocol: 'https', address: '127.0.0.1', port: livePort, host: 'other.test' })).toEqual([]);

    // Saved, and the running gateway really serves it on the shared listener, chosen by SNI.
    const add = await invoke('bindings.add', { site: 'Other', binding: { protocol: 'https', address: '127.0.0.1', port: livePort, host: 'other.test', certificateSha256: null } });
    expect(add.ok, JSON.stringify(add.error)).toBe(true);
    const bySni = await until(() => sClientCertificate(livePort, 'other.test'), (c) => c?.serialNumber === other.serial, 'the new host binding served');
    expect(bySni?.subject).toContain('CN=other.test');
    expect((await sClientCertificate(livePort))?.serialNumber).toBe(live.serial);
  });

  it('binding set: the next handshake gets the new certificate, a TLS connection opened before keeps working on the old one', async () => {
    const before = await openTls(livePort);
    sockets.push(before);
    expect(before.getPeerCertificate().serialNumber).toBe(live.serial);
    expect(await requestOn(before, '/hello.txt')).toBe(200);

    const said = cli('binding', 'set', '--site', 'Live', '--bind', `https://127.0.0.1:${livePort}`, '--server-cert', renewed.sha256);
    expect(said).toContain(`now presents renewed.test (serial ${renewed.serial}) from the next TLS handshake`);

    // openssl s_client on a new connection: the new serial and subject, without a restart.
    const seen = await until(() => sClientCertificate(livePort), (c) => c?.serialNumber === renewed.serial, 'openssl s_client seeing the renewed certificate');
    expect(seen?.subject).toContain('CN=renewed.test');
    // The connection opened before: still open, still answered, still on the certificate it started with.
    expect(await requestOn(before, '/hello.txt')).toBe(200);
    expect([before.destroyed, before.getPeerCertificate().serialNumber]).toEqual([false, live.serial]);
    // And a new Node TLS connection agrees with openssl.
    const after = await openTls(livePort);
    sockets.push(after);
    expect(after.getPeerCertificate().serialNumber).toBe(renewed.serial);
    expect(await requestOn(after, '/hello.txt')).toBe(200);
    // The other site's host binding on the same listener kept its own certificate.
    expect((await sClientCertificate(livePort, 'other.test'))?.serialNumber).toBe(other.serial);
  });
});
