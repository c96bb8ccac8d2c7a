import { describe, expect, it } from 'vitest';
import { bindingRowSchema, type BindingRow } from '../../../shared/models/binding';
import { replacedBindingNotes } from '../../../main/cli/commands/replaced-binding-notes';

const OLD = 'a'.repeat(64);
const NEW = 'b'.repeat(64);

/** A binding row as `bindings.list` answers it (checked against its schema), on the old certificate. */
function row(siteName: string, port: number, finishedAt: string | null, successor = NEW): BindingRow {
  return bindingRowSchema.parse({
    protocol: 'https',
    address: '127.0.0.1',
    port,
    host: null,
    siteId: siteName.toLowerCase(),
    siteName,
    ownCertificateSha256: null,
    missingCertificateSha256: null,
    certificate: {
      sha256: OLD,
      subject: 'CN=web.lab.test',
      displayName: 'web.lab.test',
      serial: '01',
      notAfter: '2027-01-02T00:00:00.000Z',
      daysLeft: 30,
      usable: true,
      renewal: { renewedBy: NEW, at: '2026-12-03T10:00:00.000Z', finishedAt, successor: { sha256: successor, displayName: 'web.lab.test', notAfter: '2027-12-03T00:00:00.000Z' } },
    },
  });
}

describe('binding list: notes under the table for bindings on a replaced certificate', () => {
  it('names every binding of one unfinished renewal in one note, as one command moves them all', () => {
    expect(replacedBindingNotes([row('Shop', 443, null), row('Default Web Site', 8443, null)])).toEqual([
      `https://127.0.0.1:443 of site "Shop", https://127.0.0.1:8443 of site "Default Web Site" present web.lab.test, replaced on 2026-12-03 by a renewal (the new certificate expires 2027-12-03); the renewal is not finished: certmapper cert renew ${OLD} --finish moves them`,
    ]);
  });

  it('gives each binding left on a finished renewal its own binding set command, quoted for the shell', () => {
    expect(replacedBindingNotes([row('Default Web Site', 8443, '2026-12-03T11:00:00.000Z')])).toEqual([
      `https://127.0.0.1:8443 of site "Default Web Site" presents web.lab.test, replaced on 2026-12-03 by a renewal (the new certificate expires 2027-12-03); the renewal was finished without moving it: certmapper binding set --site "Default Web Site" --bind https://127.0.0.1:8443 --server-cert ${NEW} moves it`,
    ]);
  });

  it('sends a binding left on A to C when the renewal to B was renewed again, and says so', () => {
    const latest = 'c'.repeat(64);
    const [note] = replacedBindingNotes([row('Shop', 443, '2026-12-03T11:00:00.000Z', latest)]);
    expect(note).toContain(`(the new certificate, renewed again since as ${latest.slice(0, 12)}…, expires 2027-12-03)`);
    expect(note).toMatch(new RegExp(`--server-cert ${latest} moves it$`));
  });
});
