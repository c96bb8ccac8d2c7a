import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyResultSchema } from '../../../shared/models/decision';
import { makeTempDir } from '../../helpers/temp-dir';
import { CLIENT_EXT, TestCa, type Cert } from '../../unit/trust/trust-pki';
import { loadPkits, pkitsFiles } from './pkits-cases';
import { importIntoStore, runVerify } from './verify-cli-harness';

describe('certmapper cert verify (in-process command, real files and data folder)', () => {
  const work = makeTempDir('trust-cli-');
  const data = makeTempDir('trust-cli-data-');
  const pkits = loadPkits();
  let root: TestCa;
  let issuing: TestCa;
  let client: Cert;

  beforeAll(() => {
    root = TestCa.root(work.path, 'root', '/C=US/O=CLI Test/CN=CLI Root');
    issuing = root.subordinate('issuing', '/C=US/O=CLI Test/CN=CLI Issuing CA');
    client = issuing.issue('client', { subject: '/CN=Alice', extensions: `${CLIENT_EXT}\ncrlDistributionPoints=URI:http://crl.cli.test/issuing.crl` });
  });
  afterAll(() => {
    work.cleanup();
    data.cleanup();
  });

  // Representative PKITS cases, one per outcome the gateway distinguishes.
  const REPRESENTATIVE: [string, string][] = [
    ['4.1.1', 'ok'],
    ['4.1.2', 'bad-signature'],
    ['4.2.2', 'not-yet-valid'],
    ['4.2.6', 'expired'],
    ['4.4.1', 'revocation-unknown'],
    ['4.4.3', 'revoked'],
    ['4.6.1', 'invalid'],
    ['4.13.2', 'name-constraints'],
    ['4.16.2', 'invalid'],
  ];
  it.each(REPRESENTATIVE)('PKITS %s gives %s with exit status 0/1 and the JSON contract', async (id, code) => {
    const test = pkits.tests.find((t) => t.id === id)!;
    const files = pkitsFiles(test);
    const args = [files.leaf, '--trust', files.anchor, ...files.intermediates.flatMap((f) => ['--intermediate', f]), ...files.crls.flatMap((f) => ['--crl', f])];
    const run = await runVerify([...args, '--at', test.validation_time, '--purpose', 'any', '--revocation', 'strict', '--json'], data.path);
    expect(run.status, run.stderr).toBe(code === 'ok' ? 0 : 1);
    const printed = JSON.parse(run.stdout);
    expect(Object.keys(printed)).toEqual(['valid', 'code', 'message', 'chain']);
    expect(verifyResultSchema.parse(printed)).toMatchObject({ valid: code === 'ok', code });
  });

  it('prints one readable line, and by default (cached) names the CRL it could not check', async () => {
    const run = await runVerify([client.pemPath, '--intermediate', issuing.cert.pemPath, '--trust', root.cert.pemPath], data.path);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^VALID \(ok\): Valid: "CN=Alice" \([0-9a-f]{12}\) chains to the trusted issuer "CN=CLI Root, O=CLI Test, C=US"/);
    expect(run.stdout).toContain('Missing CRLs (fetch them and pass --crl): http://crl.cli.test/issuing.crl');
    const strict = await runVerify([client.pemPath, '--intermediate', issuing.cert.pemPath, '--trust', root.cert.pemPath, '--revocation', 'strict'], data.path);
    expect(strict.status).toBe(1);
    expect(strict.stdout).toMatch(/^INVALID \(revocation-unknown\): Revocation check failed/);
  });

  it('takes the chain from the FILE itself (first certificate is the leaf) and a DER trust file', async () => {
    const bundle = join(work.path, 'client-chain.pem');
    writeFileSync(bundle, readFileSync(client.pemPath, 'utf8') + readFileSync(issuing.cert.pemPath, 'utf8'));
    const rootDer = join(work.path, 'root.cer');
    writeFileSync(rootDer, root.cert.der);
    const run = await runVerify([bundle, '--trust', rootDer, '--json'], data.path);
    expect(run.status, run.stdout).toBe(0);
    expect(JSON.parse(run.stdout).chain).toHaveLength(3);
  });

  it('reads a password-protected PKCS#12 with --password', async () => {
    const pfx = join(work.path, 'client.pfx');
    const chain = join(work.path, 'chain.pem');
    writeFileSync(chain, readFileSync(issuing.cert.pemPath, 'utf8'));
    execFileSync('openssl', ['pkcs12', '-export', '-in', client.pemPath, '-inkey', client.keyPath, '-certfile', chain, '-passout', 'pass:secret', '-out', pfx]);
    const run = await runVerify([pfx, '--password', 'secret', '--trust', root.cert.pemPath, '--json'], data.path);
    expect(JSON.parse(run.stdout)).toMatchObject({ valid: true, code: 'ok' });
  });

  it('uses the Trusted Root and Intermediate stores when --trust is not given', async () => {
    const empty = await runVerify([client.pemPath, '--json'], data.path);
    expect(empty.status).toBe(1);
    expect(JSON.parse(empty.stdout).code).toBe('untrusted');
    expect(empty.stderr).toContain('Trusted Root store is empty');
    await importIntoStore(data.path, 'root', [root.cert.pemPath]);
    await importIntoStore(data.path, 'intermediate', [issuing.cert.pemPath]);
    const stored = await runVerify([client.pemPath, '--json'], data.path);
    expect(stored.status, stored.stderr).toBe(0);
    expect(JSON.parse(stored.stdout).chain).toHaveLength(3);
  });

  it('exits 2 on a wrong command line and 1 on an unreadable file', async () => {
    expect((await runVerify([], data.path)).status).toBe(2);
    expect((await runVerify([client.pemPath, '--purpose', 'email'], data.path)).status).toBe(2);
    expect((await runVerify([client.pemPath, '--revocation', 'sometimes'], data.path)).status).toBe(2);
    expect((await runVerify([client.pemPath, '--at', 'yesterday'], data.path)).status).toBe(2);
    expect((await runVerify([client.pemPath, '--bogus'], data.path)).status).toBe(2);
    const missing = await runVerify([join(work.path, 'nope.pem'), '--trust', root.cert.pemPath], data.path);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('IO_ERROR');
  });
});
