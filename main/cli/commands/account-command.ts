import { parseArgs } from 'node:util';
import { call, UsageError, type CliContext } from '../cli-context';
import { DomainError } from '../../../shared/errors';
import type { Account } from '../../../shared/models/site';
import { formatTable } from '../table';

export const ACCOUNT_USAGE = `certmapper account add NAME [--group G...] [--description TEXT] [--email ADDR] [--upn USER@DOMAIN]
certmapper account set NAME [--group G... | --clear-groups] [--description TEXT] [--email ADDR] [--upn USER@DOMAIN]
certmapper account list [--json]
certmapper account remove NAME`;

const describe = (account: Account): string => `${account.name}${account.groups.length ? ` (groups: ${account.groups.join(', ')})` : ''}`;

/** `certmapper account <verb>`: local accounts and groups that mappings log on as. */
export async function accountCommand(context: CliContext): Promise<number> {
  const [verb, ...args] = context.args;
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { group: { type: 'string', multiple: true }, 'clear-groups': { type: 'boolean' }, description: { type: 'string' }, email: { type: 'string' }, upn: { type: 'string' }, json: { type: 'boolean' } },
  });
  switch (verb) {
    case 'add': {
      if (!positionals[0]) throw new UsageError('account add needs NAME');
      const account = await call(context, 'accounts.upsert', { name: positionals[0], groups: values.group ?? [], description: values.description ?? '', email: values.email, upn: values.upn, create: true });
      context.out(`Added account ${describe(account)}`);
      return 0;
    }
    case 'set': {
      // Only what is given changes: the groups, above all, stay unless --group or --clear-groups says otherwise.
      if (!positionals[0]) throw new UsageError('account set needs NAME');
      if (values.group && values['clear-groups']) throw new UsageError('account set takes --group or --clear-groups, not both');
      const { items } = await call(context, 'accounts.list', {});
      const existing = items.find((a) => a.name.toLowerCase() === positionals[0]!.toLowerCase());
      if (!existing) throw new DomainError('NOT_FOUND', `No account named "${positionals[0]}" (add it with: certmapper account add ${positionals[0]})`);
      const groups = values['clear-groups'] ? [] : (values.group ?? existing.groups);
      const account = await call(context, 'accounts.upsert', { name: existing.name, groups, description: values.description ?? existing.description, email: values.email, upn: values.upn });
      context.out(`Changed account ${describe(account)}`);
      return 0;
    }
    case 'list': {
      const { items } = await call(context, 'accounts.list', {});
      context.out(values.json ? JSON.stringify(items, null, 2) : formatTable(['ACCOUNT', 'GROUPS', 'DESCRIPTION'], items.map((a) => [a.name, a.groups.join(', '), a.description])));
      return 0;
    }
    case 'remove': {
      if (!positionals[0]) throw new UsageError('account remove needs NAME');
      await call(context, 'accounts.remove', { name: positionals[0] });
      context.out(`Removed account ${positionals[0]}`);
      return 0;
    }
    default:
      throw new UsageError(`Unknown account verb: ${verb ?? '(none)'}`);
  }
}
