import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../shared/errors';
import { children, octetString, readOid, readTlv } from '../../../main/services/certificates/codec/der';
import { iterateDigest } from '../../../main/services/certificates/codec/iterated-hash';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return 'no error';
};

describe('DER reader', () => {
  it('says TRUNCATED when an element runs past the end of the data, MALFORMED when it runs past its parent', () => {
    expect(codeOf(() => readTlv(Uint8Array.of(0x30, 0x82, 0x01, 0x00, 0x02), 0))).toBe('TRUNCATED');
    const nested = Uint8Array.of(0x30, 0x03, 0x04, 0x05, 0x00, 0x00, 0x00, 0x00, 0x00);
    const outer = readTlv(nested, 0, nested.length);
    expect(codeOf(() => children(nested, outer))).toBe('MALFORMED');
    expect(codeOf(() => readTlv(Uint8Array.of(0x30, 0x85, 1, 1, 1, 1, 1), 0))).toBe('MALFORMED');
  });

  it('reads BER indefinite lengths and constructed OCTET STRINGs', () => {
    // SEQUENCE (indefinite) { OCTET STRING (constructed, indefinite) { "ab", "c" } }
    const ber = Uint8Array.of(0x30, 0x80, 0x24, 0x80, 0x04, 0x02, 0x61, 0x62, 0x04, 0x01, 0x63, 0x00, 0x00, 0x00, 0x00);
    const outer = readTlv(ber, 0, ber.length);
    expect(outer.end).toBe(ber.length);
    const [inner] = children(ber, outer);
    expect(Buffer.from(octetString(ber, inner!)).toString()).toBe('abc');
  });

  it('decodes OIDs with large arcs', () => {
    const der = Uint8Array.of(0x06, 0x0a, 0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x14, 0x02, 0x03);
    expect(readOid(der, readTlv(der, 0))).toBe('1.3.6.1.4.1.311.20.2.3');
  });
});

describe('iterated digests (PKCS#12 KDF rounds)', () => {
  it.each(['sha1', 'sha256', 'sha512'])('match node:crypto for %s', (hash) => {
    const first = createHash(hash).update('seed').digest();
    let expected: Buffer = first;
    for (let i = 0; i < 1000; i++) expected = createHash(hash).update(expected).digest();
    expect(Buffer.from(iterateDigest(hash, new Uint8Array(first), 1000))).toEqual(expected);
  });
});
