import { describe, expect, it } from 'vitest';
import { inWordsOf } from '../../../main/services/certificates/source-wording';

const inPastedWords = (message: string) => inWordsOf('paste', message);

// The codec's refusals as written for files, and as the paste dialog's results list shows them.
describe('refusals of pasted text', () => {
  it.each([
    ['The file holds only whitespace.', 'The pasted text holds only whitespace.'],
    [
      'The file is text without any PEM block ("-----BEGIN CERTIFICATE-----") or Base64 certificate: it holds nothing to import.',
      'The pasted text holds no PEM block ("-----BEGIN CERTIFICATE-----") and no Base64 certificate: there is nothing to import.',
    ],
    [
      'PEM block 2 (CERTIFICATE) has no "-----END CERTIFICATE-----" line: the file is cut short.',
      'PEM block 2 (CERTIFICATE) has no "-----END CERTIFICATE-----" line: the pasted text is cut short.',
    ],
    ['The private key in this file is encrypted: enter its password.', 'The private key in the pasted text is encrypted: enter its password.'],
    [
      'This PKCS#12 (.pfx/.p12) file is protected by a password: enter it to open the file.',
      'The pasted PKCS#12 (.pfx/.p12) is protected by a password: enter it to open the pasted text.',
    ],
    ['PEM block 1 (CERTIFICATE): the PKCS#12 file uses an unsupported MAC: 1.2.3.', 'PEM block 1 (CERTIFICATE): the pasted PKCS#12 uses an unsupported MAC: 1.2.3.'],
    ['The Base64 text: the file has 3 unexpected bytes after the end of its DER data.', 'The Base64 text: the pasted text has 3 unexpected bytes after the end of its DER data.'],
  ])('%s', (forFile, forPaste) => {
    expect(inPastedWords(forFile)).toBe(forPaste);
  });

  it('leaves files in general, and messages about no file, as they are', () => {
    expect(inPastedWords('The file asks for 9000000 key-derivation iterations, more than any real file uses.')).toBe(
      'The pasted text asks for 9000000 key-derivation iterations, more than any real file uses.',
    );
    expect(inPastedWords('Import the key together with its certificate (for example as a PKCS#12 .pfx file).')).toBe(
      'Import the key together with its certificate (for example as a PKCS#12 .pfx file).',
    );
    expect(inPastedWords('PEM block 2 (CERTIFICATE) is damaged: its content is not valid Base64.')).toBe('PEM block 2 (CERTIFICATE) is damaged: its content is not valid Base64.');
  });
});

describe('refusals of what was piped to cert import -', () => {
  it.each([
    ['The file holds only whitespace.', 'Standard input holds only whitespace.'],
    ['The file is empty (0 bytes).', 'Standard input is empty (0 bytes).'],
    [
      'The file is text without any PEM block ("-----BEGIN CERTIFICATE-----") or Base64 certificate: it holds nothing to import.',
      'Standard input holds no PEM block ("-----BEGIN CERTIFICATE-----") and no Base64 certificate: there is nothing to import.',
    ],
    [
      'This PKCS#12 (.pfx/.p12) file is protected by a password: enter it to open the file.',
      'The PKCS#12 (.pfx/.p12) on standard input is protected by a password: enter it to open standard input.',
    ],
    ['PEM block 1 (CERTIFICATE): the PKCS#12 file uses an unsupported MAC: 1.2.3.', 'PEM block 1 (CERTIFICATE): the PKCS#12 on standard input uses an unsupported MAC: 1.2.3.'],
  ])('%s', (forFile, forStdin) => {
    expect(inWordsOf('stdin', forFile)).toBe(forStdin);
  });
});
