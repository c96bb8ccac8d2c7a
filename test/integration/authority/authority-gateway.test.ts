import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthorityInfo } from '../../../shared/models/authority';
import { parseHttp, runProgram, type HttpAnswer } from '../../helpers/gateway/clients';
import { freePort } from '../../helpers/gateway/test-gateway';
import { cliIn, importServerCertificate } from '../../helpers/run-cli';
import { startConsole, type RunningConsole } from '../../helpers/start-console';
import { makeTempDir } from '../../helpers/temp-dir';

// The headline of the local authority, end to end with real processes: `ca issue --map-site` gives a
// PKCS#12 that curl presents to `certmapper serve` and is answered as the account; `ca revoke` from
// another process and the very next requests get 403.13, without a restart; the CRL is published at
// the CDP URL named in the certificate; and a CRL about to go stale is reissued while serve runs.

const PFX_PASSWORD = 'p12 secret';
/** Short, so the test sees a reissue: serve reissues at half-life, every 3 s here (default: 7 days). */
const CRL_VALIDITY_SECONDS = 6;

describe('local authority and a running gateway', () => {
  const work = makeTempDir('ca-gateway-');
  const data = makeTempDir('ca-gateway-data-');
  const dir = work.path;
  const { cli, ok } = cliIn(data.path);
  let upstream: Server;
  let serve: RunningConsole | undefined;
  let sitePort = 0;
  let crlUrl = '';
  let initial: AuthorityInfo;
  const issued: Record<string, { sha256: string; serial: string; pfx: string }> = {};

  /** curl presenting a PKCS#12 (curl's own P12 support), trusting the authority's root for the server. */
  async function curlAs(user: string): Promise<HttpAnswer> {
    const url = `https://127.0.0.1:${sitePort}/whoami`;
    const result = await runProgram('curl', ['-sS', '-i', '--http1.1', '--max-time', '20', '--cacert', join(dir, 'root.pem'), '--cert-type', 'P12', '--cert', `${issued[user]!.pfx}:${PFX_PASSWORD}`, url]);
    if (result.code !== 0) throw new Error(`curl ${url} failed (${result.code}): ${result.stderr}`);
    return parseHttp(result.stdout);
  }

  /** The CRL curl gets from the CDP URL, as `openssl crl -text` prints it. */
  async function publishedCrl(): Promise<string> {
    const file = join(dir, `fetched-${Date.now()}.crl`);
    const fetched = await runProgram('curl', ['-sS', '--fail', '--max-time', '10', '-o', file, crlUrl]);
    if (fetched.code !== 0) throw new Error(`curl ${crlUrl} failed: ${fetched.stderr}`);
    return execFileSync('openssl', ['crl', '-inform', 'DER', '-in', file, '-CAfile', join(dir, 'root.pem'), '-noout', '-text'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }

  beforeAll(async () => {
    upstream = createServer((req, res) => res.end(`hello ${req.headers['x-remote-user'] ?? '(nobody)'}\n`));
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    sitePort = await freePort();
    crlUrl = `http://127.0.0.1:${await freePort()}/crl/lab.crl`;

    initial = JSON.parse(ok('ca', 'init', '--name', 'Lab Authority', '--crl-url', crlUrl, '--crl-validity', `${CRL_VALIDITY_SECONDS}s`, '--json'));
    ok('cert', 'export', initial.root.sha256, '--format', 'pem', '--out', join(dir, 'root.pem'));
    // The gateway's own certificate comes from the authority too: an openssl request, signed as a server.
    execFileSync('openssl', ['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'server.key', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-out', 'server.csr'], { cwd: dir, stdio: 'ignore' });
    const serverSha256 = ok('ca', 'sign', join(dir, 'server.csr'), '--profile', 'server', '--out', join(dir, 'server.pem')).split('\n')[0]!;
    importServerCertificate(ok, join(dir, 'server.pem'), join(dir, 'server.key'));
    const upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    ok('site', 'add', 'Lab', '--bind', `https://127.0.0.1:${sitePort}`, '--server-cert', serverSha256, '--upstream', upstreamUrl);

    for (const user of ['alice', 'bob']) {
      ok('account', 'add', user, '--email', `${user}@lab.example`);
      const pfx = join(dir, `${user}.pfx`);
      const result = JSON.parse(ok('ca', 'issue', '--account', user, '--subject', `CN=${user}, O=Lab`, '--out', pfx, '--password', PFX_PASSWORD, '--map-site', 'Lab', '--json'));
      issued[user] = { sha256: result.sha256, serial: result.serial, pfx };
    }
    serve = await startConsole({ dataDir: data.path });
  });

  afterAll(async () => {
    await serve?.stop();
    upstream.closeAllConnections();
    await new Promise((resolve) => upstream.close(resolve));
    work.cleanup();
    data.cleanup();
  });

  it('gives a PKCS#12 that curl presents and the gateway answers as the mapped account (strict revocation, CRL from the store)', async () => {
    const site = JSON.parse(ok('site', 'show', 'Lab', '--json'));
    expect(site.security.revocation).toBe('strict');
    expect(site.trustedIssuers).toEqual([initial.root.sha256]);
    const alice = await curlAs('alice');
    expect([alice.status, alice.body]).toEqual([200, 'hello alice\n']);
    const bob = await curlAs('bob');
    expect([bob.status, bob.body]).toEqual([200, 'hello bob\n']);
  });

  it('names the CDP URL in what it issues, and serves the CRL there', async () => {
    const certificate = execFileSync('openssl', ['pkcs12', '-in', issued.alice!.pfx, '-passin', `pass:${PFX_PASSWORD}`, '-nokeys', '-clcerts'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const text = execFileSync('openssl', ['x509', '-noout', '-text'], { input: certificate, encoding: 'utf8' });
    expect(text).toContain(`URI:${crlUrl}`);
    expect(text).toMatch(/TLS Web Client Authentication/);
    expect(text).toMatch(/email:alice@lab\.example/);
    const crl = await publishedCrl();
    expect(crl).toMatch(/Issuer: CN = Lab Authority/);
    expect(crl).toContain('No Revoked Certificates.');
    expect(serve!.output()).toContain(`CRL publisher: serving the local authority's CRLs at ${new URL('.', crlUrl).href}`);
  });

  it('reissues the CRL before it goes stale while serve runs, so strict mode keeps accepting', async () => {
    const firstNextUpdate = Date.parse(initial.root.crl.nextUpdate);
    const deadline = firstNextUpdate + 10_000;
    let info = initial;
    while (Date.now() < deadline && !(Date.now() > firstNextUpdate + 500 && Date.parse(info.root.crl.nextUpdate) > Date.now())) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      info = JSON.parse(ok('ca', 'status', '--json')).authority;
    }
    expect(Date.now()).toBeGreaterThan(firstNextUpdate);
    expect(info.root.crl.number).toBeGreaterThan(initial.root.crl.number);
    expect(Date.parse(info.root.crl.nextUpdate)).toBeGreaterThan(Date.now());
    expect(serve!.output()).toMatch(/CRL: reissued the root CA's CRL #\d+, next update/);
    expect((await curlAs('bob')).status).toBe(200);
    const served = Number((await publishedCrl()).match(/X509v3 CRL Number:\s+(\d+)/)?.[1]);
    expect(served).toBeGreaterThanOrEqual(info.root.crl.number);
  });

  it('refuses a certificate revoked by `ca revoke` in another process with 403.13, without a restart', async () => {
    const started = Date.now();
    const revoke = cli('ca', 'revoke', issued.alice!.sha256, '--reason', 'keyCompromise');
    expect(revoke.status, revoke.stderr).toBe(0);
    const revokedAt = Date.now();
    let answer = await curlAs('alice');
    while (answer.status === 200 && Date.now() - revokedAt < 10_000) answer = await curlAs('alice');
    // Measured, not asserted (timings belong to the bench): how long the running gateway took to follow.
    console.log(`ca revoke: ${revokedAt - started} ms for the command; 403.13 ${Date.now() - revokedAt} ms after it returned`);
    expect(answer.status).toBe(403);
    expect(answer.headers['x-certmapper-status']).toBe('403.13');
    expect(answer.body).toContain('Failed step: revocation');
    expect(answer.body).toMatch(/is revoked by the CRL of "CN=Lab Authority"/);
    expect((await curlAs('bob')).body).toBe('hello bob\n');

    const crl = await publishedCrl();
    expect(crl).toMatch(new RegExp(`Serial Number: ${issued.alice!.serial}\\s+Revocation Date:[^\\n]+\\s+CRL entry extensions:\\s+X509v3 CRL Reason Code:\\s+Key Compromise`));
    expect(crl).not.toContain(issued.bob!.serial);
  });
});
