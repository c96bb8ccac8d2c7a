import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManyToOneMapping, MatchRule } from '../../../shared/models/site';
import type { ConnectionState } from '../../../main/decision/connection-state';
import { compileManyToOne, type CompiledManyToOne } from '../../../main/decision/many-to-one';
import { whatIf } from '../../../main/decision/whatif';
import { makeTempDir } from '../../helpers/temp-dir';
import { createDecisionPki, type DecisionPki } from './decision-pki';
import { engineFor, makeSite, manyToOne, presentedOf, securityOf } from './decision-fixture';

// The gateway finds the deciding many-to-one mapping through an index (many-to-one-index.ts) rather
// than by trying every mapping. Whatever the rules, it must pick the mapping a walk in list order
// picks: here random rule lists, built from the real certificates' own values, against that walk.
// What-if's trace, which also uses the index to skip matching, must name for every mapping the same
// first failing rule as that walk.

type Cert = 'alice' | 'aliceReissued' | 'bob' | 'forger' | 'oddity' | 'revoked';
const CERTS: Cert[] = ['alice', 'aliceReissued', 'bob', 'forger', 'oddity', 'revoked'];
const FIELDS = ['subject.CN', 'subject.OU', 'subject.O', 'subject.E', 'san.email', 'san.dns', 'serial', 'eku', 'policy', 'issuer.CN', 'issuer.sha256', 'subject.2.5.4.11', 'subject.NOSUCH'];

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  let state = seed;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  return { next, pick };
}

describe('many-to-one index: the same first match as a walk in list order', () => {
  const work = makeTempDir('decision-m2o-index-');
  let pki: DecisionPki;
  let at: Date;
  /** Every value the test certificates have, per field, as the rules read them. */
  const valuesByField = new Map<string, string[]>();

  beforeAll(() => {
    pki = createDecisionPki(work.path);
    at = new Date();
    const engine = engineFor(pki, makeSite(pki));
    for (const cert of CERTS) {
      const state = engine.identify('site-1', presentedOf(pki[cert], [pki.intermediate]), at).state as ConnectionState;
      for (const field of FIELDS) {
        // A rule on a field CertMapper does not know matches nothing (and has no values to pick from).
        const reader = compileManyToOne(manyToOne('x', [{ field, pattern: '*', caseSensitive: true }]), 1).rules[0]!.reader;
        valuesByField.set(field, [...(valuesByField.get(field) ?? []), ...(reader ? state.fields().of(reader) : [])]);
      }
    }
  });
  afterAll(() => work.cleanup());

  function randomRule(r: ReturnType<typeof random>): MatchRule {
    const field = r.pick(FIELDS);
    const value = r.pick([...(valuesByField.get(field) ?? []), 'Staff', 'Team-1', 'zzz']);
    const cut = Math.floor(r.next() * (value.length + 1));
    const shapes = [
      value,
      `${value.slice(0, cut)}*`,
      `*${value.slice(cut)}`,
      `${value.slice(0, cut)}*${value.slice(cut + 1)}`,
      `${value.slice(0, cut)}x*`,
      '*',
      `*${value.slice(1, cut)}*`,
    ];
    let pattern = r.pick(shapes);
    const caseSensitive = r.next() < 0.5;
    if (r.next() < 0.3) pattern = r.next() < 0.5 ? pattern.toUpperCase() : pattern.toLowerCase();
    return { field, pattern, caseSensitive };
  }

  function randomMappings(r: ReturnType<typeof random>, count: number): ManyToOneMapping[] {
    return Array.from({ length: count }, (_, i) => {
      const rules = Array.from({ length: 1 + Math.floor(r.next() * 3) }, () => randomRule(r));
      const deny = r.next() < 0.15;
      return manyToOne(`m${i}`, rules, { enabled: r.next() > 0.1, permission: deny ? 'deny' : 'allow', account: deny ? null : `account${i}` });
    });
  }

  const all = (mappings: ManyToOneMapping[]) => mappings.map((m, i) => compileManyToOne(m, i + 1));

  /** What-if's line for each mapping a walk in list order tries: inactive, the first rule that fails, or the match that ends the walk. */
  function walkLines(compiled: CompiledManyToOne[], state: ConnectionState): string[] {
    const lines: string[] = [];
    for (const c of compiled) {
      if (c.inactive !== null) {
        lines.push(c.traceSteps().inactive.detail);
        continue;
      }
      const miss = c.evaluate(state);
      lines.push(miss ? c.traceSteps().misses[miss.index]!.detail : c.traceSteps().matched.detail);
      if (!miss) break;
    }
    return lines;
  }

  it('on 150 random rule lists, for every test certificate; what-if names the same rule a walk finds failing', () => {
    const r = random(20_261_122);
    let decided = 0;
    for (let round = 0; round < 150; round++) {
      const mappings = randomMappings(r, 1 + Math.floor(r.next() * 40));
      // Revocation off: the revoked certificate is mapped too, not refused before mapping.
      const engine = engineFor(pki, makeSite(pki, { manyToOne: mappings, security: securityOf({ revocation: 'off' }) }));
      const walk = mappings.map((m, i) => compileManyToOne(m, i + 1)).filter((c) => c.inactive === null);
      for (const cert of CERTS) {
        const identity = engine.identify('site-1', presentedOf(pki[cert], [pki.intermediate]), at);
        const expected = walk.find((c) => c.evaluate(identity.state as ConnectionState) === null);
        const decision = engine.decide(identity, { tls: true, path: '/', at });
        const context = `round ${round}, ${cert}, rules ${JSON.stringify(mappings.map((m) => [m.enabled, m.rules]))}`;
        expect(decision.decidedBy, context).toBe(expected ? `many-to-one "${expected.mapping.name}"` : null);
        if (expected) decided++;
        // What-if names, for every mapping up to the one that decided, what a walk in list order finds.
        const named = whatIf(engine, 'site-1', presentedOf(pki[cert], [pki.intermediate]), '/', at).trace.map((s) => s.detail).filter((d) => d.startsWith('many-to-one #'));
        expect(named, context).toEqual(walkLines(all(mappings), identity.state as ConnectionState));
      }
    }
    // The lists must decide often enough for the comparison to mean something.
    expect(decided).toBeGreaterThan(150);
  }, 60_000);
});
