import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { whatifCommand } from '../../../main/cli/commands/whatif-command';
import { UsageError, type CliContext } from '../../../main/cli/cli-context';
import { compileSnapshot } from '../../../main/decision';
import { createDispatcher, type Dispatch } from '../../../main/ipc/dispatcher';
import type { Result } from '../../../shared/ipc';
import { openNodeServices } from '../../../main/node/open-node-services';
import { createHandlers } from '../../../main/services/handlers';
import { makeTempDir } from '../../helpers/temp-dir';
import { openssl } from '../../unit/codec/openssl-pki';
import { createDecisionPki, type DecisionPki } from '../../unit/decision/decision-pki';

// `certmapper whatif` in-process over a real data folder (conf documents, key-file vault) that the
// real services filled, through the real dispatcher and the whatif.run channel, as the CLI runs it.

interface Output {
  status: number;
  substatus: number;
  account: string | null;
  decidedBy: string | null;
  trace: { step: string; result: string; detail: string }[];
}

describe('certmapper whatif', () => {
  const work = makeTempDir('whatif-pki-');
  const data = makeTempDir('whatif-data-');
  let pki: DecisionPki;
  let chainFile: string;
  let dispatch: Dispatch;

  const run = async (...args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const context: CliContext = {
      args,
      dataDir: data.path,
      dispatch: (channel, payload, ctx) => dispatch(channel, payload, ctx),
      out: (text) => out.push(text),
      err: (text) => err.push(text),
    };
    const code = await whatifCommand(context);
    return { code, stdout: out.join('\n'), stderr: err.join('\n') };
  };
  const json = async (...args: string[]) => {
    const result = await run(...args, '--json');
    return { code: result.code, output: JSON.parse(result.stdout) as Output };
  };

  beforeAll(() => {
    pki = createDecisionPki(work.path);
    chainFile = join(work.path, 'intermediate-only.pem');
    writeFileSync(chainFile, pki.intermediate.pem);
    const crlFiles = pki.crls.map((der, i) => {
      const path = join(work.path, `store-${i}.crl`);
      writeFileSync(path, der);
      return path;
    });
    const services = openNodeServices(data.path);
    const files = [pki.root.derPath, pki.intermediate.pemPath, ...crlFiles].map((name) => ({ name, contentBase64: readFileSync(name).toString('base64') }));
    expect(services.certificates.import({ files }).every((r) => r.ok)).toBe(true);
    services.sites.add({ name: 'Intranet', bindings: [{ protocol: 'http', address: '127.0.0.1', port: 8080, host: null, certificateSha256: null }], content: { kind: 'static', directory: work.path } });
    services.sites.setTrust('Intranet', [pki.root.sha256], []);
    services.accounts.upsert({ name: 'alice', groups: ['Staff'], description: '' });
    services.accounts.upsert({ name: 'admin', groups: ['Admins'], description: '' });
    services.mappings.addManyToOne('Intranet', { name: 'Admins', permission: 'allow', account: 'admin', rules: [{ field: 'subject.OU', pattern: 'Admins', caseSensitive: true }], enabled: true, password: 'upstream-secret' });
    services.mappings.addManyToOne('Intranet', { name: 'Staff', permission: 'allow', account: 'alice', rules: [{ field: 'subject.OU', pattern: 'Staff', caseSensitive: true }], enabled: true });
    services.sites.addAuthorization('Intranet', '/admin', { access: 'allow', kind: 'group', name: 'Admins' });
    dispatch = createDispatcher(createHandlers(openNodeServices(data.path)));
  });
  afterAll(() => {
    work.cleanup();
    data.cleanup();
  });

  it('prints status, account, decidedBy and the full trace as JSON, exit 0 on 200', async () => {
    const { code, output } = await json('--site', 'intranet', '--cert', pki.alice.derPath, '--chain', chainFile);
    expect(code).toBe(0);
    expect(Object.keys(output)).toEqual(['status', 'substatus', 'account', 'decidedBy', 'trace']);
    expect([output.status, output.substatus, output.account, output.decidedBy]).toEqual([200, 0, 'alice', 'many-to-one "Staff"']);
    const steps = output.trace.map((s) => s.step);
    for (const step of ['what-if', 'folder', 'client-certificate', 'trust', 'revocation', 'validity', 'mapping', 'authorization']) expect(steps).toContain(step);
    expect(output.trace.find((s) => s.detail.startsWith('chain built:'))?.detail).toContain(pki.intermediate.sha256);
    expect(JSON.stringify(output)).not.toContain('upstream-secret');
  });

  it('exits 1 with the refusal: 401.3 on a folder the account may not enter, 401.2 for no mapping, 403.16 without the chain', async () => {
    const admin = await json('--site', 'Intranet', '--cert', pki.alice.pemPath, '--chain', chainFile, '--path', '/admin/x');
    expect([admin.code, admin.output.status, admin.output.substatus]).toEqual([1, 401, 3]);
    const bob = await json('--site', 'Intranet', '--cert', pki.bob.pemPath, '--chain', chainFile, '--path', '/admin/x');
    expect([bob.code, bob.output.status, bob.output.account]).toEqual([0, 200, 'admin']);
    const forger = await json('--site', 'Intranet', '--cert', pki.forger.pemPath, '--chain', chainFile);
    expect([forger.code, forger.output.status, forger.output.substatus]).toEqual([1, 401, 2]);
    const noChain = await json('--site', 'Intranet', '--cert', pki.alice.pemPath);
    expect([noChain.code, noChain.output.status, noChain.output.substatus]).toEqual([1, 403, 16]);
  });

  it('reads any format: a PKCS#12 with --password, a PEM bundle whose leaf is not first', async () => {
    const pfx = join(work.path, 'alice.pfx');
    openssl(work.path, 'pkcs12', '-export', '-in', pki.alice.pemPath, '-inkey', pki.alice.keyPath, '-certfile', chainFile, '-passout', 'pass:pw', '-out', pfx);
    const fromPfx = await json('--site', 'Intranet', '--cert', pfx, '--password', 'pw');
    expect([fromPfx.code, fromPfx.output.account]).toEqual([0, 'alice']);
    const bundle = join(work.path, 'bundle.pem');
    writeFileSync(bundle, pki.root.pem + pki.intermediate.pem + pki.alice.pem);
    const fromBundle = await json('--site', 'Intranet', '--cert', bundle);
    expect([fromBundle.code, fromBundle.output.account]).toEqual([0, 'alice']);
  });

  it("whatif.run (the console's pane) opens a PKCS#12 with the password it is sent, and says when it is missing or wrong", async () => {
    const pfx = join(work.path, 'alice-console.pfx');
    openssl(work.path, 'pkcs12', '-export', '-in', pki.alice.pemPath, '-inkey', pki.alice.keyPath, '-certfile', chainFile, '-passout', 'pass:right pw', '-out', pfx);
    const chainPfx = join(work.path, 'intermediate.pfx');
    openssl(work.path, 'pkcs12', '-export', '-nokeys', '-in', chainFile, '-passout', 'pass:right pw', '-out', chainPfx);
    const b64 = (path: string) => readFileSync(path).toString('base64');
    const whatif = (payload: object) => dispatch('whatif.run', { site: 'Intranet', path: '/', ...payload }, { transport: 'http' }) as Promise<Result<Output>>;

    const opened = await whatif({ certificateBase64: b64(pfx), password: 'right pw' });
    expect(opened.ok && [opened.value.status, opened.value.account]).toEqual([200, 'alice']);
    expect(JSON.stringify(opened)).not.toContain('right pw');
    const missing = await whatif({ certificateBase64: b64(pfx) });
    expect(missing).toMatchObject({ ok: false, error: { code: 'PASSWORD_REQUIRED' } });
    const wrong = await whatif({ certificateBase64: b64(pfx), password: 'wrong pw' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'WRONG_PASSWORD', message: expect.stringMatching(/password is wrong/) } });
    expect(JSON.stringify(wrong)).not.toContain('wrong pw');

    // The same password opens a PKCS#12 chain file; a refusal there names the chain file.
    const withChain = await whatif({ certificateBase64: b64(pki.alice.pemPath), chainBase64: [b64(chainPfx)], password: 'right pw' });
    expect(withChain.ok && [withChain.value.status, withChain.value.account]).toEqual([200, 'alice']);
    const chainWrong = await whatif({ certificateBase64: b64(pki.alice.pemPath), chainBase64: [b64(chainPfx)], password: 'other' });
    expect(chainWrong).toMatchObject({ ok: false, error: { code: 'WRONG_PASSWORD', message: expect.stringMatching(/^Chain file 1: /) } });
    // A PEM file ignores the password; one longer than the schema allows is refused before any decoding.
    const pem = await whatif({ certificateBase64: b64(pki.alice.pemPath), chainBase64: [b64(chainFile)], password: 'unused' });
    expect(pem.ok && pem.value.status).toBe(200);
    const tooLong = await whatif({ certificateBase64: b64(pfx), password: 'x'.repeat(1025) });
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/password/) } });
  });

  it('judges at --at: a time after expiry gives 403.17', async () => {
    const { code, output } = await json('--site', 'Intranet', '--cert', pki.alice.pemPath, '--chain', chainFile, '--at', new Date(Date.now() + 800 * 86_400_000).toISOString());
    expect([code, output.status, output.substatus]).toEqual([1, 403, 17]);
  });

  it('prints a readable trace without --json', async () => {
    const result = await run('--site', 'Intranet', '--cert', pki.revoked.pemPath, '--chain', chainFile);
    expect(result.code).toBe(1);
    expect(result.stdout.split('\n')[0]).toBe('403.13');
    expect(result.stdout).toMatch(/fail\s+revocation\s+revoked/);
  });

  it('refuses a wrong command line (exit 2 through the CLI) and names a missing site', async () => {
    await expect(run('--cert', pki.alice.pemPath)).rejects.toBeInstanceOf(UsageError);
    await expect(run('--site', 'Intranet')).rejects.toBeInstanceOf(UsageError);
    await expect(run('--site', 'Intranet', '--cert', pki.alice.pemPath, '--at', 'yesterday')).rejects.toBeInstanceOf(UsageError);
    await expect(run('--site', 'Nowhere', '--cert', pki.alice.pemPath)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(run('--site', 'Intranet', '--cert', join(work.path, 'missing.pem'))).rejects.toMatchObject({ code: 'IO_ERROR' });
  });

  it('compiles the snapshot from the data folder: trust list, CRLs, accounts, mapping passwords from the vault', () => {
    const services = openNodeServices(data.path);
    const snapshot = compileSnapshot({ ...services.snapshotSources(), version: 7 });
    const site = snapshot.sites.find((s) => s.site.name === 'Intranet')!;
    expect(snapshot.version).toBe(7);
    expect(site.trustedIssuers.map((i) => [i.sha256, i.isRoot])).toEqual([[pki.root.sha256, true]]);
    expect(site.crls).toHaveLength(2);
    expect(Object.values(site.mappingPasswords)).toEqual(['upstream-secret']);
    expect(snapshot.accounts).toMatchObject({ alice: ['Staff'], admin: ['Admins'] });
    expect(() => structuredClone(snapshot)).not.toThrow();
  });
});
