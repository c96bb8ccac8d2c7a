import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExpiryItem } from '../../../shared/models/expiry';
import { createDatedPki, daysFromNow, type DatedCertificate, type DatedPki } from '../../helpers/dated-pki';
import { cliIn } from '../../helpers/run-cli';
import { makeTempDir } from '../../helpers/temp-dir';

// `certmapper cert list --expiring DAYS` and `certmapper expiry` over real certificates made by
// `openssl ca` with exact dates: expiring in 5.5, 20.5, 40.5 and 400 days, and expired 2.5 days ago
// (half days keep the rounded-down day counts exact while the test runs).
describe('certificates that expire, and where they are used', () => {
  const temp = makeTempDir('certmapper-expiry-cli-');
  const data = join(temp.path, 'data');
  let pki: DatedPki;
  let soon: DatedCertificate;
  let later: DatedCertificate;
  let unused: DatedCertificate;
  let expiredClient: DatedCertificate;
  let client: DatedCertificate;
  const port = 47_000 + Math.floor(Math.random() * 1000);
  const { cli, ok } = cliIn(data);
  const expiring = (days: number): ExpiryItem[] => JSON.parse(ok('cert', 'list', '--expiring', String(days), '--json')) as ExpiryItem[];
  const names = (items: ExpiryItem[]) => items.map((i) => i.name);

  beforeAll(() => {
    pki = createDatedPki(join(temp.path, 'pki'), { caName: 'Expiry Test CA' });
    soon = pki.issue('soon', { commonName: 'soon.test', profile: 'server', notAfter: daysFromNow(5.5) });
    later = pki.issue('later', { commonName: 'later.test', profile: 'server', notAfter: daysFromNow(40.5) });
    unused = pki.issue('unused', { commonName: 'unused.test', profile: 'server', notAfter: daysFromNow(400.5) });
    expiredClient = pki.issue('expired', { commonName: 'Old Alice', profile: 'client', notBefore: daysFromNow(-200), notAfter: daysFromNow(-2.5) });
    client = pki.issue('bob', { commonName: 'Bob', profile: 'client', notAfter: daysFromNow(20.5) });
    ok('cert', 'import', soon.withKeyPath, later.withKeyPath, unused.withKeyPath, '--store', 'server');
    ok('site', 'add', 'Shop', '--bind', `https://127.0.0.1:${port}`, '--server-cert', soon.sha256, '--content', temp.path);
    ok('binding', 'add', '--site', 'Shop', '--bind', `https://127.0.0.1:${port}`, '--host', 'later.test', '--server-cert', later.sha256);
    ok('site', 'trust', 'Shop', pki.ca.pemPath);
    ok('cert', 'import', pki.crl('stale', daysFromNow(-1.5)));
    ok('account', 'add', 'alice');
    ok('account', 'add', 'bob');
    ok('map', 'add', '--site', 'Shop', '--cert', expiredClient.pemPath, '--account', 'alice');
    ok('map', 'add', '--site', 'Shop', '--cert', client.pemPath, '--account', 'bob');
  });
  afterAll(() => temp.cleanup());

  it('lists what expires within 30 days, expired ones marked, with where each is used', () => {
    const items = expiring(30);
    expect(names(items)).toEqual(['Old Alice', 'soon.test', 'Bob']);
    const [old, server, bob] = items;
    expect(old).toMatchObject({ kind: 'client', sha256: expiredClient.sha256, expired: true, daysLeft: -3, usedBy: [{ kind: 'mapping', siteName: 'Shop', text: 'one-to-one mapping to alice on site "Shop"' }] });
    expect(server).toMatchObject({ kind: 'server', sha256: soon.sha256, expired: false, daysLeft: 5, serial: soon.serial, expiresAt: soon.notAfter.toISOString() });
    expect(server?.usedBy).toEqual([{ kind: 'binding', siteName: 'Shop', text: `https://127.0.0.1:${port} of site "Shop"` }]);
    expect(bob).toMatchObject({ kind: 'client', daysLeft: 20, usedBy: [{ text: 'one-to-one mapping to bob on site "Shop"' }] });

    const table = ok('cert', 'list', '--expiring', '30');
    const line = (name: string) => table.split('\n').find((l) => l.includes(name)) ?? '';
    expect(line('Old Alice')).toMatch(/EXPIRED 3 day\(s\) ago\s+Old Alice\s+one-to-one mapping to alice on site "Shop"/);
    expect(line('soon.test')).toMatch(new RegExp(`in 5 day\\(s\\)\\s+soon\\.test\\s+https://127\\.0\\.0\\.1:${port} of site "Shop"`));
    expect(table).not.toContain('later.test');
  });

  it('a longer window brings in later certificates; unused ones say so, and authorities say whom they serve', () => {
    expect(names(expiring(45))).toEqual(['Old Alice', 'soon.test', 'Bob', 'later.test']);
    expect(expiring(45)[3]?.usedBy[0]?.text).toBe(`https://127.0.0.1:${port} host later.test of site "Shop"`);
    const year = expiring(500);
    expect(year.find((i) => i.name === 'unused.test')).toMatchObject({ usedBy: [], daysLeft: 400 });
    expect(ok('cert', 'list', '--expiring', '500')).toMatch(/unused\.test\s+not used/);
    const all = expiring(36500);
    expect(all.find((i) => i.sha256 === pki.ca.sha256)?.usedBy.map((u) => u.text)).toEqual(['trusted issuer of site "Shop"', 'issuer (in the chain) of 4 certificates in use']);
    expect(ok('cert', 'list', '--expiring', '0')).toMatch(/Old Alice/);
  });

  it('the warning counts what is in use: expiring, expired, and a CRL past its next update', () => {
    const { leadDays, warning } = JSON.parse(ok('expiry', '--json')) as { leadDays: number; warning: Record<string, unknown> };
    expect(leadDays).toBe(30);
    expect(warning).toEqual({ expiring: 2, expired: 1, staleCrls: 1, message: '2 certificates expire within 30 days; 1 has expired; 1 CRL is past its next update' });
  });

  it('the lead time is a setting stored in the configuration', () => {
    expect(ok('expiry', '--lead-days', '45')).toContain('Warnings start 45 days ahead. 3 certificates expire within 45 days; 1 has expired');
    const config = JSON.parse(readFileSync(join(data, 'config.json'), 'utf8')) as { settings?: { expiryLeadDays?: number } };
    expect(config.settings?.expiryLeadDays).toBe(45);
    expect(cli('expiry', '--lead-days', '0').status).toBe(2);
    expect(JSON.parse(ok('expiry', '--json')).leadDays).toBe(45);
  });

  it('refuses a DAYS that is not a number with usage (exit status 2)', () => {
    const run = cli('cert', 'list', '--expiring', 'soon');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--expiring must be a whole number of days');
  });
});
