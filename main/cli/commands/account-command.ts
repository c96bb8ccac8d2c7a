import { parseArgs } from 'node:util';
import { call, UsageError, type CliContext } from '../cli-context';
import { formatTable } from '../table';

export const ACCOUNT_USAGE = `certmapper account add NAME [--group G...] [--description TEXT] [--email ADDR] [--upn USER@DOMAIN]
certmapper account list [--json]
certmapper account remove NAME`;

/** `certmapper account <verb>`: local accounts and groups that mappings log on as. */
export async function accountCommand(context: CliContext): Promise<number> {
  const [verb, ...args] = context.args;
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { group: { type: 'string', multiple: true }, description: { type: 'string' }, email: { type: 'string' }, upn: { type: 'string' }, json: { type: 'boolean' } },
  });
  switch (verb) {
    case 'add': {
      if (!positionals[0]) throw new UsageError('account add needs NAME');
      const account = await call(context, 'accounts.upsert', { name: positionals[0], groups: values.group ?? [], description: values.description ?? '', email: values.email, upn: values.upn });
      context.out(`Account ${account.name}${account.groups.length ? ` (groups: ${account.groups.join(', ')})` : ''}`);
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
