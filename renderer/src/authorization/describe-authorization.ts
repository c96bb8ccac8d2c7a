import type { AuthorizationRule } from '../../../shared/models/site';

/** Who a rule names, in IIS's words: "All users (*)", "Anonymous users (?)", "Group staff", "Account alice". */
export function describeWho(rule: AuthorizationRule): string {
  switch (rule.kind) {
    case 'everyone':
      return 'All users (*)';
    case 'anonymous':
      return 'Anonymous users (?)';
    case 'group':
      return `Group ${rule.name}`;
    case 'account':
      return `Account ${rule.name}`;
  }
}
