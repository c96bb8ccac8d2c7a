import { bindingText, type BindingRow } from '../../../shared/models/binding';

/** A value as one shell word, to paste: site names often hold spaces ("Default Web Site"), and `*` or `[::1]` would glob. */
const shellWord = (value: string): string => (/^[\w.:/@=-]+$/.test(value) ? value : `"${value.replace(/(["\\$`])/g, '\\$1')}"`);

/**
 * What `binding list` prints under its table for each binding that still presents a certificate a
 * renewal replaced, with the command that moves it: finishing the renewal while it is not finished
 * (it moves every binding and mapping of that certificate, as the wizard would have), else
 * `binding set` for this binding alone, since the renewal was finished without moving it.
 */
export function replacedBindingNotes(rows: readonly BindingRow[]): string[] {
  const notes: string[] = [];
  for (const row of rows) {
    const certificate = row.certificate;
    const renewal = certificate?.renewal;
    if (!certificate || !renewal) continue;
    const replaced = `${bindingText(row)} of site "${row.siteName}" presents ${certificate.displayName}, replaced on ${renewal.at.slice(0, 10)} by a renewal (the new certificate expires ${renewal.successor.notAfter.slice(0, 10)})`;
    const target = `--site ${shellWord(row.siteName)} --bind ${shellWord(bindingText({ ...row, host: null }))}${row.host ? ` --host ${shellWord(row.host)}` : ''}`;
    notes.push(
      renewal.finishedAt
        ? `${replaced}; the renewal was finished without moving it: certmapper binding set ${target} --server-cert ${renewal.renewedBy} moves it`
        : `${replaced}; the renewal is not finished: certmapper cert renew ${certificate.sha256} --finish moves it`,
    );
  }
  return notes;
}
