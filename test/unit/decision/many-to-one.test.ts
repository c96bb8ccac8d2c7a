import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManyToOneMapping, OneToOneMapping, Site } from '../../../shared/models/site';
import { compileWildcard } from '../../../main/decision/wildcard';
import { makeTempDir } from '../../helpers/temp-dir';
import { createDecisionPki, type DecisionPki } from './decision-pki';
import { engineFor, makeSite, manyToOne, oneToOne, presentedOf, rule } from './decision-fixture';

// Mapping-spec sections 2-3, one row per rule of the spec. Certificates are real (decision-pki.ts);
// alice: C=US, O=Corp, OU=Staff, OU=Sales, CN=Alice Example, E, DC, UID, serialNumber, T, GN, SN,
// SANs email/dns/uri/ip/upn, EKU clientAuth+emailProtection, policy 1.3.6.1.4.1.99999.1.2, serial 0A1B2C3D4E.

type Cert = keyof Omit<DecisionPki, 'crls' | 'root' | 'intermediate'>;
interface Row {
  name: string;
  cert: Cert;
  site: (pki: DecisionPki) => Partial<Site>;
  expect: { status: number; substatus?: number; account?: string | null; decidedBy?: string | RegExp };
}

const only = (...mappings: ManyToOneMapping[]) => () => ({ manyToOne: mappings });
const matches = (name: string, cert: Cert, field: string, pattern: string, caseSensitive = true): Row => ({
  name, cert, site: only(manyToOne('Match', [rule(field, pattern, caseSensitive)])), expect: { status: 200, account: 'match', decidedBy: 'many-to-one "Match"' },
});
const misses = (name: string, cert: Cert, field: string, pattern: string, caseSensitive = true): Row => ({
  name, cert, site: only(manyToOne('Match', [rule(field, pattern, caseSensitive)])), expect: { status: 401, substatus: 2, account: null },
});
const o2o = (f: (pki: DecisionPki) => OneToOneMapping[], extra: Partial<Site> = {}, mappings: ManyToOneMapping[] = [manyToOne('Everyone', [rule('subject.CN', '*')])]) =>
  (pki: DecisionPki) => ({ oneToOne: f(pki), manyToOne: mappings, ...extra });

const rows: Row[] = [
  // Wildcards: '*' any run including none, every other character literal, whole value.
  matches('exact value', 'alice', 'subject.CN', 'Alice Example'),
  matches('* alone matches any value', 'alice', 'subject.CN', '*'),
  matches('* at the end', 'alice', 'subject.CN', 'Alice*'),
  matches('* at the start', 'alice', 'subject.CN', '*Example'),
  matches('* in the middle', 'alice', 'subject.CN', 'Al*ple'),
  matches('several stars', 'alice', 'subject.CN', 'A*e*E*e'),
  matches('* matches the empty run', 'alice', 'subject.CN', 'Alice Example*'),
  misses('no star: a prefix is not the whole value', 'alice', 'subject.CN', 'Alice'),
  misses('no star: a suffix is not the whole value', 'alice', 'subject.CN', 'Example'),
  misses('the pattern must reach the end of the value', 'alice', 'subject.CN', '*lice Exampl'),
  misses('? is literal, not one character', 'alice', 'subject.CN', 'Alice?Example'),
  misses('regex .* is literal', 'alice', 'subject.CN', '.*'),
  matches('regex characters are literal', 'oddity', 'subject.CN', 'a.b?c+(d)[e]^$|{x}'),
  matches('regex characters with a star', 'oddity', 'subject.CN', 'a.b?c+*|{x}'),
  misses('? does not stand for the dot', 'oddity', 'subject.CN', 'a?b?c*'),
  misses('. does not stand for any character', 'alice', 'subject.CN', 'Alice.Example'),
  // compareCaseSensitive: default true, as IIS.
  misses('case-sensitive by default', 'alice', 'subject.CN', 'alice example'),
  matches('case-insensitive when asked', 'alice', 'subject.CN', 'alice EXAMPLE', false),
  matches('case-insensitive with a wildcard', 'alice', 'subject.OU', 'STA*', false),
  // Multi-valued sub-fields: either value may match.
  matches('first of two OU values', 'alice', 'subject.OU', 'Staff'),
  matches('second of two OU values', 'alice', 'subject.OU', 'Sales'),
  misses('an OU value the certificate does not have', 'alice', 'subject.OU', 'Marketing'),
  misses('the values are not joined into one', 'alice', 'subject.OU', 'Staff*Sales'),
  // Values from the parsed certificate, never from a DN string.
  misses('a CN containing "OU=Admins" forges no OU', 'forger', 'subject.OU', 'Admins'),
  misses('nor with a wildcard', 'forger', 'subject.OU', '*Admins*'),
  matches('the forged text is the CN value', 'forger', 'subject.CN', 'Mallory, OU=Admins'),
  matches('a real OU=Admins matches', 'bob', 'subject.OU', 'Admins'),
  // Every subject sub-field, aliases and dotted OIDs.
  matches('subject.O', 'alice', 'subject.O', 'Corp'),
  matches('subject.C', 'alice', 'subject.C', 'US'),
  misses('subject.L absent', 'alice', 'subject.L', '*'),
  misses('subject.S absent', 'alice', 'subject.S', '*'),
  matches('subject.E', 'alice', 'subject.E', '*@corp.test'),
  matches('subject.DC', 'alice', 'subject.DC', 'corp'),
  matches('subject.UID', 'alice', 'subject.UID', 'alice01'),
  matches('subject.serialNumber', 'alice', 'subject.serialNumber', 'E-1001'),
  matches('subject.T', 'alice', 'subject.T', 'Engineer'),
  matches('subject.GN', 'alice', 'subject.GN', 'Alice'),
  matches('subject.SN (surname)', 'alice', 'subject.SN', 'Example'),
  misses('subject.SN is not the serialNumber attribute', 'alice', 'subject.SN', 'E-1001'),
  matches('a dotted OID (title)', 'alice', 'subject.2.5.4.12', 'Engineer'),
  matches('issuer.CN', 'alice', 'issuer.CN', 'Decision Issuing CA'),
  matches('issuer.O with a wildcard', 'alice', 'issuer.O', 'Decision*'),
  misses('issuer.CN of another CA', 'alice', 'issuer.CN', 'Decision Root'),
  // Subject alternative names.
  matches('san.email', 'alice', 'san.email', 'alice@corp.test'),
  matches('san.email with a wildcard', 'alice', 'san.email', '*@corp.test'),
  misses('san.email absent', 'bob', 'san.email', '*'),
  matches('san.upn', 'alice', 'san.upn', 'alice@upn.corp.test'),
  matches('san.dns', 'alice', 'san.dns', '*.corp.test'),
  matches('san.uri', 'alice', 'san.uri', 'https://id.corp.test/*'),
  matches('san.ip', 'alice', 'san.ip', '10.1.2.3'),
  misses('the UPN is not an email SAN', 'alice', 'san.email', 'alice@upn.corp.test'),
  // Serial (uppercase hex, case never matters), EKU, policy, issuer fingerprint.
  matches('serial', 'alice', 'serial', '0A1B2C3D4E'),
  matches('serial in lower case, rule case-sensitive', 'alice', 'serial', '0a1b2c3d4e'),
  matches('serial with colons', 'alice', 'serial', '0A:1B:2C:3D:4E'),
  matches('serial prefix', 'alice', 'serial', '0A1B*'),
  misses('the reissued serial', 'alice', 'serial', '0A1B2C3D4F'),
  matches('eku by friendly name', 'alice', 'eku', 'clientAuth'),
  matches('eku by OID', 'alice', 'eku', '1.3.6.1.5.5.7.3.2'),
  matches('eku, the second usage', 'alice', 'eku', 'emailProtection'),
  misses('eku the certificate lacks', 'alice', 'eku', 'serverAuth'),
  matches('policy OID', 'alice', 'policy', '1.3.6.1.4.1.99999.1.2'),
  matches('policy OID with a wildcard', 'alice', 'policy', '1.3.6.1.4.1.99999.*'),
  misses('policy absent', 'bob', 'policy', '*'),
  { name: 'issuer.sha256 of the issuing CA in the chain', cert: 'alice', site: (pki) => only(manyToOne('Match', [rule('issuer.sha256', pki.intermediate.sha256.toUpperCase())]))(), expect: { status: 200, account: 'match' } },
  { name: 'issuer.sha256 of the root is not the issuer', cert: 'alice', site: (pki) => only(manyToOne('Match', [rule('issuer.sha256', pki.root.sha256)]))(), expect: { status: 401, substatus: 2 } },
  // Rules are ANDed.
  { name: 'all rules hold', cert: 'alice', site: only(manyToOne('Both', [rule('subject.OU', 'Staff'), rule('subject.O', 'Corp')])), expect: { status: 200, account: 'both' } },
  { name: 'one rule fails', cert: 'alice', site: only(manyToOne('Both', [rule('subject.OU', 'Staff'), rule('subject.O', 'Other')])), expect: { status: 401, substatus: 2 } },
  // Order, first match, allow / deny, disabled, rule-less, allow without account.
  { name: 'first match wins', cert: 'alice', site: only(manyToOne('First', [rule('subject.OU', 'Staff')]), manyToOne('Second', [rule('subject.CN', '*')])), expect: { status: 200, account: 'first', decidedBy: 'many-to-one "First"' } },
  { name: 'order decides: deny above allow', cert: 'alice', site: only(manyToOne('Block', [rule('subject.OU', 'Sales')], { permission: 'deny', account: null }), manyToOne('Staff', [rule('subject.OU', 'Staff')])), expect: { status: 403, substatus: 12, account: null, decidedBy: 'many-to-one "Block"' } },
  { name: 'order decides: allow above deny', cert: 'alice', site: only(manyToOne('Staff', [rule('subject.OU', 'Staff')]), manyToOne('Block', [rule('subject.OU', 'Sales')], { permission: 'deny', account: null })), expect: { status: 200, account: 'staff' } },
  { name: 'deny mapping: 403.12', cert: 'bob', site: only(manyToOne('No admins', [rule('subject.OU', 'Admins')], { permission: 'deny', account: null })), expect: { status: 403, substatus: 12 } },
  { name: 'disabled mapping skipped', cert: 'alice', site: only(manyToOne('Off', [rule('subject.CN', '*')], { enabled: false }), manyToOne('On', [rule('subject.CN', '*')])), expect: { status: 200, account: 'on' } },
  { name: 'disabled deny skipped', cert: 'alice', site: only(manyToOne('Off', [rule('subject.CN', '*')], { enabled: false, permission: 'deny' })), expect: { status: 401, substatus: 2 } },
  { name: 'mapping without rules matches nothing', cert: 'alice', site: only(manyToOne('Empty', [])), expect: { status: 401, substatus: 2 } },
  { name: 'mapping without rules does not stop the list', cert: 'alice', site: only(manyToOne('Empty', []), manyToOne('Next', [rule('subject.CN', '*')])), expect: { status: 200, account: 'next' } },
  { name: 'allow without an account is skipped', cert: 'alice', site: only(manyToOne('Nobody', [rule('subject.CN', '*')], { account: null }), manyToOne('Next', [rule('subject.CN', '*')])), expect: { status: 200, account: 'next' } },
  { name: 'disabled many-to-one collection', cert: 'alice', site: () => ({ manyToOneEnabled: false, manyToOne: [manyToOne('All', [rule('subject.CN', '*')])] }), expect: { status: 401, substatus: 2 } },
  { name: 'nothing matched, anonymous on: anonymous', cert: 'alice', site: () => ({ security: { requireTls: true, clientCertificates: 'require', mapping: true, anonymous: true, revocation: 'strict' } }), expect: { status: 200, account: null, decidedBy: 'anonymous' } },
  // One-to-one (spec section 2) and its precedence.
  { name: 'one-to-one beats many-to-one', cert: 'alice', site: o2o((pki) => [oneToOne(pki.alice, 'alice.exact')]), expect: { status: 200, account: 'alice.exact', decidedBy: /^one-to-one o2o-\d+ \(SN=Example, GN=Alice, .*CN=Alice Example, OU=Sales, OU=Staff, O=Corp, C=US\)$/ } },
  { name: 'one-to-one beats a many-to-one deny', cert: 'alice', site: o2o((pki) => [oneToOne(pki.alice, 'alice.exact')], {}, [manyToOne('Block', [rule('subject.CN', '*')], { permission: 'deny' })]), expect: { status: 200, account: 'alice.exact' } },
  { name: 'disabled one-to-one skipped', cert: 'alice', site: o2o((pki) => [oneToOne(pki.alice, 'alice.exact', { enabled: false })]), expect: { status: 200, account: 'everyone' } },
  { name: 'disabled one-to-one collection skipped', cert: 'alice', site: o2o((pki) => [oneToOne(pki.alice, 'alice.exact')], { oneToOneEnabled: false }), expect: { status: 200, account: 'everyone' } },
  { name: 'a reissued certificate with the same subject does not match', cert: 'aliceReissued', site: o2o((pki) => [oneToOne(pki.alice, 'alice.exact')], {}, []), expect: { status: 401, substatus: 2 } },
  { name: 'the first enabled one-to-one for a certificate decides', cert: 'alice', site: o2o((pki) => [oneToOne(pki.alice, 'off', { enabled: false }), oneToOne(pki.alice, 'second'), oneToOne(pki.alice, 'third')]), expect: { status: 200, account: 'second' } },
];

describe('many-to-one and one-to-one mapping (mapping-spec sections 2-3)', () => {
  const work = makeTempDir('decision-m2o-');
  let pki: DecisionPki;
  let at: Date;
  beforeAll(() => {
    pki = createDecisionPki(work.path);
    at = new Date(); // after issuing: openssl sets notBefore to the moment of signing
  });
  afterAll(() => work.cleanup());

  it.each(rows)('$name', (row) => {
    const engine = engineFor(pki, makeSite(pki, row.site(pki)));
    const identity = engine.identify('site-1', presentedOf(pki[row.cert], [pki.intermediate]), at);
    const decision = engine.decide(identity, { tls: true, path: '/', at });
    expect({ status: decision.status, substatus: decision.substatus }).toEqual({ status: row.expect.status, substatus: row.expect.substatus ?? 0 });
    if (row.expect.account !== undefined) expect(decision.account).toBe(row.expect.account);
    if (typeof row.expect.decidedBy === 'string') expect(decision.decidedBy).toBe(row.expect.decidedBy);
    if (row.expect.decidedBy instanceof RegExp) expect(decision.decidedBy).toMatch(row.expect.decidedBy);
    if (decision.status !== 200) expect(decision.failedStep).toBe('mapping');
    // What-if (the verbose path) must reach the same decision as the gateway's hot path.
    const explained = engine.explain(identity, { tls: true, path: '/', at });
    expect([explained.status, explained.substatus, explained.account, explained.decidedBy]).toEqual([decision.status, decision.substatus, decision.account, decision.decidedBy]);
  });

  it('looks one-to-one up among 100,000 and evaluates 1,000 many-to-one mappings in order', () => {
    const filler = Array.from({ length: 100_000 }, (_, i) => oneToOne(pki.bob, `user${i}`, { certificateSha256: i.toString(16).padStart(64, '0') }));
    const rules = Array.from({ length: 999 }, (_, i) => manyToOne(`Rule ${i}`, [rule('subject.OU', `Team ${i}`)]));
    const site = makeSite(pki, { oneToOne: [...filler, oneToOne(pki.alice, 'alice.exact')], manyToOne: [...rules, manyToOne('Last', [rule('subject.OU', 'Admins')])] });
    const engine = engineFor(pki, site);
    const decide = (cert: Cert) => engine.decide(engine.identify('site-1', presentedOf(pki[cert]), at), { tls: true, path: '/', at });
    expect(decide('alice').account).toBe('alice.exact');
    expect(decide('bob').decidedBy).toBe('many-to-one "Last"');
    expect(decide('forger').status).toBe(401);
  });
});

describe('compileWildcard', () => {
  it.each([
    ['*', '', true],
    ['**', 'x', true],
    ['a*', 'a', true],
    ['*a*', 'bab', true],
    ['a*b*a', 'aba', true],
    ['a*b*a', 'ab', false],
    ['ab*ba', 'aba', false],
    ['a?c', 'abc', false],
    ['a?c', 'a?c', true],
    ['', '', true],
    ['x', 'X', false],
  ])('%j against %j: %s', (pattern, value, expected) => {
    expect(compileWildcard(pattern, true)(value)).toBe(expected);
  });

  it('stays linear on a long hostile value', () => {
    const test = compileWildcard(`${'*a'.repeat(30)}*b`, true);
    expect(test('a'.repeat(100_000))).toBe(false);
  });
});
