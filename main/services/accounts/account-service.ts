import { DomainError } from '../../../shared/errors';
import type { Account } from '../../../shared/models/site';
import type { ConfigStore } from '../../ports';
import type { ConfigDocument } from '../sites/config-document';

/** Local accounts and their groups: who a mapping logs on as, and what authorization rules name. */
export class AccountService {
  constructor(private readonly store: ConfigStore<ConfigDocument>) {}

  list(): Account[] {
    return Object.values(this.store.read().accounts);
  }

  /**
   * Add an account, or update its groups and description if it exists. `create`: only add; an
   * existing account is refused, since an update replaces its groups (and with them what
   * authorization rules let it reach).
   */
  upsert(input: Account, { create = false }: { create?: boolean } = {}): Account {
    const document = this.store.read();
    const existing = document.accounts[input.name.toLowerCase()];
    if (create && existing) throw new DomainError('CONFLICT', `Account "${existing.name}" exists${existing.groups.length ? ` (groups: ${existing.groups.join(', ')})` : ''}: change it with certmapper account set (Edit… in the console) instead of adding it again`);
    // An update that does not mention email or UPN keeps them: certificates were issued with them.
    const account: Account = { ...input, email: input.email ?? existing?.email, upn: input.upn ?? existing?.upn };
    if (account.email === undefined) delete account.email;
    if (account.upn === undefined) delete account.upn;
    this.store.write({ ...document, accounts: { ...document.accounts, [account.name.toLowerCase()]: account } });
    return account;
  }

  remove(name: string): void {
    const document = this.store.read();
    const key = name.toLowerCase();
    if (!document.accounts[key]) throw new DomainError('NOT_FOUND', `No account named "${name}"`);
    const inUse = Object.values(document.sites).find(
      (s) => s.oneToOne.some((m) => m.account.toLowerCase() === key) || s.manyToOne.some((m) => m.account?.toLowerCase() === key),
    );
    if (inUse) throw new DomainError('CONFLICT', `Account "${name}" is used by mappings of site "${inUse.name}": remove them first`);
    const accounts = { ...document.accounts };
    delete accounts[key];
    this.store.write({ ...document, accounts });
  }

  /** Refuse a mapping to an account that does not exist: a typo would otherwise log nobody on. */
  require(name: string): Account {
    const account = this.store.read().accounts[name.toLowerCase()];
    if (!account) throw new DomainError('NOT_FOUND', `No account named "${name}" (add it with: certmapper account add ${name})`);
    return account;
  }
}
