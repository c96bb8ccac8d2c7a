import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { looksLikePkcs12 } from '../../../renderer/src/whatif/pkcs12-sniff';
import { makeTempDir } from '../../helpers/temp-dir';
import { createTestPki, type TestPki } from '../../helpers/test-pki';

// The What-if pane offers the password field when a chosen file starts like a PFX; everything else
// the store imports must not look like one (main decides in the end: this is only when to ask).

describe('looksLikePkcs12', () => {
  const temp = makeTempDir('pkcs12-sniff-');
  let pki: TestPki;
  const head = (path: string) => new Uint8Array(readFileSync(path)).subarray(0, 16);

  beforeAll(() => {
    pki = createTestPki(temp.path);
    const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: temp.path, stdio: ['ignore', 'pipe', 'pipe'] });
    openssl('crl2pkcs7', '-nocrl', '-certfile', pki.bundlePath, '-outform', 'DER', '-out', 'bundle.p7b');
    openssl('pkcs12', '-export', '-nokeys', '-in', pki.intermediate.pemPath, '-passout', 'pass:x', '-out', 'chain.pfx');
    openssl('pkcs12', '-export', '-legacy', '-in', pki.client.pemPath, '-inkey', pki.client.keyPath, '-passout', 'pass:x', '-out', 'legacy.pfx');
  });
  afterAll(() => temp.cleanup());

  it('recognises PKCS#12 files: AES (OpenSSL 3), legacy RC2/3DES, certificates only', () => {
    expect(looksLikePkcs12(head(pki.clientPfxPath))).toBe(true);
    expect(looksLikePkcs12(head(join(temp.path, 'legacy.pfx')))).toBe(true);
    expect(looksLikePkcs12(head(join(temp.path, 'chain.pfx')))).toBe(true);
    // BER's indefinite length (some Windows exports): SEQUENCE, 0x80, INTEGER 3.
    expect(looksLikePkcs12(Uint8Array.from([0x30, 0x80, 0x02, 0x01, 0x03, 0x30, 0x80]))).toBe(true);
  });

  it('does not take a certificate, a PEM file, a PKCS#7 bundle or a few bytes for one', () => {
    expect(looksLikePkcs12(head(pki.client.derPath))).toBe(false);
    expect(looksLikePkcs12(head(pki.client.pemPath))).toBe(false);
    expect(looksLikePkcs12(head(join(temp.path, 'bundle.p7b')))).toBe(false);
    expect(looksLikePkcs12(Uint8Array.from([0x30, 0x03, 0x02, 0x01]))).toBe(false);
    expect(looksLikePkcs12(new Uint8Array(0))).toBe(false);
  });
});
