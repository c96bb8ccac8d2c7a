import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Site } from '../../../shared/models/site';
import { cliIn, importServerCertificate } from '../../helpers/run-cli';
import { makeTempDir } from '../../helpers/temp-dir';
import { createTestPki, type TestPki } from '../../helpers/test-pki';

describe('certmapper site / account / map / rule / authz (appcmd style, on the data folder)', () => {
  const work = makeTempDir('certmapper-pki-');
  const data = makeTempDir('certmapper-data-');
  let pki: TestPki;
  const { cli, ok } = cliIn(data.path);
  const site = (): Site => JSON.parse(ok('site', 'show', 'Intranet', '--json'));

  beforeAll(() => {
    pki = createTestPki(work.path);
    importServerCertificate(ok, pki.server.pemPath, pki.server.keyPath);
  });
  afterAll(() => {
    work.cleanup();
    data.cleanup();
  });

  it('adds a site with https and http bindings, and refuses a conflicting binding', () => {
    ok('site', 'add', 'Intranet', '--bind', 'https://127.0.0.1:9443', '--bind', 'http://127.0.0.1:9080', '--server-cert', pki.server.sha256, '--content', work.path);
    expect(site().bindings.map((b) => `${b.protocol}:${b.address}:${b.port}`)).toEqual(['https:127.0.0.1:9443', 'http:127.0.0.1:9080']);
    const clash = cli('site', 'add', 'Other', '--bind', 'https://*:9443', '--server-cert', pki.server.sha256);
    expect(clash.status).toBe(1);
    expect(clash.stderr).toContain('CONFLICT');
    expect(clash.stderr).toContain('Intranet');
  });

  it('refuses a server certificate without its private key', () => {
    ok('cert', 'import', pki.intermediate.pemPath);
    const run = cli('site', 'add', 'NoKey', '--bind', 'https://127.0.0.1:9444', '--server-cert', pki.intermediate.sha256);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('no private key');
  });

  it('sets SSL settings on the root and overrides them on a folder', () => {
    ok('site', 'set', 'Intranet', '--client-cert', 'accept', '--anonymous', 'on');
    ok('site', 'set', 'Intranet', '--path', '/admin', '--client-cert', 'require', '--anonymous', 'off', '--revocation', 'off');
    expect(site().security).toMatchObject({ clientCertificates: 'accept', anonymous: true, revocation: 'strict' });
    expect(site().folders).toEqual([{ path: '/admin', security: { clientCertificates: 'require', anonymous: false, revocation: 'off' }, authorization: [] }]);
    expect(cli('site', 'set', 'Intranet', '--client-cert', 'maybe').status).toBe(2);
  });

  it('trusts issuers from files, importing them first', () => {
    ok('site', 'trust', 'Intranet', pki.root.pemPath, pki.intermediate.derPath);
    expect(site().trustedIssuers).toEqual([pki.root.sha256, pki.intermediate.sha256]);
    const leaf = cli('site', 'trust', 'Intranet', pki.client.pemPath);
    expect(leaf.status).toBe(1);
    expect(leaf.stderr).toContain('not a CA certificate');
  });

  it('maps a certificate one-to-one to an existing account only, keeping its password out of the files', () => {
    const missing = cli('map', 'add', '--site', 'Intranet', '--cert', pki.client.pemPath, '--account', 'alice');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('account add alice');
    ok('account', 'add', 'alice', '--group', 'staff', '--group', 'admins');
    ok('map', 'add', '--site', 'Intranet', '--cert', pki.client.derPath, '--account', 'alice', '--password', 'S3cret-for-upstream');
    expect(site().oneToOne).toMatchObject([{ certificateSha256: pki.client.sha256, account: 'alice', enabled: true, hasPassword: true }]);
    for (const file of readdirSync(data.path, { recursive: true }) as string[]) {
      const path = join(data.path, file);
      if (statSync(path).isFile()) expect(readFileSync(path, 'latin1')).not.toContain('S3cret-for-upstream');
    }
  });

  it('keeps many-to-one mappings in order, with Move Up / Move Down', () => {
    ok('account', 'add', 'staff-user', '--group', 'staff');
    ok('rule', 'add', '--site', 'Intranet', '--name', 'Staff', '--allow', '--account', 'staff-user', '--match', 'subject.OU=Staff', '--match', 'issuer.CN=Test Issuing CA');
    ok('rule', 'add', '--site', 'Intranet', '--name', 'Block contractors', '--deny', '--match', 'subject.OU=Contract*', '--case-insensitive');
    expect(site().manyToOne.map((m) => m.name)).toEqual(['Staff', 'Block contractors']);
    expect(ok('rule', 'move', '--site', 'Intranet', '--name', 'Block contractors', '--position', '1')).toContain('1. Block contractors');
    const [first, second] = site().manyToOne;
    expect(first).toMatchObject({ name: 'Block contractors', permission: 'deny', account: null, rules: [{ field: 'subject.OU', pattern: 'Contract*', caseSensitive: false }] });
    expect(second).toMatchObject({ name: 'Staff', permission: 'allow', account: 'staff-user' });
    expect(cli('rule', 'add', '--site', 'Intranet', '--name', 'Bad', '--deny', '--match', 'subject.NOPE=x').status).toBe(1);
  });

  it('adds authorization rules per folder', () => {
    ok('authz', 'add', '--site', 'Intranet', '--path', '/admin', '--allow', '--group', 'admins');
    ok('authz', 'add', '--site', 'Intranet', '--path', '/admin', '--deny', '--account', 'staff-user');
    expect(site().folders[0]!.authorization).toEqual([
      { access: 'allow', kind: 'group', name: 'admins' },
      { access: 'deny', kind: 'account', name: 'staff-user' },
    ]);
  });

  it('removes a folder with its settings and authorization rules, and nothing of the site', () => {
    ok('site', 'set', 'Intranet', '--path', '/admin/reports', '--revocation', 'cached');
    const before = site();
    expect(ok('site', 'remove-folder', 'Intranet', '--path', '/admin')).toContain('Removed folder /admin from Intranet');
    const after = site();
    // The folder below it is a folder of its own and stays.
    expect(after.folders.map((f) => f.path)).toEqual(['/admin/reports']);
    expect(ok('authz', 'list', '--site', 'Intranet', '--path', '/admin')).toContain('no rules');
    expect({ ...after, folders: [] }).toEqual({ ...before, folders: [] });
    expect(ok('site', 'show', 'Intranet')).not.toContain('Folder /admin:');

    const again = cli('site', 'remove-folder', 'Intranet', '--path', '/admin');
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('NOT_FOUND');
    expect(again.stderr).toContain('no folder /admin');
    const itself = cli('site', 'remove-folder', 'Intranet', '--path', '/');
    expect(itself.status).toBe(1);
    expect(itself.stderr).toContain('the site itself');
    expect(cli('site', 'remove-folder', 'Nowhere', '--path', '/admin/reports').stderr).toContain('No site named "Nowhere"');
    // Without --path it is a usage error, never the removal of the whole site.
    expect(cli('site', 'remove-folder', 'Intranet').status).toBe(2);
    expect(site().folders.map((f) => f.path)).toEqual(['/admin/reports']);
  });

  it('switches to the directory mapper saying plainly that local mappings are then ignored', () => {
    expect(ok('site', 'options', 'Intranet', '--mapping-mode', 'directory')).toContain('only one mapper can be active');
    expect(ok('site', 'show', 'Intranet')).toContain('local mappings are ignored');
    ok('site', 'options', 'Intranet', '--mapping-mode', 'local');
  });
});
