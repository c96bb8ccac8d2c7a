import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEY_ALGORITHMS } from '../../../shared/models/key';
import { runCli } from '../../helpers/run-cli';
import { makeTempDir } from '../../helpers/temp-dir';
import { openssl } from './key-fixtures';

const PUBLIC_KEY_TEXT: Record<(typeof KEY_ALGORITHMS)[number], RegExp> = {
  'ec-p256': /NIST CURVE: P-256/,
  'ec-p384': /NIST CURVE: P-384/,
  'rsa-2048': /Public-Key: \(2048 bit\)/,
  'rsa-3072': /Public-Key: \(3072 bit\)/,
  'rsa-4096': /Public-Key: \(4096 bit\)/,
  ed25519: /Public Key Algorithm: ED25519/,
};

describe('certmapper key new: requests openssl accepts', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let data: string;
  beforeAll(() => {
    dir = makeTempDir('certmapper-keynew-');
    data = join(dir.path, 'data');
  });
  afterAll(() => dir.cleanup());

  /** Make a request with the CLI; return openssl's verdict and its -text. */
  function request(name: string, args: string[]): { text: string; file: string } {
    const file = join(dir.path, `${name}.pem`);
    const run = runCli(['key', 'new', '--name', name, '--out', file, ...args], { dataDir: data });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(readFileSync(file, 'utf8')).toMatch(/^-----BEGIN CERTIFICATE REQUEST-----\n[A-Za-z0-9+/=\n]+-----END CERTIFICATE REQUEST-----\n$/);
    const verify = spawnSync('openssl', ['req', '-verify', '-in', file, '-noout'], { encoding: 'utf8' });
    expect(verify.stderr + verify.stdout).toMatch(/verify OK/);
    expect(verify.status).toBe(0);
    return { text: openssl(['req', '-in', file, '-noout', '-text']), file };
  }

  it.each(KEY_ALGORITHMS)('%s, server template: verified, with the key, serverAuth and the CN as a DNS SAN', (alg) => {
    const { text } = request(`server-${alg}`, ['--alg', alg, '--subject', `CN=${alg}.example.test, O=Example, C=US`]);
    expect(text).toMatch(PUBLIC_KEY_TEXT[alg]);
    expect(text).toMatch(/Subject: C\s*=\s*US, O\s*=\s*Example, CN\s*=\s*[a-z0-9-]+\.example\.test/);
    expect(text).toMatch(/Extended Key Usage:\s*\n\s*TLS Web Server Authentication/);
    expect(text).toMatch(/Key Usage: critical\s*\n\s*Digital Signature/);
    if (alg.startsWith('rsa')) expect(text).toMatch(/Digital Signature, Key Encipherment/);
    expect(text).toContain(`DNS:${alg}.example.test`);
    expect(text).toMatch(alg.startsWith('rsa') ? /sha256WithRSAEncryption/ : alg === 'ec-p384' ? /ecdsa-with-SHA384/ : alg === 'ec-p256' ? /ecdsa-with-SHA256/ : /ED25519/);
  });

  it('client template: clientAuth, and SANs of every kind exactly as given', () => {
    const { text } = request('alice', [
      '--alg', 'ec-p256', '--template', 'client',
      '--subject', 'CN=Alice Example, OU=Staff, O=Example\\, Inc.',
      '--san', 'email:alice@example.test', '--san', 'upn:alice@corp.test', '--san', 'dns:alice.example.test',
      '--san', 'ip:192.0.2.7', '--san', 'ip:2001:db8::7', '--san', 'uri:https://id.example.test/alice',
    ]);
    expect(text).toMatch(/Extended Key Usage:\s*\n\s*TLS Web Client Authentication/);
    expect(text).toMatch(/O\s*=\s*"Example, Inc\."/);
    expect(text).toContain('email:alice@example.test');
    expect(text).toContain('othername: UPN::alice@corp.test');
    expect(text).toContain('DNS:alice.example.test');
    expect(text).toContain('IP Address:192.0.2.7');
    expect(text).toContain('IP Address:2001:DB8:0:0:0:0:0:7');
    expect(text).toContain('URI:https://id.example.test/alice');
  });

  it('no template (by hand): subject and SANs only, no key usage asked for', () => {
    const { text } = request('plain', ['--alg', 'ec-p384', '--template', 'none', '--subject', 'CN=Plain', '--san', 'dns:plain.example.test']);
    expect(text).not.toContain('Key Usage');
    expect(text).toContain('DNS:plain.example.test');
  });

  it('an international host name is requested as its A-label, and the pending request is listed', () => {
    request('idn', ['--alg', 'ec-p256', '--subject', 'CN=bücher.example', '--san', 'dns:*.bücher.example']);
    const list = JSON.parse(runCli(['key', 'list', '--json'], { dataDir: data }).stdout) as { keys: { name: string }[]; requests: { subject: string; subjectAltNames: { type: string; value: string }[] }[] };
    const idn = list.requests.find((r) => r.subject === 'CN=bücher.example')!;
    expect(idn.subjectAltNames).toEqual([
      { type: 'dns', value: 'xn--bcher-kva.example' },
      { type: 'dns', value: '*.xn--bcher-kva.example' },
    ]);
    expect(list.keys.map((k) => k.name)).toContain('idn');
  });

  it('bad input is refused with a message naming it, and nothing is stored', () => {
    const before = runCli(['key', 'list', '--json'], { dataDir: data }).stdout;
    const cases: [string[], RegExp][] = [
      [['--name', 'x1', '--alg', 'ec-p256', '--subject', '/CN=x/O=y'], /not \/CN=\.\.\.\/O=\.\.\. \(OpenSSL -subj\)/],
      [['--name', 'x2', '--alg', 'ec-p256', '--subject', 'CN=x, C=USA'], /C must be a two-letter country code/],
      [['--name', 'x3', '--alg', 'ec-p256', '--subject', 'CN=x', '--san', 'ip:300.1.1.1'], /ip:300\.1\.1\.1 is not an IPv4 or IPv6 address/],
      [['--name', 'x4', '--alg', 'ec-p256', '--subject', 'CN=x', '--san', 'dns:bad_host!'], /is not a host name/],
      [['--name', 'x5', '--alg', 'ec-p256', '--subject', 'XX=x'], /unknown attribute type "XX"/],
      [['--name', 'alice', '--alg', 'ec-p256', '--subject', 'CN=x'], /A key named "alice" already exists/],
    ];
    for (const [args, message] of cases) {
      const run = runCli(['key', 'new', ...args], { dataDir: data });
      expect(run.status, args.join(' ')).toBe(1);
      expect(run.stderr).toMatch(message);
    }
    const usage = runCli(['key', 'new', '--name', 'x6', '--alg', 'dsa-1024', '--subject', 'CN=x'], { dataDir: data });
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/--alg must be one of ec-p256, ec-p384, rsa-2048, rsa-3072, rsa-4096, ed25519/);
    expect(runCli(['key', 'list', '--json'], { dataDir: data }).stdout).toBe(before);
  });
});
