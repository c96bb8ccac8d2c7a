import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CertificateListItem } from '../../../shared/models/certificate';
import type { OneToOneMapping } from '../../../shared/models/site';
import { createDatedPki, daysFromNow, type DatedPki } from '../../helpers/dated-pki';
import { cliIn } from '../../helpers/run-cli';
import { makeTempDir } from '../../helpers/temp-dir';

// A revoked certificate must not look healthy: `cert list` and `map list` say it is revoked, with
// the date and reason, from the local authority's register and from a CRL file an external CA made.

type MappingRow = OneToOneMapping & { revoked: CertificateListItem['revoked'] };

describe('certmapper cert list / map list: revocation status', () => {
  const work = makeTempDir('revocation-status-');
  const data = makeTempDir('revocation-status-data-');
  const { ok } = cliIn(data.path);
  const certificates = (): CertificateListItem[] => JSON.parse(ok('cert', 'list', '--json'));
  const mappings = (): MappingRow[] => JSON.parse(ok('map', 'list', '--site', 'Web', '--json'));
  const rowOf = (table: string, needle: string) => table.split('\n').find((line) => line.includes(needle)) ?? '';
  let external: DatedPki;

  beforeAll(() => {
    ok('ca', 'init', '--name', 'Status Test Authority', '--crl-url', 'http://127.0.0.1:1/crl/status.crl');
    external = createDatedPki(work.path, { caName: 'External Partner CA' });
    const web = external.issue('web', { commonName: 'web.test', profile: 'server', notAfter: daysFromNow(200) });
    ok('cert', 'import', web.withKeyPath, '--store', 'server');
    ok('site', 'add', 'Web', '--bind', 'https://127.0.0.1:18643', '--content', work.path, '--server-cert', web.sha256);
    for (const user of ['alice', 'bob', 'dave', 'erin']) ok('account', 'add', user, '--email', `${user}@example.org`);
  }, 60_000);
  afterAll(() => {
    work.cleanup();
    data.cleanup();
  });

  it('ca issue --map-site, then ca revoke: cert list and map list show that certificate revoked, and the others not', () => {
    const issue = (user: string) => JSON.parse(ok('ca', 'issue', '--account', user, '--out', join(work.path, `${user}.pfx`), '--password', 'secret', '--map-site', 'Web', '--json')) as { sha256: string };
    const alice = issue('alice').sha256;
    const bob = issue('bob').sha256;
    expect(certificates().find((c) => c.sha256 === alice)?.revoked).toBeNull();

    ok('ca', 'revoke', alice, '--reason', 'keyCompromise');

    const list = certificates();
    expect(list.find((c) => c.sha256 === alice)?.revoked).toEqual({ at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), reason: 'keyCompromise', source: 'local authority "Status Test Authority"' });
    expect(list.find((c) => c.sha256 === bob)?.revoked).toBeNull();
    // The authority's root is not revoked, and its own CRL (kept in the store) is what the gateway reads.
    expect(list.filter((c) => c.revoked).map((c) => c.sha256)).toEqual([alice]);

    const table = ok('cert', 'list');
    expect(table.split('\n')[0]).toMatch(/SHA-256\s+STORE\s+EXPIRES\s+REVOKED\s+REPLACED\s+SUBJECT/);
    const today = new Date().toISOString().slice(0, 10);
    expect(rowOf(table, alice)).toMatch(new RegExp(`${today} keyCompromise`));
    expect(rowOf(table, bob)).toMatch(/\s-\s/);

    // The mapping stays enabled: it is its certificate that no longer logs on.
    expect(mappings().map((m) => [m.certificateSha256, m.enabled, m.revoked?.reason ?? null])).toEqual([
      [alice, true, 'keyCompromise'],
      [bob, true, null],
    ]);
    const mapTable = ok('map', 'list', '--site', 'Web');
    expect(mapTable.split('\n')[0]).toMatch(/ENABLED\s+REVOKED/);
    expect(rowOf(mapTable, alice)).toMatch(/yes\s+\d{4}-\d\d-\d\d keyCompromise/);
    expect(rowOf(mapTable, bob)).toMatch(/yes\s+-\s/);
  });

  it('an external CA\'s CRL file, imported: the certificate it lists shows revoked with the CRL\'s date and reason, and a mapped one too', () => {
    const dave = external.issue('dave', { commonName: 'Dave', profile: 'client', notAfter: daysFromNow(200) });
    const erin = external.issue('erin', { commonName: 'Erin', profile: 'client', notAfter: daysFromNow(200) });
    execFileSync('openssl', ['ca', '-config', join(work.path, 'ca.cnf'), '-cert', external.ca.pemPath, '-keyfile', external.ca.keyPath, '-revoke', dave.pemPath, '-crl_reason', 'superseded'], { cwd: work.path, stdio: 'ignore' });
    ok('cert', 'import', external.ca.pemPath, '--store', 'root');
    ok('map', 'add', '--site', 'Web', '--cert', dave.pemPath, '--account', 'dave');
    ok('map', 'add', '--site', 'Web', '--cert', erin.pemPath, '--account', 'erin');
    expect(certificates().find((c) => c.sha256 === dave.sha256)?.revoked).toBeNull();

    ok('cert', 'import', external.crl('external', daysFromNow(7)));

    const list = certificates();
    expect(list.find((c) => c.sha256 === dave.sha256)?.revoked).toEqual({
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      reason: 'superseded',
      source: expect.stringContaining('CRL of "O=CertMapper Test, CN=External Partner CA"'),
    });
    expect(list.find((c) => c.sha256 === erin.sha256)?.revoked).toBeNull();
    expect(list.find((c) => c.sha256 === external.ca.sha256)?.revoked).toBeNull();
    const rows = mappings();
    expect(rows.find((m) => m.certificateSha256 === dave.sha256)).toMatchObject({ enabled: true, revoked: { reason: 'superseded' } });
    expect(rows.find((m) => m.certificateSha256 === erin.sha256)).toMatchObject({ enabled: true, revoked: null });
  });
});
