import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BindingRow } from '../../../shared/models/binding';
import type { RebindResult } from '../../../shared/models/renewal';
import { parseHttp, runProgram } from '../../helpers/gateway/clients';
import { freePort } from '../../helpers/gateway/test-gateway';
import { cliIn } from '../../helpers/run-cli';
import { startConsole, type RunningConsole } from '../../helpers/start-console';
import { makeTempDir } from '../../helpers/temp-dir';
import { createTestPki, type TestPki } from '../../helpers/test-pki';
import { openTls, requestOn, sClientCertificate, until } from '../../helpers/tls-probe';
import { openssl, signRequest } from '../keys/key-fixtures';

// The renewal wizard from the command line, against a running `certmapper serve`: the local authority
// renews a server certificate and both of its bindings present the new one from the next handshake
// (openssl s_client), while a connection opened before keeps the old one; a request for another
// authority waits, a wrong reply is refused, the right one installs and rebinds; a person's client
// certificate renews with its one-to-one mapping.

const spkiOf = (certificate: X509Certificate) => certificate.publicKey.export({ type: 'spki', format: 'der' }).toString('hex');

describe('cert renew and key install on a running gateway', () => {
  const work = makeTempDir('renewal-');
  const data = makeTempDir('renewal-data-');
  const dir = work.path;
  const { cli, ok } = cliIn(data.path);
  const json = <T,>(...args: string[]): T => JSON.parse(ok(...args, '--json')) as T;
  const served = (port: number, serial: string) => until(() => sClientCertificate(port), (c) => c?.serialNumber === serial, `port ${port} presenting serial ${serial}`);
  let pki: TestPki;
  let serve: RunningConsole | undefined;
  let upstream: Server;
  let sitePort = 0;
  let ownPort = 0;
  let current = '';
  const sockets: TLSSocket[] = [];

  beforeAll(async () => {
    pki = createTestPki(dir);
    upstream = createServer((req, res) => res.end(`hello ${req.headers['x-remote-user'] ?? '(nobody)'}\n`));
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    [sitePort, ownPort] = [await freePort(), await freePort()];
    ok('ca', 'init', '--name', 'Renewal Lab CA', '--crl-url', `http://127.0.0.1:${await freePort()}/crl/lab.crl`);
    // A server certificate from elsewhere, imported with its key: what an administrator renews.
    openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'web.key', '-subj', '/O=Renewal Lab/CN=web.lab.test', '-addext', 'subjectAltName=DNS:web.lab.test,IP:127.0.0.1', '-days', '20', '-out', 'web.pem'], dir);
    writeFileSync(join(dir, 'web-with-key.pem'), readFileSync(join(dir, 'web.pem'), 'utf8') + readFileSync(join(dir, 'web.key'), 'utf8'));
    current = json<{ certificates: { sha256: string }[] }[]>('cert', 'import', join(dir, 'web-with-key.pem'), '--store', 'server')[0]!.certificates[0]!.sha256;
    ok('site', 'add', 'Web', '--bind', `https://127.0.0.1:${sitePort}`, '--server-cert', current, '--upstream', `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`);
    // A second binding naming the certificate as its own: both kinds must move.
    ok('binding', 'add', '--site', 'Web', '--bind', `https://127.0.0.1:${ownPort}`, '--server-cert', current);
    serve = await startConsole({ dataDir: data.path });
  });

  afterAll(async () => {
    sockets.forEach((s) => s.destroy());
    await serve?.stop();
    upstream.closeAllConnections();
    await new Promise((resolve) => upstream.close(resolve));
    work.cleanup();
    data.cleanup();
  });

  it('--ca local: a new key, the same subject and SANs, signed and installed; both bindings present it from the next handshake', async () => {
    const old = new X509Certificate(readFileSync(join(dir, 'web.pem')));
    await served(sitePort, old.serialNumber);
    const before = await openTls(sitePort);
    sockets.push(before);

    const result = json<{ previous: string; certificate: { sha256: string; serial: string }; rebind: RebindResult }>('cert', 'renew', current, '--ca', 'local');
    expect(result.previous).toBe(current);
    expect(result.rebind.rebound.map((r: BindingRow) => r.port).sort()).toEqual([sitePort, ownPort].sort());
    expect(result.rebind.siteCertificatesChanged).toEqual(['Web']);
    expect(result.rebind.remaining).toEqual([]);

    for (const port of [sitePort, ownPort]) {
      const seen = await served(port, result.certificate.serial);
      expect(seen!.subject).toBe(old.subject);
      expect(seen!.subjectAltName).toBe('DNS:web.lab.test, IP Address:127.0.0.1');
      expect(seen!.issuer).toBe('CN=Renewal Lab CA');
      expect(spkiOf(seen!)).not.toBe(spkiOf(old));
    }
    // The connection opened before the renewal finishes on the certificate it started with.
    expect([before.destroyed, before.getPeerX509Certificate()?.serialNumber]).toEqual([false, old.serialNumber]);
    expect(await requestOn(before, '/')).toBeGreaterThan(0);
    expect(JSON.parse(ok('site', 'show', 'Web', '--json')).serverCertificateSha256).toBe(result.certificate.sha256);
    current = result.certificate.sha256;
  });

  it('--same-key keeps the public key; the renewed certificate verifies against the local authority', async () => {
    ok('cert', 'export', current, '--format', 'pem', '--out', join(dir, 'renewed-1.pem'));
    const result = json<{ certificate: { sha256: string; serial: string } }>('cert', 'renew', current, '--same-key', '--ca', 'local', '--days', '90');
    ok('cert', 'export', result.certificate.sha256, '--format', 'pem', '--out', join(dir, 'renewed-2.pem'));
    const [first, second] = ['renewed-1.pem', 'renewed-2.pem'].map((f) => new X509Certificate(readFileSync(join(dir, f))));
    expect(spkiOf(second!)).toBe(spkiOf(first!));
    expect(second!.serialNumber).not.toBe(first!.serialNumber);
    expect(Date.parse(second!.validTo) - Date.now()).toBeLessThan(91 * 86_400_000);
    const authority = JSON.parse(ok('ca', 'status', '--json')).authority;
    ok('cert', 'export', authority.root.sha256, '--format', 'pem', '--out', join(dir, 'ca.pem'));
    expect(openssl(['verify', '-CAfile', join(dir, 'ca.pem'), '-purpose', 'sslserver', join(dir, 'renewed-2.pem')])).toContain(': OK');
    await served(sitePort, result.certificate.serial);
    current = result.certificate.sha256;
  });

  it('--out: a request for another authority; a wrong reply is refused and the request waits; the right one installs and rebinds', async () => {
    const requestPath = join(dir, 'renewal.csr');
    const pending = json<{ request: { id: string; subject: string; renews: string } }>('cert', 'renew', current, '--out', requestPath);
    expect(pending.request.renews).toBe(current);
    expect(execFileSync('openssl', ['req', '-in', requestPath, '-verify', '-noout'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })).toBe('');
    expect(openssl(['req', '-in', requestPath, '-noout', '-text'])).toMatch(/DNS:web\.lab\.test, IP Address:127\.0\.0\.1/);

    // A reply for a key that is not ours (someone else's request, signed by the same authority).
    openssl(['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'stranger.key', '-subj', '/CN=web.lab.test', '-out', 'stranger.csr'], dir);
    const wrong = signRequest(readFileSync(join(dir, 'stranger.csr'), 'utf8'), pki.intermediate, dir, 'stranger');
    const refused = cli('key', 'install', '--cert', wrong.path);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/KEY_MISMATCH.*is for another key.*Nothing was installed/s);
    expect(json<{ requests: { id: string }[] }>('key', 'list').requests.map((r) => r.id)).toContain(pending.request.id);

    const reply = signRequest(readFileSync(requestPath, 'utf8'), pki.intermediate, dir, 'renewal-reply');
    writeFileSync(join(dir, 'reply-with-chain.pem'), reply.pem + pki.intermediate.pem);
    const installed = json<{ certificate: { sha256: string }; renews: string; rebind: RebindResult }>('key', 'install', '--cert', join(dir, 'reply-with-chain.pem'));
    expect(installed.renews).toBe(current);
    expect(installed.rebind.rebound).toHaveLength(2);
    const serial = new X509Certificate(reply.pem).serialNumber;
    for (const port of [sitePort, ownPort]) expect((await served(port, serial))!.issuer).toBe(new X509Certificate(pki.intermediate.pem).subject);
    expect(json<{ requests: unknown[] }>('key', 'list').requests).toEqual([]);
    current = installed.certificate.sha256;
  });

  it("renews a person's client certificate issued by the local authority: the mapping moves, the new PKCS#12 logs on, the old one no longer maps", async () => {
    ok('account', 'add', 'carol', '--email', 'carol@lab.example');
    const carol = json<{ sha256: string }>('ca', 'issue', '--account', 'carol', '--out', join(dir, 'carol.pfx'), '--password', 'old secret', '--map-site', 'Web');
    const curlAs = async (pfx: string, password: string) => {
      const run = await runProgram('curl', ['-sS', '-i', '-k', '--max-time', '20', '--cert-type', 'P12', '--cert', `${pfx}:${password}`, `https://127.0.0.1:${sitePort}/`]);
      return parseHttp(run.stdout);
    };
    await until(() => curlAs(join(dir, 'carol.pfx'), 'old secret'), (a) => a.status === 200, 'carol mapped');

    const newPfx = join(dir, 'carol-renewed.pfx');
    const renewed = json<{ certificate: { sha256: string }; rebind: RebindResult; pfx: string }>('cert', 'renew', carol.sha256, '--ca', 'local', '--pfx-out', newPfx, '--password', 'new secret');
    expect(renewed.rebind.mappingsMoved.map((m) => [m.siteName, m.account])).toEqual([['Web', 'carol']]);
    expect(renewed.rebind.rebound).toEqual([]);
    const text = execFileSync('openssl', ['pkcs12', '-in', newPfx, '-passin', 'pass:new secret', '-nokeys', '-clcerts'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const certificate = new X509Certificate(text.slice(text.indexOf('-----BEGIN')));
    expect(certificate.subjectAltName).toBe('email:carol@lab.example');
    expect(certificate.keyUsage).toEqual(['1.3.6.1.5.5.7.3.2']);

    const fresh = await until(() => curlAs(newPfx, 'new secret'), (a) => a.status === 200, 'the renewed certificate mapped');
    expect(fresh.body).toBe('hello carol\n');
    const old = await curlAs(join(dir, 'carol.pfx'), 'old secret');
    expect([old.status, old.headers['x-certmapper-status']]).toEqual([401, '401.2']);
    const mappings = JSON.parse(ok('map', 'list', '--site', 'Web', '--json'));
    expect(mappings.map((m: { certificateSha256: string }) => m.certificateSha256)).toEqual([renewed.certificate.sha256]);
  });

  it('refuses what it cannot do, naming why, and changes nothing', () => {
    const before = ok('site', 'show', 'Web', '--json');
    const authority = JSON.parse(ok('ca', 'status', '--json')).authority;
    const ca = cli('cert', 'renew', authority.root.sha256, '--ca', 'local');
    expect([ca.status, ca.stderr]).toEqual([1, expect.stringMatching(/is a CA certificate/)]);
    ok('cert', 'import', pki.client.pemPath);
    const noKey = cli('cert', 'renew', pki.client.sha256, '--same-key', '--ca', 'local');
    expect([noKey.status, noKey.stderr]).toEqual([1, expect.stringMatching(/has no private key in the vault: the renewal needs a new key/)]);
    const usage = cli('cert', 'renew', current);
    expect([usage.status, usage.stderr]).toEqual([2, expect.stringContaining('needs --ca local')]);
    expect(ok('site', 'show', 'Web', '--json')).toBe(before);
  });
});
