import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { whatIf } from '../../../main/decision/whatif';
import { makeTempDir } from '../../helpers/temp-dir';
import { createDecisionPki, type DecisionPki } from './decision-pki';
import { engineFor, makeSite, manyToOne, oneToOne, presentedOf, rule } from './decision-fixture';

// architecture.md: whatif runs the decision on a certificate without a connection and returns the
// same record with the full trace (trust list, chain, revocation, folder, every mapping tried).

describe('whatIf', () => {
  const work = makeTempDir('decision-whatif-');
  let pki: DecisionPki;
  let at: Date;
  beforeAll(() => {
    pki = createDecisionPki(work.path);
    at = new Date();
  });
  afterAll(() => work.cleanup());

  const site = () =>
    makeSite(pki, {
      name: 'Intranet',
      oneToOne: [oneToOne(pki.alice, 'alice.exact', { enabled: false })],
      manyToOne: [
        manyToOne('Admins', [rule('subject.OU', 'Admins')]),
        manyToOne('Old', [rule('subject.CN', '*')], { enabled: false }),
        manyToOne('Staff', [rule('subject.O', 'Corp'), rule('san.email', '*@corp.test')], { account: 'alice' }),
        manyToOne('Later', [rule('subject.CN', '*')]),
      ],
      folders: [{ path: '/reports', security: { revocation: 'cached' }, authorization: [] }],
    });
  const details = (decision: ReturnType<typeof whatIf>, step: string) => decision.trace.filter((s) => s.step === step).map((s) => s.detail);

  it('explains a success step by step: trust list, chain, CRLs, folder, every mapping tried', () => {
    const engine = engineFor(pki, site(), {}, { passwords: {} });
    const decision = whatIf(engine, 'intranet', presentedOf(pki.alice), '/reports/q1', at);
    expect([decision.status, decision.substatus, decision.account, decision.decidedBy, decision.failedStep]).toEqual([200, 0, 'alice', 'many-to-one "Staff"', null]);
    expect(details(decision, 'what-if')[0]).toContain('site "Intranet", path /reports/q1');
    expect(details(decision, 'folder')[0]).toMatch(/folder \/reports: .*client certificates require.*revocation cached/);
    const trust = details(decision, 'trust').join('\n');
    expect(trust).toContain(`trust list: "CN=Decision Root, O=Decision Test, C=US" (root, ${pki.root.sha256}); "CN=Decision Issuing CA, O=Decision Test, C=US" (intermediate, ${pki.intermediate.sha256})`);
    expect(trust).toMatch(new RegExp(`chain built: .*Alice Example.*${pki.alice.sha256}\\) -> .*Decision Issuing CA.*${pki.intermediate.sha256}\\) -> .*Decision Root.*${pki.root.sha256}\\)`));
    const revocation = details(decision, 'revocation');
    expect(revocation[0]).toMatch(/^CRL of "CN=Decision Issuing CA.*" \([0-9a-f]{64}, this update .*next update .*\) for ".*CN=Alice Example.*" serial 0A1B2C3D4E: not listed$/);
    expect(revocation[1]).toMatch(/^CRL of "CN=Decision Root.*" .* for "CN=Decision Issuing CA.*" serial [0-9A-F]+: not listed$/);
    expect(revocation[2]).toBe('not revoked: by any cached CRL; a missing CRL does not refuse in cached mode');
    const order = decision.trace.map((s) => `${s.step}:${s.result}`);
    expect(order.indexOf('trust:pass')).toBeLessThan(order.indexOf('revocation:info'));
    expect(details(decision, 'mapping')).toEqual([
      expect.stringMatching(/^one-to-one o2o-\d+ -> alice.exact: this certificate, but disabled: skipped$/),
      // The values of every field the active mappings test, once, before the mappings.
      'the certificate\'s subject.OU: "Staff", "Sales"',
      'the certificate\'s subject.O: "Corp"',
      'the certificate\'s san.email: "alice@corp.test"',
      'the certificate\'s subject.CN: "Alice Example"',
      'many-to-one #1 "Admins" (allow -> admins): rule 1 subject.OU ~ "Admins" (case-sensitive) failed',
      'many-to-one #2 "Old" (allow -> old): disabled: skipped',
      'many-to-one #3 "Staff" (allow -> alice): matched, every rule holds (subject.O ~ "Corp" AND san.email ~ "*@corp.test")',
      'many-to-one: 1 later mapping(s) not tried: the first match decides',
      'many-to-one "Staff" logs on as "alice"',
    ]);
    expect(decision).not.toHaveProperty('forwardPassword');
  });

  it('names the rule and the value that failed, and a reissued certificate\'s near miss', () => {
    const engine = engineFor(pki, makeSite(pki, { oneToOne: [oneToOne(pki.alice, 'alice')], manyToOne: [manyToOne('Mail', [rule('subject.O', 'Corp'), rule('san.email', '*@corp.test')])] }));
    const decision = whatIf(engine, 'site-1', presentedOf(pki.bob), '/', at);
    expect([decision.status, decision.substatus, decision.failedStep]).toEqual([401, 2, 'mapping']);
    const mapping = details(decision, 'mapping');
    expect(mapping).toContain('the certificate has no san.email value');
    expect(mapping).toContain('many-to-one #1 "Mail" (allow -> mail): rule 2 san.email ~ "*@corp.test" (case-sensitive) failed');
    const reissued = whatIf(engine, 'site-1', presentedOf(pki.aliceReissued), '/', at);
    expect(details(reissued, 'mapping').join('\n')).toMatch(/same subject but another certificate \([0-9a-f]{64}\): a reissued certificate does not match/);
  });

  it('shows the CRL that lists a revoked certificate', () => {
    const decision = whatIf(engineFor(pki, site()), 'Intranet', presentedOf(pki.revoked), '/', at);
    expect([decision.status, decision.substatus, decision.failedStep]).toEqual([403, 13, 'revocation']);
    expect(details(decision, 'revocation')[0]).toMatch(/CRL of "CN=Decision Issuing CA.*Revoked Person.*: listed as revoked$/);
    expect(decision.trace.some((s) => s.step === 'mapping')).toBe(false);
  });

  it('says when the site trusts no issuer', () => {
    const decision = whatIf(engineFor(pki, makeSite(pki, { trustedIssuers: [] })), 'site-1', presentedOf(pki.alice), '/', at);
    expect([decision.status, decision.substatus]).toEqual([403, 16]);
    expect(details(decision, 'trust')[0]).toMatch(/trusts no issuer.*browsers offer none/);
  });

  it('answers 404 for an unknown site', () => {
    const decision = whatIf(engineFor(pki, site()), 'Nowhere', presentedOf(pki.alice), '/', at);
    expect([decision.status, decision.failedStep, decision.trace[0]?.detail]).toEqual([404, 'site', 'no site named "Nowhere"']);
  });
});
