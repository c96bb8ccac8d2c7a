import type { ImportFileResult } from '../../../shared/ipc';

/** Totals of an import, for the dialog's summary line and the status bar. */
export interface ImportSummary {
  files: number;
  refused: number;
  added: number;
  duplicates: number;
  privateKeys: number;
  crls: number;
}

/** Add up per-file results. */
export function summarizeResults(results: readonly ImportFileResult[]): ImportSummary {
  const summary: ImportSummary = { files: results.length, refused: 0, added: 0, duplicates: 0, privateKeys: 0, crls: 0 };
  for (const r of results) {
    if (!r.ok) summary.refused++;
    for (const c of r.certificates) {
      if (c.duplicate) summary.duplicates++;
      else summary.added++;
    }
    summary.privateKeys += r.privateKeys;
    summary.crls += r.crls;
  }
  return summary;
}

const plural = (n: number, word: string) => `${n.toLocaleString()} ${word}${n === 1 ? '' : 's'}`;

/**
 * One sentence for the summary: "Imported 4 certificates (1 already stored) from 2 files; 1 file
 * refused.", or for text from Paste PEM… (always one item), "... from the pasted text." / "The pasted
 * text was refused.": counting it as "1 file" told the administrator of a file they never chose.
 */
export function describeSummary(s: ImportSummary, source: 'file' | 'paste' = 'file'): string {
  if (source === 'paste' && s.refused) return 'The pasted text was refused.';
  const parts = [`Imported ${plural(s.added, 'certificate')}`];
  if (s.duplicates) parts.push(` (${s.duplicates.toLocaleString()} already stored)`);
  if (s.privateKeys) parts.push(`, ${plural(s.privateKeys, 'private key')}`);
  if (s.crls) parts.push(`, ${plural(s.crls, 'CRL')}`);
  parts.push(source === 'paste' ? ' from the pasted text' : ` from ${plural(s.files - s.refused, 'file')}`);
  if (s.refused) parts.push(`; ${plural(s.refused, 'file')} refused`);
  return `${parts.join('')}.`;
}

/** What one file brought, in words: "2 certificates imported, 1 already stored, 1 private key". */
export function describeFileResult(r: ImportFileResult): string {
  const added = r.certificates.filter((c) => !c.duplicate).length;
  const duplicates = r.certificates.length - added;
  const parts = [`${plural(added, 'certificate')} imported`];
  if (duplicates) parts.push(`${duplicates.toLocaleString()} already stored`);
  if (r.privateKeys) parts.push(plural(r.privateKeys, 'private key'));
  if (r.crls) parts.push(plural(r.crls, 'CRL'));
  return parts.join(', ');
}
