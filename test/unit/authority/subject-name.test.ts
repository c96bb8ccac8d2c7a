import { describe, expect, it } from 'vitest';
import { parseSubject, toX509Name } from '../../../main/services/keys/subject-name';
import { decodeCertificateDer } from '../../../main/services/certificates/codec';
import { memoryServices } from '../../helpers/memory-services';
import { generateKeyPair } from '../../../main/services/keys/key-generation';

// Subjects are typed as the console shows them (RFC 4514: most specific first) and must come back the same.

async function issuedSubject(text: string) {
  const services = memoryServices();
  await services.authority.init({ crlUrl: 'http://127.0.0.1:1/crl/t.crl' });
  const keys = await generateKeyPair('ec-p256');
  const signed = await services.authority.issue({ subject: text, publicKey: keys.publicKeySpki, profile: 'client' });
  return decodeCertificateDer(signed.der).summary.subject;
}

describe('subjects of issued certificates', () => {
  it('round-trip through the certificate in the order the store shows them', async () => {
    expect(await issuedSubject('CN=Alice Smith, OU=Staff, O=Example, C=NZ')).toBe('CN=Alice Smith, OU=Staff, O=Example, C=NZ');
    expect(await issuedSubject('cn=Bob\\, Jr., e=bob@example.org')).toBe('CN=Bob\\, Jr., E=bob@example.org');
    expect(await issuedSubject('CN=a+UID=42, DC=corp, DC=example')).toBe('CN=a + UID=42, DC=corp, DC=example');
  });

  it('refuse what is not a distinguished name, naming the problem', () => {
    expect(() => parseSubject('')).toThrow(/empty/);
    expect(() => parseSubject('Alice')).toThrow(/"Alice" is not TYPE=value/);
    expect(() => parseSubject('CN=a,,O=b')).toThrow(/empty component between commas/);
    expect(() => parseSubject('CN=a, FOO=b')).toThrow(/unknown attribute type "FOO"/);
    expect(() => parseSubject('CN=')).toThrow(/CN has an empty value/);
    expect(() => parseSubject('CN=a, C=Germany')).toThrow(/two-letter/);
    expect(toX509Name(parseSubject('2.5.4.3=by oid')).toString()).toBe('CN=by oid');
  });
});
