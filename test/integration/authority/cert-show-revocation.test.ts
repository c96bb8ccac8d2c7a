import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CertificateDetails } from '../../../shared/models/certificate';
import { createDatedPki, daysFromNow, type DatedPki } from '../../helpers/dated-pki';
import { cliIn } from '../../helpers/run-cli';
import { makeTempDir } from '../../helpers/temp-dir';

// `cert show` answers what Windows' certificate dialog does: is this certificate revoked, since when,
// why and says who (the local authority's register, or which CRL); and when it says "no", what that
// rests on, never "no" when no CRL of its issuer is in the store.

const EXTERNAL_CRL = 'CRL of "O=CertMapper Test, CN=External Partner CA"';

describe('certmapper cert show: revocation status', () => {
  const work = makeTempDir('cert-show-revocation-');
  const data = makeTempDir('cert-show-revocation-data-');
  const { ok } = cliIn(data.path);
  const details = (sha256: string): CertificateDetails => JSON.parse(ok('cert', 'show', sha256, '--json'));
  const revokedRow = (sha256: string): string => ok('cert', 'show', sha256).split('\n').find((line) => line.startsWith('Revoked ')) ?? '(no Revoked row)';
  let external: DatedPki;

  beforeAll(() => {
    ok('ca', 'init', '--name', 'Show Test Authority', '--crl-url', 'http://127.0.0.1:1/crl/show.crl');
    for (const user of ['alice', 'bob']) ok('account', 'add', user, '--email', `${user}@example.org`);
    external = createDatedPki(work.path, { caName: 'External Partner CA' });
  }, 60_000);
  afterAll(() => {
    work.cleanup();
    data.cleanup();
  });

  it('revoked by the local authority: when, why and by whom; its other certificate: no, checked against its CRL; its root: not applicable', () => {
    // The authority keeps no copy of what it issues unmapped: the administrator imports the .pfx.
    const issue = (user: string) => {
      const pfx = join(work.path, `${user}.pfx`);
      const { sha256 } = JSON.parse(ok('ca', 'issue', '--account', user, '--out', pfx, '--password', 'secret', '--json')) as { sha256: string };
      ok('cert', 'import', pfx, '--password', 'secret');
      return sha256;
    };
    const alice = issue('alice');
    const bob = issue('bob');
    ok('ca', 'revoke', alice, '--reason', 'keyCompromise');

    const revoked = details(alice);
    expect(revoked.revoked).toEqual({ at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), reason: 'keyCompromise', source: 'local authority "Show Test Authority"' });
    expect(revokedRow(alice)).toBe(`Revoked            yes, ${revoked.revoked!.at.slice(0, 10)} (keyCompromise), by local authority "Show Test Authority"`);
    // Its path is not shown as valid beside that; the unrevoked one's is.
    expect(revoked.chain).toMatchObject({ status: 'invalid', message: `This certificate was revoked on ${revoked.revoked!.at.slice(0, 10)} (keyCompromise), by local authority "Show Test Authority".` });

    const valid = details(bob);
    expect(valid.revoked).toBeNull();
    expect(valid.chain.status).toBe('ok');
    expect(valid.revocationCheckedAgainst).toEqual([expect.stringMatching(/^CRL of "CN=Show Test Authority" \(\d{4}-\d\d-\d\d\)$/)]);
    expect(revokedRow(bob)).toBe(`Revoked            no (checked against ${valid.revocationCheckedAgainst[0]})`);

    const root = (JSON.parse(ok('ca', 'status', '--json')) as { authority: { root: { sha256: string } } }).authority.root.sha256;
    expect(details(root).revoked).toBeNull();
    expect(revokedRow(root)).toBe('Revoked            not applicable (self-signed)');
  });

  it("an external CA's certificates: unknown until its CRL is imported, then revoked (date, reason, which CRL) or not", () => {
    const dave = external.issue('dave', { commonName: 'Dave', profile: 'client', notAfter: daysFromNow(200) });
    const erin = external.issue('erin', { commonName: 'Erin', profile: 'client', notAfter: daysFromNow(200) });
    execFileSync('openssl', ['ca', '-config', join(work.path, 'ca.cnf'), '-cert', external.ca.pemPath, '-keyfile', external.ca.keyPath, '-revoke', dave.pemPath, '-crl_reason', 'superseded'], { cwd: work.path, stdio: 'ignore' });
    ok('cert', 'import', external.ca.pemPath, dave.pemPath, erin.pemPath);

    // No CRL of its issuer in the store: "not revoked" would be a guess.
    expect(details(dave.sha256)).toMatchObject({ revoked: null, revocationCheckedAgainst: [] });
    expect(revokedRow(dave.sha256)).toBe('Revoked            unknown: no usable CRL from its issuer is in the store');

    ok('cert', 'import', external.crl('external', daysFromNow(7)));

    const revoked = details(dave.sha256);
    expect(revoked.revoked).toEqual({ at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), reason: 'superseded', source: expect.stringMatching(new RegExp(`^${EXTERNAL_CRL} \\(\\d{4}-\\d\\d-\\d\\d\\)$`)) });
    expect(revokedRow(dave.sha256)).toBe(`Revoked            yes, ${revoked.revoked!.at.slice(0, 10)} (superseded), by ${revoked.revoked!.source}`);
    const valid = details(erin.sha256);
    expect(valid).toMatchObject({ revoked: null, revocationCheckedAgainst: [revoked.revoked!.source] });
    expect(revokedRow(erin.sha256)).toBe(`Revoked            no (checked against ${revoked.revoked!.source})`);
  });
});
