import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportFile, ImportFileResult } from '../../../shared/ipc';
import { createDispatcher, type Dispatch } from '../../../main/ipc/dispatcher';
import { openNodeServices } from '../../../main/node/open-node-services';
import { createHandlers } from '../../../main/services/handlers';
import { makeTempDir } from '../../helpers/temp-dir';
import { createTestPki, type TestPki } from '../../helpers/test-pki';

const PASTED = 'Pasted PEM';

// The console's paste dialog and its file drop, through the request the console sends (validated by
// the dispatcher), the real decoder and a real data folder: what the import results list shows.
describe('importing pasted text', () => {
  const work = makeTempDir('import-paste-');
  let pki: TestPki;
  let dispatch: Dispatch;

  beforeAll(() => {
    pki = createTestPki(work.path);
    dispatch = createDispatcher(createHandlers(openNodeServices(join(work.path, 'data'))));
  });
  afterAll(() => work.cleanup());

  async function importOne(file: ImportFile): Promise<ImportFileResult> {
    const answer = await dispatch('certificates.import', { files: [file] }, { transport: 'http' });
    if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
    return (answer.value as { results: ImportFileResult[] }).results[0]!;
  }
  const paste = (text: string) => importOne({ name: PASTED, contentBase64: Buffer.from(text).toString('base64'), source: 'paste' });
  const drop = (name: string, text: string) => importOne({ name, contentBase64: Buffer.from(text).toString('base64') });

  it('refuses words without a certificate as NOT_A_CERTIFICATE, speaking of the pasted text', async () => {
    const webPage = '<!doctype html>\n<html><head><title>Certificates</title></head><body><p>Download our root CA below.</p></body></html>\n';
    for (const text of ['hello world', webPage]) {
      expect(await paste(text)).toMatchObject({
        file: PASTED,
        ok: false,
        error: { code: 'NOT_A_CERTIFICATE', message: 'The pasted text holds no PEM block ("-----BEGIN CERTIFICATE-----") and no Base64 certificate: there is nothing to import.' },
      });
    }
  });

  it('says the pasted text is cut short when the END line was not copied', async () => {
    const cut = pki.server.pem.slice(0, pki.server.pem.indexOf('-----END'));
    expect((await paste(cut)).error).toEqual({ code: 'TRUNCATED', message: 'PEM block 1 (CERTIFICATE) has no "-----END CERTIFICATE-----" line: the pasted text is cut short.' });
    // A line of the Base64 lost in the copy: the certificate's outer length now runs past the end.
    const lineLost = pki.server.pem.split('\n').filter((_, i) => i !== 3).join('\n');
    expect((await paste(lineLost)).error).toEqual({
      code: 'TRUNCATED',
      message: 'PEM block 1 (CERTIFICATE): the data is cut short (an ASN.1 element runs past the end of the pasted text): the pasted text is truncated.',
    });
  });

  it('keeps EMPTY for what is truly empty', async () => {
    expect((await paste(' \n\t\n')).error).toEqual({ code: 'EMPTY', message: 'The pasted text holds only whitespace.' });
    expect((await paste('-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n')).error).toEqual({
      code: 'EMPTY',
      message: 'The pasted text has a PEM block ("-----BEGIN CERTIFICATE-----") with nothing inside.',
    });
  });

  it('names what was pasted instead of a certificate', async () => {
    expect((await paste(readFileSync(pki.client.keyPath, 'utf8'))).error).toEqual({
      code: 'NOT_A_CERTIFICATE',
      message: 'The pasted text holds only a private key, no certificate. CertMapper imports certificates: import the key together with its certificate (for example as a PKCS#12 .pfx file).',
    });
  });

  it('imports a pasted certificate under the name the results list shows', async () => {
    const imported = await paste(`Copied from the portal:\n${pki.root.pem}`);
    expect(imported).toMatchObject({ file: PASTED, ok: true, certificates: [{ sha256: pki.root.sha256, duplicate: false }] });
  });

  it('words a dropped or picked file as before, under its own name, with or without saying it is a file', async () => {
    const notes = await drop('notes.txt', 'hello world');
    expect(notes).toMatchObject({
      file: 'notes.txt',
      error: { code: 'NOT_A_CERTIFICATE', message: 'The file is text without any PEM block ("-----BEGIN CERTIFICATE-----") or Base64 certificate: it holds nothing to import.' },
    });
    const cut = pki.server.pem.slice(0, pki.server.pem.indexOf('-----END'));
    const named = await importOne({ name: 'server.pem', contentBase64: Buffer.from(cut).toString('base64'), source: 'file' });
    expect(named).toMatchObject({ file: 'server.pem', error: { code: 'TRUNCATED', message: 'PEM block 1 (CERTIFICATE) has no "-----END CERTIFICATE-----" line: the file is cut short.' } });
    expect((await drop('blank.pem', '\n')).error).toEqual({ code: 'EMPTY', message: 'The file holds only whitespace.' });
  });
});
