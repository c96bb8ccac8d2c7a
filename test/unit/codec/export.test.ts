import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeContainer, toPem, toPkcs7 } from '../../../main/services/certificates/codec';
import { makeTempDir } from '../../helpers/temp-dir';
import { sha256Hex, smallPki } from './openssl-pki';

describe('toPem and toPkcs7', () => {
  const work = makeTempDir('codec-export-');
  let pki: ReturnType<typeof smallPki>;
  beforeAll(() => {
    pki = smallPki(work.path);
  });
  afterAll(() => work.cleanup());

  it('writes PEM that openssl reads back as the same certificate', () => {
    const pem = toPem(pki.server.der);
    expect(pem.startsWith('-----BEGIN CERTIFICATE-----\n')).toBe(true);
    expect(pem.split('\n').every((line) => line.length <= 64)).toBe(true);
    const path = join(work.path, 'out.pem');
    writeFileSync(path, pem);
    const back = execFileSync('openssl', ['x509', '-in', path, '-outform', 'DER']);
    expect(sha256Hex(back)).toBe(pki.server.sha256);
  });

  it('writes a certs-only PKCS#7 that `openssl pkcs7 -inform DER -print_certs` reads, and so does decodeContainer', () => {
    const chain = [pki.client, pki.intermediate, pki.root];
    const p7b = toPkcs7(chain.map((c) => c.der));
    const path = join(work.path, 'chain.p7b');
    writeFileSync(path, p7b);
    const printed = execFileSync('openssl', ['pkcs7', '-inform', 'DER', '-in', path, '-print_certs'], { encoding: 'utf8' });
    const blocks = printed.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
    expect(blocks.map((b) => sha256Hex(new X509Certificate(b).raw))).toEqual(chain.map((c) => c.sha256));
    const decoded = decodeContainer(p7b);
    expect(decoded.format).toBe('pkcs7');
    expect(decoded.certificates.map((c) => c.sha256)).toEqual(chain.map((c) => c.sha256));
  });

  it('writes a PKCS#7 for a single certificate too', () => {
    const path = join(work.path, 'one.p7b');
    writeFileSync(path, toPkcs7([pki.server.der]));
    expect(execFileSync('openssl', ['pkcs7', '-inform', 'DER', '-in', path, '-print_certs'], { encoding: 'utf8' })).toContain('server.codec.test');
  });
});
