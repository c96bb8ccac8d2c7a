import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthorityInfo, IssuedCertificate } from '../../../shared/models/authority';
import { cliIn, runCli } from '../../helpers/run-cli';
import { makeTempDir } from '../../helpers/temp-dir';

// `certmapper ca` as a user runs it: requests made by `openssl req`, certificates and CRLs checked by
// `openssl verify`, `openssl x509` and `openssl crl`.

const openssl = (args: string[], cwd: string) => execFileSync('openssl', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
/** openssl verify's verdict (exit status and output) without throwing. */
const opensslVerify = (args: string[], cwd: string) => {
  const run = spawnSync('openssl', ['verify', ...args], { cwd, encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
};

describe('certmapper ca: init, sign, revoke, crl', () => {
  const work = makeTempDir('ca-cli-');
  const data = makeTempDir('ca-cli-data-');
  const dir = work.path;
  const { cli, ok } = cliIn(data.path);
  const issued = (): IssuedCertificate[] => JSON.parse(ok('ca', 'list', '--json'));
  let info: AuthorityInfo;

  beforeAll(() => {
    info = JSON.parse(ok('ca', 'init', '--name', 'CLI Test Authority', '--crl-url', 'http://127.0.0.1:1/crl/cli.crl', '--json'));
    ok('cert', 'export', info.root.sha256, '--format', 'pem', '--out', join(dir, 'root.pem'));
    openssl(['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'client.key', '-subj', '/O=Example/CN=Carol', '-addext', 'subjectAltName=email:carol@example.org', '-out', 'client.csr'], dir);
    openssl(['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-subj', '/CN=web.example', '-addext', 'subjectAltName=DNS:web.example,IP:127.0.0.1', '-out', 'server.csr'], dir);
    openssl(['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'bare.key', '-subj', '/CN=bare', '-out', 'bare.csr'], dir);
  });
  afterAll(() => {
    work.cleanup();
    data.cleanup();
  });

  it('creates the authority once: an ECDSA P-256 root in Trusted Root, its key in the vault only', () => {
    expect(info).toMatchObject({ name: 'CLI Test Authority', root: { keyAlgorithm: 'ec-p256', role: 'root', crlUrl: 'http://127.0.0.1:1/crl/cli.crl' }, intermediate: null });
    const roots = JSON.parse(ok('cert', 'list', '--store', 'root', '--json')) as { sha256: string; hasPrivateKey: boolean }[];
    expect(roots).toEqual([expect.objectContaining({ sha256: info.root.sha256, hasPrivateKey: false })]);
    const root = openssl(['x509', '-in', 'root.pem', '-noout', '-text'], dir);
    expect(root).toMatch(/CA:TRUE/);
    expect(root).toMatch(/Certificate Sign, CRL Sign/);
    expect(root).toMatch(/ASN1 OID: prime256v1/);
    for (const file of ['authority.json', 'certificates.json']) expect(readFileSync(join(data.path, file), 'utf8')).not.toMatch(/PRIVATE KEY|MIG[HI]AgEA/);
    const again = cli('ca', 'init');
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('CONFLICT');
    expect(again.stderr).toContain('already has a local authority');
  });

  it('signs an openssl request as a client certificate: openssl verify accepts it; clientAuth, the CDP URL and the requested SAN are in it', () => {
    const run = ok('ca', 'sign', join(dir, 'client.csr'), '--out', join(dir, 'client.pem'));
    const sha256 = run.split('\n')[0];
    expect(sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(opensslVerify(['-CAfile', 'root.pem', '-purpose', 'sslclient', 'client.pem'], dir)).toEqual({ status: 0, output: 'client.pem: OK\n' });
    const text = openssl(['x509', '-in', 'client.pem', '-noout', '-text'], dir);
    expect(text).toMatch(/X509v3 Extended Key Usage:\s+TLS Web Client Authentication/);
    expect(text).toMatch(/X509v3 CRL Distribution Points:\s+Full Name:\s+URI:http:\/\/127\.0\.0\.1:1\/crl\/cli\.crl/);
    expect(text).toMatch(/X509v3 Subject Alternative Name:\s+email:carol@example\.org/);
    expect(text).toMatch(/Subject: O = Example, CN = Carol/);
    expect(issued()[0]).toMatchObject({ sha256, profile: 'client', status: 'valid', subject: 'CN=Carol, O=Example' });
  });

  it('signs a server request with its SANs and the days asked for; a server request without SAN is refused', () => {
    ok('ca', 'sign', join(dir, 'server.csr'), '--out', join(dir, 'server.pem'), '--profile', 'server', '--days', '30');
    expect(opensslVerify(['-CAfile', 'root.pem', '-purpose', 'sslserver', 'server.pem'], dir).status).toBe(0);
    const text = openssl(['x509', '-in', 'server.pem', '-noout', '-text'], dir);
    expect(text).toMatch(/TLS Web Server Authentication/);
    expect(text).toMatch(/Digital Signature, Key Encipherment/);
    expect(text).toMatch(/DNS:web\.example, IP Address:127\.0\.0\.1/);
    const end = Date.parse(openssl(['x509', '-in', 'server.pem', '-noout', '-enddate'], dir).replace('notAfter=', ''));
    expect(Math.round((end - Date.now()) / 86_400_000)).toBe(30);

    const count = issued().length;
    const bare = cli('ca', 'sign', join(dir, 'bare.csr'), '--out', join(dir, 'bare.pem'), '--profile', 'server');
    expect(bare.status).toBe(1);
    expect(bare.stderr).toContain('A server certificate needs a subject alternative name');
    expect(issued()).toHaveLength(count);
  });

  it('refuses a request whose signature does not verify, saying so, and issues nothing', () => {
    const der = execFileSync('openssl', ['req', '-in', join(dir, 'client.csr'), '-outform', 'DER']);
    const tampered = Buffer.from(der.toString('latin1').replace('Carol', 'Mallo'), 'latin1');
    writeFileSync(join(dir, 'tampered.csr'), tampered);
    // OpenSSL agrees the request is bad (it says so, though its exit status stays 0).
    expect(spawnSync('openssl', ['req', '-in', join(dir, 'tampered.csr'), '-inform', 'DER', '-verify', '-noout'], { encoding: 'utf8' }).stderr).toContain('verify failure');
    const count = issued().length;
    const run = cli('ca', 'sign', join(dir, 'tampered.csr'), '--out', join(dir, 'tampered.pem'));
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Error (INTEGRITY)');
    expect(run.stderr).toContain('signature does not verify');
    expect(issued()).toHaveLength(count);
  });

  it('revokes with a reason; ca crl writes a CRL openssl reads, and openssl verify -crl_check then says revoked', () => {
    const client = issued().find((c) => c.subject === 'CN=Carol, O=Example')!;
    const revoked = JSON.parse(ok('ca', 'revoke', client.sha256, '--reason', 'keyCompromise', '--json'));
    expect(revoked.certificate).toMatchObject({ status: 'revoked', reason: 'keyCompromise' });
    expect(revoked.crl.number).toBe(2);
    ok('ca', 'crl', '--out', join(dir, 'cli.crl'));
    const text = openssl(['crl', '-inform', 'DER', '-in', 'cli.crl', '-CAfile', 'root.pem', '-noout', '-text'], dir);
    expect(text).toMatch(new RegExp(`Serial Number: ${client.serial}\\s+Revocation Date:[^\\n]+\\s+CRL entry extensions:\\s+X509v3 CRL Reason Code:\\s+Key Compromise`));
    expect(text).toMatch(/X509v3 CRL Number:\s+2/);
    ok('ca', 'crl', '--out', join(dir, 'cli-crl.pem'), '--pem');
    const verdict = opensslVerify(['-crl_check', '-CAfile', 'root.pem', '-CRLfile', 'cli-crl.pem', 'client.pem'], dir);
    expect(verdict.status).not.toBe(0);
    expect(verdict.output).toContain('certificate revoked');
    expect(opensslVerify(['-crl_check', '-CAfile', 'root.pem', '-CRLfile', 'cli-crl.pem', 'server.pem'], dir).status).toBe(0);

    const twice = cli('ca', 'revoke', client.sha256);
    expect(twice.status).toBe(1);
    expect(twice.stderr).toContain('already revoked');
    const badReason = cli('ca', 'revoke', client.sha256, '--reason', 'bored');
    expect(badReason.status).toBe(2);
    expect(badReason.stderr).toContain('--reason must be one of unspecified, keyCompromise');
  });

  it('with --intermediate, the intermediate issues: openssl verifies the chain the certificate file carries, CRLs included', () => {
    const other = makeTempDir('ca-cli-intermediate-');
    try {
      const run = (...args: string[]) => runCli(args, { dataDir: other.path });
      const init = run('ca', 'init', '--intermediate', '--alg', 'ec-p384', '--crl-url', 'http://127.0.0.1:1/crl/two.crl', '--json');
      expect(init.status, init.stderr).toBe(0);
      const two: AuthorityInfo = JSON.parse(init.stdout);
      expect(two.intermediate).toMatchObject({ role: 'intermediate', keyAlgorithm: 'ec-p384', crlUrl: 'http://127.0.0.1:1/crl/two.crl' });
      expect(two.root.crlUrl).toBe('http://127.0.0.1:1/crl/two-root.crl');
      expect(JSON.parse(run('cert', 'list', '--store', 'intermediate', '--json').stdout)).toEqual([expect.objectContaining({ sha256: two.intermediate!.sha256 })]);
      expect(run('cert', 'export', two.root.sha256, '--format', 'pem', '--out', join(dir, 'two-root.pem')).status).toBe(0);
      expect(run('ca', 'sign', join(dir, 'client.csr'), '--out', join(dir, 'two-client.pem')).status).toBe(0);
      expect(readFileSync(join(dir, 'two-client.pem'), 'utf8').match(/BEGIN CERTIFICATE/g)).toHaveLength(2);
      expect(run('ca', 'crl', '--pem', '--out', join(dir, 'two.crl.pem')).status).toBe(0);
      expect(run('ca', 'crl', '--root', '--pem', '--out', join(dir, 'two-root.crl.pem')).status).toBe(0);
      const verdict = opensslVerify(['-crl_check_all', '-CAfile', 'two-root.pem', '-untrusted', 'two-client.pem', '-CRLfile', 'two.crl.pem', '-CRLfile', 'two-root.crl.pem', 'two-client.pem'], dir);
      expect(verdict).toEqual({ status: 0, output: 'two-client.pem: OK\n' });
      const intermediateText = openssl(['x509', '-in', 'two-client.pem', '-noout', '-text'], dir);
      expect(intermediateText).toMatch(/Issuer: CN = CLI Test Authority|Issuer: CN = CertMapper Local Authority \([^)]*\) Issuing CA/);
    } finally {
      other.cleanup();
    }
  });

  it('explains a wrong command line', () => {
    const missing = cli('ca', 'issue', '--account', 'nobody', '--out', join(dir, 'x.pfx'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('ca issue needs --account USER, --out FILE.pfx and --password P');
    const validity = cli('ca', 'init', '--crl-validity', 'forever');
    expect(validity.status).toBe(2);
    expect(validity.stderr).toContain('--crl-validity must be a duration');
  });
});
