import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../shared/errors';
import { normalizeSans } from '../../../main/services/keys/subject-alt-names';
import { parseSubject, toX509Name } from '../../../main/services/keys/subject-name';
import { escapeDnValue, subjectText } from '../../../renderer/src/keys/subject-text';

const refusal = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('INVALID_INPUT');
    return (error as DomainError).message;
  }
  throw new Error('expected a refusal');
};

describe('request subjects (RFC 4514, as the store shows names)', () => {
  it('reads escapes, multi-valued RDNs, aliases and OIDs, and writes the Name in DER order', () => {
    const subject = parseSubject('CN=www.example.com, OU=Web+OU=Ops, O=Example\\, Inc., ST=Wash, S=Ignored\\2C too, C=us, 1.2.3.4=x');
    expect(subject.map((rdn) => rdn.map((a) => `${a.oid}=${a.value}`))).toEqual([
      ['2.5.4.3=www.example.com'],
      ['2.5.4.11=Web', '2.5.4.11=Ops'],
      ['2.5.4.10=Example, Inc.'],
      ['2.5.4.8=Wash'],
      ['2.5.4.8=Ignored, too'],
      ['2.5.4.6=US'],
      ['1.2.3.4=x'],
    ]);
    expect(toX509Name(parseSubject('CN=a, O=b, C=US')).toString()).toBe('C=US, O=b, CN=a');
  });

  it('refuses what is not a subject, saying what is wrong', () => {
    expect(refusal(() => parseSubject('  '))).toMatch(/it is empty/);
    expect(refusal(() => parseSubject('/C=US/CN=x'))).toMatch(/not \/CN=\.\.\.\/O=\.\.\./);
    expect(refusal(() => parseSubject('www.example.com'))).toMatch(/"www\.example\.com" is not TYPE=value/);
    expect(refusal(() => parseSubject('CN=a,, O=b'))).toMatch(/empty component/);
    expect(refusal(() => parseSubject('CN='))).toMatch(/CN has an empty value/);
    expect(refusal(() => parseSubject('Foo=bar'))).toMatch(/unknown attribute type "Foo"/);
    expect(refusal(() => parseSubject('C=United States'))).toMatch(/C must be a two-letter country code/);
    expect(refusal(() => parseSubject('CN=a\\'))).toMatch(/lone backslash/);
  });

  it("the console's subject text parses back to the same fields", () => {
    const text = subjectText({ commonName: ' #1 server ', organizationalUnit: '', organization: 'A+B, "C" <D>; E=F\\G', locality: 'Zürich', state: '', country: 'ch' });
    expect(text).toBe('CN=\\#1 server, O=A\\+B\\, \\"C\\" \\<D\\>\\; E\\=F\\\\G, L=Zürich, C=ch');
    expect(parseSubject(text).map((rdn) => rdn[0]!.value)).toEqual(['#1 server', 'A+B, "C" <D>; E=F\\G', 'Zürich', 'CH']);
    expect(escapeDnValue('trailing ')).toBe('trailing\\ ');
  });
});

describe('request subject alternative names', () => {
  it('normalizes each kind: IDN to A-labels, IPv6 canonical, repeats dropped', () => {
    expect(
      normalizeSans([
        { type: 'dns', value: ' WWW.Example.com ' },
        { type: 'dns', value: 'www.example.com.' },
        { type: 'dns', value: '*.bücher.example' },
        { type: 'ip', value: '2001:DB8:0:0::1' },
        { type: 'ip', value: '[::1]' },
        { type: 'email', value: 'a@b.example' },
        { type: 'upn', value: 'alice@corp' },
        { type: 'uri', value: 'urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66' },
      ]),
    ).toEqual([
      { type: 'dns', value: 'www.example.com' },
      { type: 'dns', value: '*.xn--bcher-kva.example' },
      { type: 'ip', value: '2001:db8::1' },
      { type: 'ip', value: '::1' },
      { type: 'email', value: 'a@b.example' },
      { type: 'upn', value: 'alice@corp' },
      { type: 'uri', value: 'urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66' },
    ]);
  });

  it('refuses a malformed name of each kind, naming it', () => {
    expect(refusal(() => normalizeSans([{ type: 'dns', value: 'a..b' }]))).toMatch(/dns:a\.\.b is not a host name/);
    expect(refusal(() => normalizeSans([{ type: 'dns', value: 'www.*.example' }]))).toMatch(/is not a host name/);
    expect(refusal(() => normalizeSans([{ type: 'dns', value: `${'a'.repeat(64)}.example` }]))).toMatch(/is not a host name/);
    expect(refusal(() => normalizeSans([{ type: 'ip', value: '10.0.0.256' }]))).toMatch(/ip:10\.0\.0\.256 is not an IPv4 or IPv6 address/);
    expect(refusal(() => normalizeSans([{ type: 'email', value: 'alice' }]))).toMatch(/email:alice is not an email address/);
    expect(refusal(() => normalizeSans([{ type: 'upn', value: 'alice@' }]))).toMatch(/upn:alice@ is not a user principal name/);
    expect(refusal(() => normalizeSans([{ type: 'uri', value: 'no scheme' }]))).toMatch(/uri:no scheme is not an absolute URI/);
  });
});
