import { createPrivateKey, createPublicKey } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError, type ErrorCode } from '../../../shared/errors';
import { decodeContainer, decodeContents, toPem, type DecodedContainer } from '../../../main/services/certificates/codec';
import { makeTempDir } from '../../helpers/temp-dir';
import { openssl, smallPki, type Issued } from './openssl-pki';

const bytes = (text: string | Buffer) => new Uint8Array(Buffer.from(text));

function refusal(input: Uint8Array, password?: string): DomainError {
  try {
    decodeContainer(input, { password });
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

function expectRefusal(input: Uint8Array, code: ErrorCode, password?: string): DomainError {
  const error = refusal(input, password);
  expect(error.code).toBe(code);
  expect(error.message.length).toBeGreaterThan(20);
  return error;
}

const shas = (container: DecodedContainer) => container.certificates.map((c) => c.sha256);

describe('decodeContainer detects formats by content', () => {
  const work = makeTempDir('codec-formats-');
  let pki: ReturnType<typeof smallPki>;
  let all: Issued[];
  const file = (name: string) => new Uint8Array(readFileSync(join(work.path, name)));

  beforeAll(() => {
    pki = smallPki(work.path);
    all = [pki.root, pki.intermediate, pki.server, pki.client];
  });
  afterAll(() => work.cleanup());

  it('reads a PEM bundle with CRLF line endings and text around and between the blocks', () => {
    const text = `Bundle exported for tests\r\n\r\n${all.map((c) => `subject: ${c.name}\r\n${c.pem.replace(/\n/g, '\r\n')}`).join('\r\n  \r\n')}trailing words\r\n`;
    const decoded = decodeContainer(bytes(text));
    expect(decoded.format).toBe('pem');
    expect(shas(decoded)).toEqual(all.map((c) => c.sha256));
  });

  it('reads PEM with old-Mac CR line endings, tabs and spaces inside the Base64', () => {
    const pem = pki.server.pem.replace(/\n/g, '\r').replace(/^([A-Za-z0-9+/]{10})/m, '$1 \t ');
    expect(shas(decodeContainer(bytes(pem)))).toEqual([pki.server.sha256]);
  });

  it('reads Base64 without PEM lines (IIS "Base-64 encoded X.509 (.CER)")', () => {
    const base64 = Buffer.from(pki.client.der).toString('base64').replace(/.{76}/g, '$&\r\n');
    const decoded = decodeContainer(bytes(base64));
    expect(decoded.format).toBe('base64');
    expect(shas(decoded)).toEqual([pki.client.sha256]);
  });

  it('reads a DER certificate', () => {
    const decoded = decodeContainer(pki.root.der);
    expect(decoded.format).toBe('der-certificate');
    expect(shas(decoded)).toEqual([pki.root.sha256]);
  });

  it('reads PKCS#7 (.p7b) made by openssl crl2pkcs7, in DER and in PEM', () => {
    const args = ['crl2pkcs7', '-nocrl', ...all.flatMap((c) => ['-certfile', c.pemPath])];
    openssl(work.path, ...args, '-outform', 'DER', '-out', 'chain.p7b');
    openssl(work.path, ...args, '-out', 'chain.p7c');
    for (const name of ['chain.p7b', 'chain.p7c']) {
      const decoded = decodeContainer(file(name));
      expect(decoded.format).toBe(name === 'chain.p7b' ? 'pkcs7' : 'pem');
      expect(new Set(shas(decoded))).toEqual(new Set(all.map((c) => c.sha256)));
    }
  });

  it('reads CRLs (PEM and DER, alone or inside PKCS#7) with their revoked serials', () => {
    const ca = join(work.path, 'ca');
    writeFileSync(join(work.path, 'index.txt'), '');
    writeFileSync(join(work.path, 'crlnumber'), '01\n');
    writeFileSync(
      `${ca}.cnf`,
      `[ca]\ndefault_ca=ca\n[ca]\ndatabase=index.txt\ncrlnumber=crlnumber\ndefault_md=sha256\ndefault_crl_days=7\n`,
    );
    const caArgs = ['-config', `${ca}.cnf`, '-keyfile', pki.intermediate.keyPath, '-cert', pki.intermediate.pemPath];
    openssl(work.path, 'ca', ...caArgs, '-revoke', pki.client.pemPath);
    openssl(work.path, 'ca', ...caArgs, '-gencrl', '-out', 'issuing.crl.pem');
    openssl(work.path, 'crl', '-in', 'issuing.crl.pem', '-outform', 'DER', '-out', 'issuing.crl');
    openssl(work.path, 'crl2pkcs7', '-in', 'issuing.crl.pem', '-certfile', pki.intermediate.pemPath, '-outform', 'DER', '-out', 'with-crl.p7b');
    const clientSerial = openssl(work.path, 'x509', '-in', pki.client.pemPath, '-noout', '-serial').toString().trim().split('=')[1]!;

    for (const name of ['issuing.crl.pem', 'issuing.crl', 'with-crl.p7b']) {
      const decoded = decodeContainer(file(name));
      expect(decoded.crls).toHaveLength(1);
      const [crl] = decoded.crls;
      expect(crl!.issuer).toBe('CN=Codec Issuing CA, O=Codec Test, C=US');
      expect(crl!.revokedSerials).toEqual([clientSerial.replace(/^(00)+(?=.)/, '')]);
      expect(Date.parse(crl!.nextUpdate!) - Date.parse(crl!.thisUpdate)).toBe(7 * 86_400_000);
    }
    expect(decodeContainer(file('issuing.crl')).format).toBe('crl');
    expect(shas(decodeContainer(file('with-crl.p7b')))).toEqual([pki.intermediate.sha256]);
  });

  describe('PKCS#12', () => {
    const password = 'correct horse';
    const pfx = (name: string, ...extra: string[]) => {
      const chain = join(work.path, 'chain.pem');
      writeFileSync(chain, pki.intermediate.pem + pki.root.pem);
      openssl(work.path, 'pkcs12', '-export', '-in', pki.client.pemPath, '-inkey', pki.client.keyPath, '-certfile', chain, ...extra, '-out', name);
      return file(name);
    };

    function expectClientPfx(decoded: DecodedContainer): void {
      expect(decoded.format).toBe('pkcs12');
      expect(new Set(shas(decoded))).toEqual(new Set([pki.client.sha256, pki.intermediate.sha256, pki.root.sha256]));
      expect(decoded.privateKeys).toHaveLength(1);
      expect(decoded.privateKeys[0]!.certificateSha256).toBe(pki.client.sha256);
      // The key is the one openssl was given.
      const key = createPrivateKey({ key: Buffer.from(decoded.privateKeys[0]!.pkcs8Der), format: 'der', type: 'pkcs8' });
      const expected = createPrivateKey(readFileSync(pki.client.keyPath));
      expect(createPublicKey(key).export({ type: 'spki', format: 'der' })).toEqual(createPublicKey(expected).export({ type: 'spki', format: 'der' }));
    }

    it('opens a modern PFX (OpenSSL 3 default: PBES2 AES-256-CBC, PBKDF2-HMAC-SHA256, SHA-256 MAC)', () => {
      const input = pfx('modern.pfx', '-passout', `pass:${password}`);
      expectClientPfx(decodeContainer(input, { password }));
    });

    it('opens a legacy PFX (RC2-40 certificates, 3DES key, SHA-1 MAC)', () => {
      let input: Uint8Array;
      try {
        input = pfx('legacy.pfx', '-legacy', '-passout', `pass:${password}`);
      } catch {
        // No OpenSSL legacy provider here: 3DES for both bags is the closest legacy export.
        input = pfx('legacy.pfx', '-keypbe', 'PBE-SHA1-3DES', '-certpbe', 'PBE-SHA1-3DES', '-macalg', 'sha1', '-passout', `pass:${password}`);
      }
      expectClientPfx(decodeContainer(input, { password }));
    });

    it('opens a PFX with 3DES bags and a SHA-1 MAC', () => {
      const input = pfx('tdes.pfx', '-keypbe', 'PBE-SHA1-3DES', '-certpbe', 'PBE-SHA1-3DES', '-macalg', 'sha1', '-passout', `pass:${password}`);
      expectClientPfx(decodeContainer(input, { password }));
    });

    it('refuses a wrong password with WRONG_PASSWORD and a missing one with PASSWORD_REQUIRED', () => {
      const input = pfx('refuse.pfx', '-passout', `pass:${password}`);
      const wrong = expectRefusal(input, 'WRONG_PASSWORD', 'definitely-wrong');
      expect(wrong.message).toMatch(/password is wrong/);
      expectRefusal(input, 'PASSWORD_REQUIRED');
      expectRefusal(input, 'WRONG_PASSWORD', '');
    });

    it('opens an empty-password PFX with no password given', () => {
      const input = pfx('empty.pfx', '-passout', 'pass:');
      expectClientPfx(decodeContainer(input));
      expectClientPfx(decodeContainer(input, { password: '' }));
      expectRefusal(input, 'WRONG_PASSWORD', 'definitely-wrong');
    });

    it('reports a damaged PFX whose password still decrypts it as INTEGRITY', () => {
      const input = pfx('damaged.pfx', '-passout', `pass:${password}`);
      const damaged = input.slice();
      damaged[damaged.length - 40]! ^= 0x01; // inside the MAC value at the end
      expectRefusal(damaged, 'INTEGRITY', password);
    });
  });

  it('refuses a truncated DER certificate with TRUNCATED', () => {
    expectRefusal(pki.server.der.subarray(0, 200), 'TRUNCATED');
    expectRefusal(bytes(toPem(pki.server.der.subarray(0, pki.server.der.length - 10))), 'TRUNCATED');
  });

  it('refuses empty input with EMPTY', () => {
    expectRefusal(new Uint8Array(0), 'EMPTY');
    expectRefusal(bytes(' \r\n\t\n'), 'EMPTY');
    expectRefusal(bytes('-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n'), 'EMPTY');
  });

  it('refuses text without a certificate in it with NOT_A_CERTIFICATE, for it is not empty', () => {
    for (const text of ['just some notes, no certificate here\n', 'hello world', '0 results found\n', '0123 is our helpdesk number', '<!doctype html><html><body><h1>Our certificates</h1></body></html>\n']) {
      expect(expectRefusal(bytes(text), 'NOT_A_CERTIFICATE').message).toBe(
        'The file is text without any PEM block ("-----BEGIN CERTIFICATE-----") or Base64 certificate: it holds nothing to import.',
      );
    }
  });

  it('refuses damaged Base64 and damaged DER with MALFORMED', () => {
    const pem = pki.server.pem.replace(/^([A-Za-z0-9+/]{20})./m, '$1!');
    expect(expectRefusal(bytes(pem), 'MALFORMED').message).toMatch(/PEM block 1 \(CERTIFICATE\)/);
    const bundle = `${pki.root.pem}${pki.server.pem.replace(/^([A-Za-z0-9+/]{20})./m, '$1*')}`;
    expect(expectRefusal(bytes(bundle), 'MALFORMED').message).toMatch(/PEM block 2/);
    expectRefusal(bytes(`-----BEGIN CERTIFICATE-----\n${Buffer.from('hello').toString('base64')}\n-----END CERTIFICATE-----\n`), 'MALFORMED');
    expectRefusal(Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x01, 0xff, 0xfe), 'MALFORMED');
    expectRefusal(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'MALFORMED');
  });

  it('refuses a PEM block without its END line as TRUNCATED', () => {
    const cut = pki.server.pem.slice(0, pki.server.pem.indexOf('-----END'));
    expectRefusal(bytes(cut), 'TRUNCATED');
  });

  it('refuses a lone private key with NOT_A_CERTIFICATE, yet decodes it for decodeContents', () => {
    const key = readFileSync(pki.server.keyPath);
    const error = expectRefusal(new Uint8Array(key), 'NOT_A_CERTIFICATE');
    expect(error.message).toMatch(/only a private key/);
    const contents = decodeContents(new Uint8Array(key));
    expect(contents.certificates).toHaveLength(0);
    expect(contents.privateKeys).toHaveLength(1);
  });

  it('refuses valid ASN.1 that is not a certificate, and a CSR, with NOT_A_CERTIFICATE', () => {
    expectRefusal(Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x05), 'NOT_A_CERTIFICATE');
    expect(expectRefusal(file('server.csr'), 'NOT_A_CERTIFICATE').message).toMatch(/certificate request/);
    openssl(work.path, 'crl2pkcs7', '-nocrl', '-outform', 'DER', '-out', 'empty.p7b');
    expectRefusal(file('empty.p7b'), 'NOT_A_CERTIFICATE');
  });

  it('pairs a PEM key with its certificate (mixed PEM), also when the key is encrypted', () => {
    const mixed = decodeContainer(bytes(pki.server.pem + readFileSync(pki.server.keyPath, 'utf8')));
    expect(mixed.format).toBe('mixed');
    expect(mixed.privateKeys.map((k) => k.certificateSha256)).toEqual([pki.server.sha256]);

    openssl(work.path, 'pkcs8', '-topk8', '-in', pki.server.keyPath, '-passout', 'pass:keypass', '-out', 'server-enc.key');
    openssl(work.path, 'ec', '-in', pki.server.keyPath, '-aes256', '-passout', 'pass:keypass', '-out', 'server-trad.key');
    for (const keyFile of ['server-enc.key', 'server-trad.key']) {
      const input = bytes(pki.server.pem + readFileSync(join(work.path, keyFile), 'utf8'));
      expect(decodeContainer(input, { password: 'keypass' }).privateKeys[0]!.certificateSha256).toBe(pki.server.sha256);
      expectRefusal(input, 'WRONG_PASSWORD', 'definitely-wrong');
      expectRefusal(input, 'PASSWORD_REQUIRED');
    }
  });

  it('reads a TRUSTED CERTIFICATE block (OpenSSL trust settings after the certificate)', () => {
    openssl(work.path, 'x509', '-in', pki.root.pemPath, '-addtrust', 'clientAuth', '-trustout', '-out', 'trusted.pem');
    const text = readFileSync(join(work.path, 'trusted.pem'), 'utf8');
    expect(text).toContain('BEGIN TRUSTED CERTIFICATE');
    expect(shas(decodeContainer(bytes(text)))).toEqual([pki.root.sha256]);
  });

  it('reads a UTF-16 text file with a byte-order mark (as Windows editors save)', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(pki.client.pem, 'utf16le')]);
    expect(shas(decodeContainer(new Uint8Array(utf16)))).toEqual([pki.client.sha256]);
  });
});
