import type { TraceStep } from '../../shared/models/decision';
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

/** A many-to-one mapping compiled once per snapshot: field readers and wildcard tests per rule. */
export interface CompiledManyToOne {
  mapping: ManyToOneMapping;
  /** 1-based position in the site's ordered list (IIS Move Up / Move Down). */
  position: number;
  /** Why it can never decide (disabled, no rules, allow without an account), or null when it can. */
  inactive: string | null;
  /** The rules, compiled: the index (many-to-one-index.ts) files the mapping under one of them. */
  rules: readonly CompiledRule[];
  /**
   * -1 when every rule matched; else the 0-based index of the first rule that did not. `knownMiss`:
   * a rule already known to fail for these values (the index says which), so only the rules before
   * it are tried, and it is the answer when they all hold.
   */
  firstMiss(values: FieldValues, knownMiss?: number): number;
  /** null when every rule matched; else the first rule that did not (the rule editor's preview). */
  evaluate(view: CertificateView): RuleMiss | null;
  /** What-if's lines for this mapping, none of which depends on the certificate: made on first use, never by the gateway. */
  traceSteps(): ManyToOneTraceSteps;
}

/** What-if's lines for one mapping (the values a certificate has are named apart, once per field: many-to-one-walk.ts). */
export interface ManyToOneTraceSteps {
  inactive: TraceStep;
  matched: TraceStep;
  /** By rule: the line when that rule is the first that fails. */
  misses: readonly TraceStep[];
}

/** One rule, compiled: its reader and its test (on lower-cased values when it ignores case). */
export interface CompiledRule {
  rule: MatchRule;
  reader: FieldReader | null;
  /** The test compares lower-cased values (case-insensitive rules, hex fields): the pattern was lower-cased at compile time. */
  folded: boolean;
  /** The pattern as compared (lower-cased when folded, hex without separators). */
  pattern: string;
  test: ValueTest;
}

const valuesFor = (rule: CompiledRule, values: FieldValues) => (rule.reader === null ? [] : rule.folded ? values.folded(rule.reader) : values.of(rule.reader));

function compileRule(rule: MatchRule): CompiledRule {
  const reader = compileField(rule.field);
  // Serial numbers and fingerprints are hex: case never matters, and the colons or spaces that
  // Windows and OpenSSL print between octets are not part of the value.
  const raw = reader?.hex ? rule.pattern.replace(/[\s:]/g, '') : rule.pattern;
  const folded = !!reader?.hex || !rule.caseSensitive;
  const pattern = folded ? raw.toLowerCase() : raw;
  return { rule, reader, folded, pattern, test: compileWildcard(pattern, true) };
}

/** A line of what-if's mapping walk, made for one what-if (frozen like the lines made per snapshot). */
export const mappingInfo = (detail: string): TraceStep => Object.freeze({ step: 'mapping', result: 'info', detail });

/**
 * A line of the mapping walk made once per snapshot and shared by every what-if. Not mappingInfo:
 * V8 decides per allocation site whether objects are born in the old generation, and a thousand
 * lines that live as long as the snapshot make it decide so for their site. The few lines a what-if
 * makes at that same site were then born old too, and kept the strings they point to alive through
 * every young-generation collection: about 240 KB promoted per scavenge in the decision bench, and
 * a scavenge pause of about 2.2 ms instead of 0.5 (node --trace-gc-nvp).
 */
const snapshotLine = (detail: string): TraceStep => Object.freeze({ step: 'mapping', result: 'info', detail });

/** What-if's line when `rule` is the first rule of a mapping that fails. */
function missDetail(label: string, { rule, reader }: CompiledRule, index: number): string {
  const named = `${label}: rule ${index + 1} ${reader?.name ?? rule.field} ~ "${rule.pattern}"`;
  if (!reader) return `${named} failed: "${rule.field}" is not a field CertMapper knows`;
  return `${named} (${rule.caseSensitive && !reader.hex ? 'case-sensitive' : 'case-insensitive'}) failed`;
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
  const rules = mapping.rules.map((rule) => compileRule(rule));
  const inactive = inactiveReason(mapping);
  const firstMiss = (values: FieldValues, knownMiss = -1): number => {
    const end = knownMiss >= 0 ? knownMiss : rules.length;
    for (let index = 0; index < end; index++) {
      const rule = rules[index]!;
      if (rule.reader === null || !valuesFor(rule, values).some(rule.test)) return index;
    }
    return knownMiss;
  };
  let steps: ManyToOneTraceSteps | undefined;
  return {
    mapping,
    position,
    inactive,
    rules,
    firstMiss,
    evaluate(view) {
      const values = new FieldValues(view);
      const index = firstMiss(values);
      if (index < 0) return null;
      const { rule, reader } = rules[index]!;
      return { index, rule, field: reader?.name ?? rule.field, values: reader ? values.of(reader) : [], unknownField: !reader, caseSensitive: rule.caseSensitive && !reader?.hex };
    },
    traceSteps() {
      if (steps) return steps;
      const label = labelOf(mapping, position);
      steps = {
        inactive: snapshotLine(`${label}: ${inactive}`),
        matched: snapshotLine(`${label}: matched, every rule holds (${mapping.rules.map((r) => `${r.field} ~ "${r.pattern}"`).join(' AND ')})`),
        misses: rules.map((rule, index) => snapshotLine(missDetail(label, rule, index))),
      };
      return steps;
    },
  };
}
