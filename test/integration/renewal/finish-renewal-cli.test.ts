import { X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BindingRow } from '../../../shared/models/binding';
import type { CertificateListItem } from '../../../shared/models/certificate';
import { freePort } from '../../helpers/gateway/test-gateway';
import { cliIn } from '../../helpers/run-cli';
import { startConsole, type RunningConsole } from '../../helpers/start-console';
import { makeTempDir } from '../../helpers/temp-dir';
import { createTestPki, type TestPki } from '../../helpers/test-pki';
import { sClientCertificate, until } from '../../helpers/tls-probe';
import { openssl, signRequest } from '../keys/key-fixtures';

// A renewal whose bindings were not moved (`--no-rebind`, as the console's wizard closed at Verify
// bindings) is remembered on the old certificate in certificates.json: `cert list` marks it, a second
// renewal is refused until it is finished, and after a restart of `serve` `cert renew --finish` moves
// the binding (openssl s_client is shown the new serial), or with --no-rebind leaves it and ends it.

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe('cert renew --finish: a renewal left at Verify bindings, finished later', () => {
  const work = makeTempDir('finish-renewal-');
  const data = makeTempDir('finish-renewal-data-');
  const dir = work.path;
  const { cli, ok } = cliIn(data.path);
  const json = <T,>(...args: string[]): T => JSON.parse(ok(...args, '--json')) as T;
  const listed = (sha256: string) => json<CertificateListItem[]>('cert', 'list').find((c) => c.sha256 === sha256)!;
  const bound = () => json<BindingRow[]>('binding', 'list').find((r) => r.siteName === 'Web')!.certificate!.sha256;
  /** `binding list` as an administrator reads it: the Web site's row, and the lines under the table. */
  const bindingList = () => {
    const [table = '', ...notes] = ok('binding', 'list').split('\n\n');
    return { row: table.split('\n').find((line) => line.startsWith('Web ')) ?? '(no row)', notes: notes.join('\n').split('\n').filter(Boolean) };
  };
  const served = (serial: string) => until(() => sClientCertificate(port), (c) => c?.serialNumber === serial, `port ${port} presenting serial ${serial}`);
  let pki: TestPki;
  let serve: RunningConsole | undefined;
  let port = 0;
  let old = { sha256: '', serial: '' };
  let renewed = { sha256: '', serial: '' };

  beforeAll(async () => {
    pki = createTestPki(dir);
    port = await freePort();
    ok('ca', 'init', '--name', 'Finish Lab CA', '--crl-url', `http://127.0.0.1:${await freePort()}/crl/lab.crl`);
    openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'web.key', '-subj', '/CN=web.lab.test', '-addext', 'subjectAltName=DNS:web.lab.test,IP:127.0.0.1', '-days', '20', '-out', 'web.pem'], dir);
    writeFileSync(join(dir, 'web-with-key.pem'), readFileSync(join(dir, 'web.pem'), 'utf8') + readFileSync(join(dir, 'web.key'), 'utf8'));
    old = {
      sha256: json<{ certificates: { sha256: string }[] }[]>('cert', 'import', join(dir, 'web-with-key.pem'), '--store', 'server')[0]!.certificates[0]!.sha256,
      serial: new X509Certificate(readFileSync(join(dir, 'web.pem'))).serialNumber,
    };
    ok('site', 'add', 'Web', '--bind', `https://127.0.0.1:${port}`, '--server-cert', old.sha256, '--content', dir);
    serve = await startConsole({ dataDir: data.path });
    await served(old.serial);
  });

  afterAll(async () => {
    await serve?.stop();
    work.cleanup();
    data.cleanup();
  });

  it('--no-rebind: the binding stays on the old certificate, which cert list marks as renewed, unfinished; a second renewal is refused', () => {
    const result = json<{ certificate: { sha256: string; serial: string }; rebind: unknown }>('cert', 'renew', old.sha256, '--ca', 'local', '--no-rebind');
    renewed = result.certificate;
    expect(result.rebind).toBeNull();
    expect(bound()).toBe(old.sha256);
    expect(listed(old.sha256).renewal).toEqual({ renewedBy: renewed.sha256, at: expect.stringMatching(ISO), finishedAt: null });
    expect(listed(renewed.sha256).renewal).toBeNull();
    // The same in words: cert list's REPLACED column, cert show's Replaced row.
    const row = (sha256: string) => ok('cert', 'list').split('\n').find((line) => line.startsWith(sha256)) ?? '(no row)';
    expect(row(old.sha256)).toMatch(new RegExp(`\\d{4}-\\d\\d-\\d\\d by ${renewed.sha256.slice(0, 12)}… \\(not finished\\)`));
    expect(row(renewed.sha256)).not.toContain(' by ');
    expect(ok('cert', 'show', old.sha256)).toMatch(new RegExp(`^Replaced +by ${renewed.sha256} on \\d{4}-\\d\\d-\\d\\d \\(renewal not finished: certmapper cert renew ${old.sha256} --finish\\)$`, 'm'));
    // Where the bindings are looked at: binding list's REPLACED column, and under the table how to finish the renewal.
    const web = bindingList();
    expect(web.row).toMatch(new RegExp(`web\\.lab\\.test \\(expires \\d{4}-\\d\\d-\\d\\d, the site's\\) +\\d{4}-\\d\\d-\\d\\d by ${renewed.sha256.slice(0, 12)}… \\(not finished\\) +${old.sha256}$`));
    expect(web.notes).toEqual([
      expect.stringMatching(new RegExp(`^https://127\\.0\\.0\\.1:${port} of site "Web" presents web\\.lab\\.test, replaced on \\d{4}-\\d\\d-\\d\\d by a renewal \\(the new certificate expires ${listed(renewed.sha256).notAfter.slice(0, 10)}\\); the renewal is not finished: certmapper cert renew ${old.sha256} --finish moves it$`)),
    ]);
    expect(json<BindingRow[]>('binding', 'list')[0]!.certificate!.renewal).toEqual({ renewedBy: renewed.sha256, at: expect.stringMatching(ISO), finishedAt: null, successor: { sha256: renewed.sha256, displayName: 'web.lab.test', notAfter: listed(renewed.sha256).notAfter } });

    const again = cli('cert', 'renew', old.sha256, '--ca', 'local');
    expect([again.status, again.stderr]).toEqual([1, expect.stringContaining(`that renewal is not finished: its bindings and mappings were not moved. Finish it (Finish Renewal…, or certmapper cert renew ${old.sha256} --finish)`)]);
    expect(json<CertificateListItem[]>('cert', 'list').filter((c) => c.store === 'server')).toHaveLength(2);
  });

  it('after a restart of serve, --finish moves the binding: TLS presents the new serial, and the renewal is finished', async () => {
    await serve!.stop();
    serve = await startConsole({ dataDir: data.path });
    await served(old.serial);

    const out = ok('cert', 'renew', old.sha256, '--finish');
    expect(out).toContain(`finished the renewal of ${old.sha256}`);
    expect(out).toContain(`rebound https://127.0.0.1:${port} of site "Web"`);
    await served(renewed.serial);
    expect(bound()).toBe(renewed.sha256);
    expect(listed(old.sha256).renewal).toEqual({ renewedBy: renewed.sha256, at: expect.stringMatching(ISO), finishedAt: expect.stringMatching(ISO) });
    expect(bindingList()).toEqual({ row: expect.stringMatching(/\) +- +[0-9a-f]{64}$/), notes: [] });
    expect(ok('cert', 'show', old.sha256)).toMatch(new RegExp(`^Replaced +by ${renewed.sha256} on \\d{4}-\\d\\d-\\d\\d$`, 'm'));

    const nothing = cli('cert', 'renew', old.sha256, '--finish');
    expect([nothing.status, nothing.stderr]).toEqual([1, expect.stringMatching(/Nothing to finish for web\.lab\.test .*its renewal by [0-9a-f]{64} was finished on \d{4}-\d\d-\d\d/)]);
  });

  it('a reply installed with key install --no-rebind is finished with --finish --no-rebind: the binding is left on the old certificate', () => {
    const requestPath = join(dir, 'renewal.csr');
    ok('cert', 'renew', renewed.sha256, '--out', requestPath);
    const reply = signRequest(readFileSync(requestPath, 'utf8'), pki.intermediate, dir, 'renewal-reply');
    const installed = ok('key', 'install', '--cert', reply.path, '--no-rebind');
    expect(installed).toContain(`certmapper cert renew ${renewed.sha256} --finish moves them later`);
    const newest = installed.split('\n')[0]!;
    expect(listed(renewed.sha256).renewal).toMatchObject({ renewedBy: newest, finishedAt: null });

    const out = ok('cert', 'renew', renewed.sha256, '--finish', '--no-rebind');
    expect(out).toContain(`left on the old certificate: https://127.0.0.1:${port} of site "Web"`);
    expect(bound()).toBe(renewed.sha256);
    expect(listed(renewed.sha256).renewal).toMatchObject({ renewedBy: newest, finishedAt: expect.stringMatching(ISO) });
    expect(cli('cert', 'renew', renewed.sha256, '--finish').status).toBe(1);

    // Left by choice: still said under binding list, as information, with the command that moves this binding.
    const web = bindingList();
    expect(web.row).toMatch(new RegExp(` \\d{4}-\\d\\d-\\d\\d by ${newest.slice(0, 12)}… +${renewed.sha256}$`));
    const setCommand = `certmapper binding set --site Web --bind https://127.0.0.1:${port} --server-cert ${newest}`;
    expect(web.notes).toEqual([expect.stringMatching(/the new certificate expires \d{4}-\d\d-\d\d\); the renewal was finished without moving it: /)]);
    expect(web.notes[0]).toContain(`${setCommand} moves it`);
    ok(...setCommand.split(' ').slice(1));
    expect(bound()).toBe(newest);
    expect(bindingList().notes).toEqual([]);
  });

  it('--finish takes no renewal options', () => {
    const usage = cli('cert', 'renew', old.sha256, '--finish', '--ca', 'local');
    expect([usage.status, usage.stderr]).toEqual([2, expect.stringContaining('cert renew --finish completes the renewal already made; it takes no --ca')]);
  });
});
