import type { ManyToOneMapping, MatchRule } from '../../shared/models/site';
import { compileField, FieldValues, type CertificateView, type FieldReader } from './certificate-fields';
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

/** A many-to-one mapping compiled once per snapshot: field readers and wildcard tests per rule, and its trace lines. */
export interface CompiledManyToOne {
  mapping: ManyToOneMapping;
  /** 1-based position in the site's ordered list (IIS Move Up / Move Down). */
  position: number;
  /** Why it can never decide (disabled, no rules, allow without an account), or null when it can. */
  inactive: string | null;
  /** The rules, compiled: the index (many-to-one-index.ts) files the mapping under one of them. */
  rules: readonly CompiledRule[];
  /** What-if's line when the mapping is inactive, and when it matched. */
  lines: { inactive: string; matched: string };
  /** -1 when every rule matched; else the 0-based index of the first rule that did not. */
  firstMiss(values: FieldValues): number;
  /** null when every rule matched; else the first rule that did not (the rule editor's preview). */
  evaluate(view: CertificateView): RuleMiss | null;
}

/** One rule, compiled: its reader, its test (on lower-cased values when it ignores case) and what traces say of it. */
export interface CompiledRule {
  rule: MatchRule;
  reader: FieldReader | null;
  /** The test compares lower-cased values (case-insensitive rules, hex fields): the pattern was lower-cased at compile time. */
  folded: boolean;
  /** The pattern as compared (lower-cased when folded, hex without separators). */
  pattern: string;
  test: ValueTest;
  /** What-if's line when this rule is the first that fails, up to the values seen ("... failed: "). */
  missPrefix: string;
}

const valuesFor = (rule: CompiledRule, values: FieldValues) => (rule.reader === null ? [] : rule.folded ? values.folded(rule.reader) : values.of(rule.reader));

function compileRule(rule: MatchRule, label: string, index: number): CompiledRule {
  const reader = compileField(rule.field);
  // Serial numbers and fingerprints are hex: case never matters, and the colons or spaces that
  // Windows and OpenSSL print between octets are not part of the value.
  const raw = reader?.hex ? rule.pattern.replace(/[\s:]/g, '') : rule.pattern;
  const folded = !!reader?.hex || !rule.caseSensitive;
  const pattern = folded ? raw.toLowerCase() : raw;
  const caseNote = rule.caseSensitive && !reader?.hex ? 'case-sensitive' : 'case-insensitive';
  const missPrefix = `${label}: rule ${index + 1} ${reader?.name ?? rule.field} ~ "${rule.pattern}" (${caseNote}) failed: `;
  return { rule, reader, folded, pattern, test: compileWildcard(pattern, true), missPrefix };
}

function inactiveReason(mapping: ManyToOneMapping): string | null {
  if (!mapping.enabled) return 'disabled: skipped';
  // Spec section 3: a mapping without rules matches nothing (it must never let everyone in).
  if (mapping.rules.length === 0) return 'has no rules: matches nothing';
  if (mapping.permission === 'allow' && !mapping.account) return 'allows but names no account: skipped';
  return null;
}

/** The label what-if names a mapping by. */
const labelOf = (mapping: ManyToOneMapping, position: number) => `many-to-one #${position} "${mapping.name}" (${mapping.permission}${mapping.account ? ` -> ${mapping.account}` : ''})`;

/** Compile one mapping; rules are ANDed and a rule matches if any value of its field matches. */
export function compileManyToOne(mapping: ManyToOneMapping, position: number): CompiledManyToOne {
  const label = labelOf(mapping, position);
  const rules = mapping.rules.map((rule, index) => compileRule(rule, label, index));
  const inactive = inactiveReason(mapping);
  const lines = {
    inactive: `${label}: ${inactive}`,
    matched: `${label}: matched, every rule holds (${mapping.rules.map((r) => `${r.field} ~ "${r.pattern}"`).join(' AND ')})`,
  };
  const firstMiss = (values: FieldValues): number => {
    for (let index = 0; index < rules.length; index++) {
      const rule = rules[index]!;
      if (rule.reader === null || !valuesFor(rule, values).some(rule.test)) return index;
    }
    return -1;
  };
  return {
    mapping,
    position,
    inactive,
    rules,
    lines,
    firstMiss,
    evaluate(view) {
      const values = new FieldValues(view);
      const index = firstMiss(values);
      if (index < 0) return null;
      const { rule, reader } = rules[index]!;
      return { index, rule, field: reader?.name ?? rule.field, values: reader ? values.of(reader) : [], unknownField: !reader, caseSensitive: rule.caseSensitive && !reader?.hex };
    },
  };
}

/**
 * What-if's account of many-to-one mappings, every line but the values built at compile time:
 * per certificate only "what the certificate has" is written, once per field.
 */
export class ManyToOneExplainer {
  // By field slot: what the certificate has, written once per field.
  private readonly seen: (string | undefined)[] = [];

  constructor(private readonly values: FieldValues) {}

  /** One line of what-if: why this mapping did or did not match. */
  explain(compiled: CompiledManyToOne): { matched: boolean; detail: string } {
    if (compiled.inactive) return { matched: false, detail: compiled.lines.inactive };
    const index = compiled.firstMiss(this.values);
    if (index < 0) return { matched: true, detail: compiled.lines.matched };
    const rule = compiled.rules[index]!;
    return { matched: false, detail: rule.missPrefix + this.seenFor(rule) };
  }

  private seenFor({ rule, reader }: CompiledRule): string {
    if (!reader) return `"${rule.field}" is not a field CertMapper knows`;
    return (this.seen[reader.slot] ??= this.describe(reader));
  }

  private describe(reader: FieldReader): string {
    const values = this.values.of(reader);
    return values.length === 0 ? `the certificate has no ${reader.name} value` : `no value matched, the certificate has ${values.map((v) => JSON.stringify(v)).join(', ')}`;
  }
}
