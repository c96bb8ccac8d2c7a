import { parseArgs } from 'node:util';
import { call, UsageError, type CliContext } from '../cli-context';

export const AUTHZ_USAGE = `certmapper authz add --site NAME [--path /folder] (--allow|--deny) (--account A | --group G | --everyone | --anonymous)
certmapper authz list --site NAME [--path /folder]
certmapper authz remove --site NAME [--path /folder] --index K`;

/** `certmapper authz <verb>`: URL authorization per folder; a refusal answers 401.3. */
export async function authzCommand(context: CliContext): Promise<number> {
  const [verb, ...args] = context.args;
  const { values } = parseArgs({
    args,
    options: {
      site: { type: 'string' },
      path: { type: 'string' },
      allow: { type: 'boolean' },
      deny: { type: 'boolean' },
      account: { type: 'string' },
      group: { type: 'string' },
      everyone: { type: 'boolean' },
      anonymous: { type: 'boolean' },
      index: { type: 'string' },
    },
  });
  if (!values.site) throw new UsageError(`authz ${verb ?? ''} needs --site NAME`);
  switch (verb) {
    case 'add': {
      if (Boolean(values.allow) === Boolean(values.deny)) throw new UsageError('authz add needs exactly one of --allow or --deny');
      const subjects = [values.account, values.group, values.everyone, values.anonymous].filter(Boolean);
      if (subjects.length !== 1) throw new UsageError('authz add needs exactly one of --account, --group, --everyone, --anonymous');
      const rule = values.account
        ? { kind: 'account' as const, name: values.account }
        : values.group
          ? { kind: 'group' as const, name: values.group }
          : values.everyone
            ? { kind: 'everyone' as const, name: '*' }
            : { kind: 'anonymous' as const, name: '?' };
      await call(context, 'sites.authorization.add', { site: values.site, path: values.path, rule: { access: values.allow ? 'allow' : 'deny', ...rule } });
      context.out(`${values.allow ? 'Allowed' : 'Denied'} ${rule.kind} ${rule.name} on ${values.site}${values.path ?? '/'}`);
      return 0;
    }
    case 'list': {
      const site = await call(context, 'sites.get', { site: values.site });
      const rules = !values.path || values.path === '/' ? site.authorization : (site.folders.find((f) => f.path.toLowerCase() === values.path!.toLowerCase())?.authorization ?? []);
      context.out(rules.map((r, i) => `${i + 1}. ${r.access} ${r.kind} ${r.name}`).join('\n') || '(no rules: everyone the mapping lets in)');
      return 0;
    }
    case 'remove': {
      const index = Number(values.index);
      if (!Number.isInteger(index) || index < 1) throw new UsageError('authz remove needs --index K (1-based, as authz list shows)');
      await call(context, 'sites.authorization.remove', { site: values.site, path: values.path, index: index - 1 });
      context.out(`Removed authorization rule ${index}`);
      return 0;
    }
    default:
      throw new UsageError(`Unknown authz verb: ${verb ?? '(none)'}`);
  }
}
