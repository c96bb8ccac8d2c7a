import { describe, expect, it } from 'vitest';
import type { ImportFileResult } from '../../../shared/ipc';
import { describeSummary, summarizeResults } from '../../../renderer/src/import/summarize-results';
import { PastedText, sourceOfImport } from '../../../renderer/src/import/pasted-text';

const imported = (file: string, certificates: number): ImportFileResult => ({
  file,
  ok: true,
  certificates: Array.from({ length: certificates }, (_, i) => ({ sha256: String(i).repeat(64), subject: `CN=${i}`, store: 'client', duplicate: false, hasPrivateKey: false })),
  privateKeys: 0,
  crls: 0,
});
const refused = (file: string): ImportFileResult => ({ file, ok: false, certificates: [], privateKeys: 0, crls: 0, error: { code: 'NOT_A_CERTIFICATE', message: 'no certificate' } });

describe('the import summary', () => {
  it('counts files for dropped or picked files', () => {
    const files = [new File(['a'], 'a.pem'), new File(['b'], 'b.txt')];
    expect(describeSummary(summarizeResults([imported('a.pem', 2), refused('b.txt')]), sourceOfImport(files))).toBe('Imported 2 certificates from 1 file; 1 file refused.');
  });

  it('speaks of the pasted text, never of files, for Paste PEM…', () => {
    const files = [new PastedText('-----BEGIN CERTIFICATE-----')];
    expect(sourceOfImport(files)).toBe('paste');
    expect(describeSummary(summarizeResults([imported('Pasted PEM', 1)]), sourceOfImport(files))).toBe('Imported 1 certificate from the pasted text.');
    expect(describeSummary(summarizeResults([refused('Pasted PEM')]), sourceOfImport(files))).toBe('The pasted text was refused.');
  });
});
