import { MATCH_FIELD_PATTERN, NAME_SUB_FIELDS, OTHER_FIELDS, SAN_FIELDS, type MatchRule } from '../../../shared/models/site';

/** The first picker of a rule: a name (Subject, Issuer) or a single field. */
export type FieldKind = 'subject' | 'issuer' | (typeof SAN_FIELDS)[number] | (typeof OTHER_FIELDS)[number];
/** A sub-field of a Subject or Issuer name (CN, OU …). */
export type NameSubField = (typeof NAME_SUB_FIELDS)[number];

/** The picker's entries, in the order an IIS administrator looks for them. */
export const FIELD_KINDS: { value: FieldKind; label: string; example: string }[] = [
  { value: 'subject', label: 'Subject', example: 'Sales*' },
  { value: 'issuer', label: 'Issuer', example: 'Contoso Issuing CA' },
  { value: 'san.email', label: 'SAN email', example: '*@example.com' },
  { value: 'san.dns', label: 'SAN DNS name', example: '*.devices.example.com' },
  { value: 'san.upn', label: 'SAN UPN', example: '*@corp.example.com' },
  { value: 'san.uri', label: 'SAN URI', example: 'spiffe://example.com/*' },
  { value: 'san.ip', label: 'SAN IP address', example: '10.1.*' },
  { value: 'serial', label: 'Serial number', example: '0A1B2C…' },
  { value: 'eku', label: 'Extended key usage (OID)', example: '1.3.6.1.5.5.7.3.2' },
  { value: 'policy', label: 'Certificate policy (OID)', example: '1.3.6.1.4.1.311.*' },
  { value: 'issuer.sha256', label: "Issuer's SHA-256", example: '64 hexadecimal characters' },
];

/** Sub-fields of a name with what they hold (IIS 6 lists CN, OU, O, L, S, C; the rest are ours). */
export const SUB_FIELD_LABELS: Record<NameSubField, string> = {
  CN: 'CN: common name',
  OU: 'OU: organizational unit',
  O: 'O: organization',
  L: 'L: locality',
  S: 'S: state or province',
  C: 'C: country',
  E: 'E: email address',
  DC: 'DC: domain component',
  UID: 'UID: user id',
  serialNumber: 'serialNumber: device serial',
  T: 'T: title',
  GN: 'GN: given name',
  SN: 'SN: surname',
  I: 'I: initials',
  STREET: 'STREET: street address',
};

/** The sub-field picker's value for "another attribute, by OID". */
export const OID_SUB_FIELD = 'oid';

/** One rule as the editor holds it while it is typed. */
export interface RuleDraft {
  kind: FieldKind;
  sub: NameSubField | typeof OID_SUB_FIELD;
  oid: string;
  pattern: string;
  caseSensitive: boolean;
}

/** A new rule: Subject OU, case-sensitive as IIS's default (compareCaseSensitive=true). */
export const NEW_RULE: RuleDraft = { kind: 'subject', sub: 'OU', oid: '', pattern: '', caseSensitive: true };

const isName = (kind: FieldKind) => kind === 'subject' || kind === 'issuer';

/** The contract's field string (subject.OU, san.email, issuer.2.5.4.12 …) of a draft. */
export function fieldOf(draft: RuleDraft): string {
  if (!isName(draft.kind)) return draft.kind;
  return `${draft.kind}.${draft.sub === OID_SUB_FIELD ? draft.oid.trim() : draft.sub}`;
}

/** Whether the rule is complete and its field one the service knows. */
export function ruleProblem(draft: RuleDraft): string | null {
  if (!draft.pattern) return 'A pattern is needed (use * for "anything")';
  if (!MATCH_FIELD_PATTERN.test(fieldOf(draft))) return draft.sub === OID_SUB_FIELD ? 'An OID such as 2.5.4.12' : 'Unknown field';
  return null;
}

/** A draft to the contract's rule (only for drafts without a problem). */
export function toMatchRule(draft: RuleDraft): MatchRule {
  return { field: fieldOf(draft), pattern: draft.pattern, caseSensitive: draft.caseSensitive };
}

/** A stored rule back into the editor. */
export function toRuleDraft(rule: MatchRule): RuleDraft {
  const [head, ...rest] = rule.field.split('.');
  if ((head === 'subject' || head === 'issuer') && rest.length && rule.field !== 'issuer.sha256') {
    const sub = rest.join('.');
    const known = (NAME_SUB_FIELDS as readonly string[]).includes(sub);
    return { kind: head, sub: known ? (sub as NameSubField) : OID_SUB_FIELD, oid: known ? '' : sub, pattern: rule.pattern, caseSensitive: rule.caseSensitive };
  }
  return { kind: rule.field as FieldKind, sub: 'CN', oid: '', pattern: rule.pattern, caseSensitive: rule.caseSensitive };
}

/** "Subject OU", "SAN email": a field as the rule list shows it. */
export function describeField(field: string): string {
  const kind = FIELD_KINDS.find((k) => k.value === field);
  if (kind) return kind.label;
  const [head, ...rest] = field.split('.');
  return `${head === 'issuer' ? 'Issuer' : 'Subject'} ${rest.join('.')}`;
}

/** One line for a rule set: Subject OU = "Sales*" and Issuer CN = "Contoso CA" (case-insensitive marked). */
export function describeRules(rules: readonly MatchRule[]): string {
  return rules.map((r) => `${describeField(r.field)} = "${r.pattern}"${r.caseSensitive ? '' : ' (any case)'}`).join(' and ');
}
