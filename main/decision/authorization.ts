import type { AuthorizationRule } from '../../shared/models/site';

/** The outcome of a folder's authorization rules for one user. */
export interface AuthorizationOutcome {
  allowed: boolean;
  detail: string;
}

/** Account name -> its groups, compared case-insensitively as Windows account names are. */
export type GroupIndex = ReadonlyMap<string, ReadonlySet<string>>;

/** Build the account -> groups index once per snapshot. */
export function buildGroupIndex(accounts: Record<string, string[]>): GroupIndex {
  return new Map(Object.entries(accounts).map(([name, groups]) => [name.toLowerCase(), new Set(groups.map((g) => g.toLowerCase()))]));
}

function applies(rule: AuthorizationRule, account: string | null, groups: ReadonlySet<string>): boolean {
  switch (rule.kind) {
    case 'anonymous':
      return account === null;
    case 'everyone':
      return account !== null; // '*': any user a mapping logged on
    case 'account':
      return account !== null && account.toLowerCase() === rule.name.toLowerCase();
    case 'group':
      return account !== null && groups.has(rule.name.toLowerCase());
  }
}

const describe = (rule: AuthorizationRule): string =>
  `${rule.access} ${rule.kind === 'everyone' ? 'everyone (*)' : rule.kind === 'anonymous' ? 'anonymous (?)' : `${rule.kind} "${rule.name}"`}`;

/**
 * IIS URL authorization (spec section 6, 401.3): deny rules are checked first, then allow rules;
 * an empty list allows everyone who got this far, anonymous users included (IIS "Allow All Users").
 */
export function authorize(rules: readonly AuthorizationRule[], account: string | null, groupIndex: GroupIndex): AuthorizationOutcome {
  const who = account === null ? 'anonymous user' : `account "${account}"`;
  if (rules.length === 0) return { allowed: true, detail: `no authorization rules: every ${account === null ? 'anonymous user' : 'user'} may enter` };
  const groups = (account !== null && groupIndex.get(account.toLowerCase())) || new Set<string>();
  const deny = rules.find((rule) => rule.access === 'deny' && applies(rule, account, groups));
  if (deny) return { allowed: false, detail: `${who} refused by rule "${describe(deny)}"` };
  const allow = rules.find((rule) => rule.access === 'allow' && applies(rule, account, groups));
  if (allow) return { allowed: true, detail: `${who} allowed by rule "${describe(allow)}"` };
  return { allowed: false, detail: `${who} matches no allow rule (${rules.map(describe).join('; ')})` };
}
