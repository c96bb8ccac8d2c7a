import type { ManyToOneMapping, MatchRule } from '../../shared/models/site';
import { compileField, type CertificateView, type FieldReader } from './certificate-fields';
import { compileWildcard, type ValueTest } from './wildcard';

/** Why a mapping's rules did not all match: the first rule that failed and the values it saw. */
export interface RuleMiss {
  /** 0-based position of the rule in the mapping. */
  index: number;
  rule: MatchRule;
  field: string;
  values: readonly string[];
  unknownField: boolean;
  /** As compared: hex fields never care about case, whatever the rule says. */
  caseSensitive: boolean;
}

/** A many-to-one mapping compiled once per snapshot: field readers and wildcard tests per rule. */
export interface CompiledManyToOne {
  mapping: ManyToOneMapping;
  /** 1-based position in the site's ordered list (IIS Move Up / Move Down). */
  position: number;
  /** Why it can never decide (disabled, no rules, allow without an account), or null when it can. */
  inactive: string | null;
  /** null when every rule matched; else the first rule that did not. */
  evaluate(view: CertificateView): RuleMiss | null;
}

interface CompiledRule {
  rule: MatchRule;
  reader: FieldReader | null;
  test: ValueTest;
}

function compileRule(rule: MatchRule): CompiledRule {
  const reader = compileField(rule.field);
  // Serial numbers and fingerprints are hex: case never matters, and the colons or spaces that
  // Windows and OpenSSL print between octets are not part of the value.
  const pattern = reader?.hex ? rule.pattern.replace(/[\s:]/g, '') : rule.pattern;
  return { rule, reader, test: compileWildcard(pattern, reader?.hex ? false : rule.caseSensitive) };
}

function inactiveReason(mapping: ManyToOneMapping): string | null {
  if (!mapping.enabled) return 'disabled: skipped';
  // Spec section 3: a mapping without rules matches nothing (it must never let everyone in).
  if (mapping.rules.length === 0) return 'has no rules: matches nothing';
  if (mapping.permission === 'allow' && !mapping.account) return 'allows but names no account: skipped';
  return null;
}

/** Compile one mapping; rules are ANDed and a rule matches if any value of its field matches. */
export function compileManyToOne(mapping: ManyToOneMapping, position: number): CompiledManyToOne {
  const rules = mapping.rules.map(compileRule);
  return {
    mapping,
    position,
    inactive: inactiveReason(mapping),
    evaluate(view) {
      for (let index = 0; index < rules.length; index++) {
        const { rule, reader, test } = rules[index] as CompiledRule;
        const values = reader ? reader.read(view) : [];
        if (!reader || !values.some(test)) {
          return { index, rule, field: reader?.name ?? rule.field, values, unknownField: !reader, caseSensitive: rule.caseSensitive && !reader?.hex };
        }
      }
      return null;
    },
  };
}

/** The first active mapping whose rules all match, evaluating in order and stopping there. */
export function firstManyToOne(active: readonly CompiledManyToOne[], view: CertificateView): CompiledManyToOne | null {
  for (const compiled of active) if (compiled.evaluate(view) === null) return compiled;
  return null;
}

/** One line of what-if: why this mapping did or did not match. */
export function explainManyToOne(compiled: CompiledManyToOne, view: CertificateView): { matched: boolean; detail: string } {
  const { mapping, position } = compiled;
  const label = `many-to-one #${position} "${mapping.name}" (${mapping.permission}${mapping.account ? ` -> ${mapping.account}` : ''})`;
  if (compiled.inactive) return { matched: false, detail: `${label}: ${compiled.inactive}` };
  const miss = compiled.evaluate(view);
  if (!miss) {
    const rules = mapping.rules.map((r) => `${r.field} ~ "${r.pattern}"`).join(' AND ');
    return { matched: true, detail: `${label}: matched, every rule holds (${rules})` };
  }
  const { rule, field, values } = miss;
  const caseNote = miss.caseSensitive ? 'case-sensitive' : 'case-insensitive';
  const seen = miss.unknownField
    ? `"${rule.field}" is not a field CertMapper knows`
    : values.length === 0
      ? `the certificate has no ${field} value`
      : `no value matched, the certificate has ${values.map((v) => JSON.stringify(v)).join(', ')}`;
  return { matched: false, detail: `${label}: rule ${miss.index + 1} ${field} ~ "${rule.pattern}" (${caseNote}) failed: ${seen}` };
}
