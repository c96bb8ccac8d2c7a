import { bindingText, type BindingRow, type BoundCertificate, type BoundRenewal } from '../../../shared/models/binding';

/** A value as one shell word, to paste: site names often hold spaces ("Default Web Site"), and `*` or `[::1]` would glob. */
const shellWord = (value: string): string => (/^[\w.:/@=-]+$/.test(value) ? value : `"${value.replace(/(["\\$`])/g, '\\$1')}"`);

/**
 * What `binding list` prints under its table for each binding that still presents a certificate a
 * renewal replaced, with the command that moves it: finishing the renewal while it is not finished
 * (it moves every binding and mapping of that certificate, as the wizard would have: one note names
 * all of them, as one command moves them all), else `binding set` for each binding alone, since the
 * renewal was finished without moving it.
 */
export function replacedBindingNotes(rows: readonly BindingRow[]): string[] {
  const notes: string[] = [];
  const unfinished = new Map<string, { certificate: BoundCertificate; renewal: BoundRenewal; rows: BindingRow[] }>();
  for (const row of rows) {
    const certificate = row.certificate;
    const renewal = certificate?.renewal;
    if (!certificate || !renewal) continue;
    if (renewal.finishedAt) {
      notes.push(finishedNote(row, certificate, renewal));
      continue;
    }
    const group = unfinished.get(certificate.sha256) ?? { certificate, renewal, rows: [] };
    group.rows.push(row);
    unfinished.set(certificate.sha256, group);
  }
  for (const { certificate, renewal, rows: bound } of unfinished.values()) {
    const which = bound.map((row) => `${bindingText(row)} of site "${row.siteName}"`).join(', ');
    const one = bound.length === 1;
    notes.push(`${which} ${one ? 'presents' : 'present'} ${replacedText(certificate, renewal)}; the renewal is not finished: certmapper cert renew ${certificate.sha256} --finish moves ${one ? 'it' : 'them'}`);
  }
  return notes;
}

function replacedText(certificate: BoundCertificate, renewal: BoundRenewal): string {
  return `${certificate.displayName}, replaced on ${renewal.at.slice(0, 10)} by a renewal (the new certificate${renewal.successor.sha256 === renewal.renewedBy ? '' : `, renewed again since as ${renewal.successor.sha256.slice(0, 12)}…,`} expires ${renewal.successor.notAfter.slice(0, 10)})`;
}

function finishedNote(row: BindingRow, certificate: BoundCertificate, renewal: BoundRenewal): string {
  const target = `--site ${shellWord(row.siteName)} --bind ${shellWord(bindingText({ ...row, host: null }))}${row.host ? ` --host ${shellWord(row.host)}` : ''}`;
  return `${bindingText(row)} of site "${row.siteName}" presents ${replacedText(certificate, renewal)}; the renewal was finished without moving it: certmapper binding set ${target} --server-cert ${renewal.successor.sha256} moves it`;
}
