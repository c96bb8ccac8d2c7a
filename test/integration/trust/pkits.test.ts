import { describe, expect, it } from 'vitest';
import { loadPkits, runPkitsCase, type PkitsCase } from './pkits-cases';

/**
 * NIST PKITS through verify(), in-process. Every section is implemented (signatures incl. DSA
 * parameter inheritance, validity, name chaining, CRLs incl. distribution points, indirect and
 * delta CRLs, self-issued keys, basic constraints, key usage, policies and policy mappings, name
 * constraints, critical extensions), so no case is excluded from the score.
 */
describe('NIST PKITS (249 cases, read in place)', () => {
  const suite = loadPkits();
  const outcomes = suite.tests.map((test) => {
    try {
      return { test, result: runPkitsCase(test, suite.policy_oids), error: null };
    } catch (error) {
      return { test, result: null, error: error as Error };
    }
  });

  it('runs every case without an exception', () => {
    expect(outcomes.filter((o) => o.error).map((o) => `${o.test.id}: ${o.error!.message}`)).toEqual([]);
    expect(outcomes).toHaveLength(249);
  });

  it('agrees with the expected validity on at least 95% of the cases', () => {
    const disagreements = outcomes.filter((o) => o.result && o.result.valid !== o.test.expected_valid);
    const agreed = outcomes.length - disagreements.length;
    console.log(`PKITS agreement: ${agreed} of ${outcomes.length} (${((100 * agreed) / outcomes.length).toFixed(1)}%)`);
    for (const o of disagreements) console.log(`  ${o.test.id} ${o.test.title}: expected ${o.test.expected_valid}, got ${o.result!.code}`);
    expect(agreed / outcomes.length).toBeGreaterThanOrEqual(0.95);
  });

  it('maps failures to the codes the gateway turns into 403.16 / 403.17 / 403.13', () => {
    const codeOf = (id: string) => outcomes.find((o) => o.test.id === id)!.result!.code;
    expect(codeOf('4.1.1')).toBe('ok');
    expect(codeOf('4.1.2')).toBe('bad-signature');
    expect(codeOf('4.2.1')).toBe('not-yet-valid');
    expect(codeOf('4.2.6')).toBe('expired');
    expect(codeOf('4.3.1')).toBe('untrusted');
    expect(codeOf('4.4.1')).toBe('revocation-unknown');
    expect(codeOf('4.4.2')).toBe('revoked');
    expect(codeOf('4.4.3')).toBe('revoked');
    expect(codeOf('4.6.1')).toBe('invalid');
    expect(codeOf('4.6.5')).toBe('invalid');
    expect(codeOf('4.7.1')).toBe('invalid');
    expect(codeOf('4.13.2')).toBe('name-constraints');
    expect(codeOf('4.16.2')).toBe('invalid');
  });

  it('names the certificate and the failed check in every failure message', () => {
    const failures = outcomes.filter((o) => o.result && !o.result.valid);
    for (const { result, test } of failures) {
      expect(result!.message, test.id).toMatch(/check failed: .*"[^"]+" \([0-9a-f]{12}\)/);
    }
  });

  it('returns the chain leaf first, as far as it was built', () => {
    const valid = outcomes.filter((o) => o.result?.valid);
    for (const { result, test } of valid as { result: NonNullable<(typeof outcomes)[0]['result']>; test: PkitsCase }[]) {
      expect(result.chain.length, test.id).toBeGreaterThanOrEqual(2);
      expect(result.chain.every((h) => /^[0-9a-f]{64}$/.test(h))).toBe(true);
    }
  });
});
