import { parseArgs } from 'node:util';
import type { MatchRule } from '../../../shared/models/site';
import { call, UsageError, type CliContext } from '../cli-context';
import { formatTable } from '../table';

export const RULE_USAGE = `certmapper rule add --site NAME --name RULE (--allow --account USER | --deny) --match FIELD=PATTERN [--match ...] [--case-insensitive] [--disabled] [--position K]
certmapper rule move --site NAME --name RULE --position K
certmapper rule list --site NAME [--json]
certmapper rule remove --site NAME --name RULE
  FIELD: subject.CN|OU|O|L|S|C|E|DC|UID|serialNumber|T|GN|SN, the same under issuer., san.email|dns|upn|uri|ip, serial, eku, policy, issuer.sha256
  PATTERN: the whole value; * matches any run of characters, every other character is literal`;

/** `--match subject.OU=Sales*` -> a rule; the first '=' separates field and pattern. */
function parseMatch(text: string, caseSensitive: boolean): MatchRule {
  const at = text.indexOf('=');
  if (at <= 0 || at === text.length - 1) throw new UsageError(`--match must be FIELD=PATTERN (got ${text})`);
  return { field: text.slice(0, at), pattern: text.slice(at + 1), caseSensitive };
}

/** `certmapper rule <verb>`: ordered many-to-one mappings (rules ANDed, first match wins). */
export async function ruleCommand(context: CliContext): Promise<number> {
  const [verb, ...args] = context.args;
  const { values } = parseArgs({
    args,
    options: {
      site: { type: 'string' },
      name: { type: 'string' },
      allow: { type: 'boolean' },
      deny: { type: 'boolean' },
      account: { type: 'string' },
      match: { type: 'string', multiple: true },
      'case-insensitive': { type: 'boolean' },
      disabled: { type: 'boolean' },
      position: { type: 'string' },
      description: { type: 'string' },
      password: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  if (!values.site) throw new UsageError(`rule ${verb ?? ''} needs --site NAME`);
  const position = values.position === undefined ? undefined : Number(values.position);
  if (position !== undefined && !(Number.isInteger(position) && position >= 1)) throw new UsageError('--position must be 1 or more');
  switch (verb) {
    case 'add': {
      if (!values.name || !values.match?.length) throw new UsageError('rule add needs --name RULE and at least one --match FIELD=PATTERN');
      if (Boolean(values.allow) === Boolean(values.deny)) throw new UsageError('rule add needs exactly one of --allow or --deny');
      if (values.allow && !values.account) throw new UsageError('--allow needs --account USER');
      const mapping = await call(context, 'mappings.manyToOne.add', {
        site: values.site,
        name: values.name,
        description: values.description,
        permission: values.allow ? 'allow' : 'deny',
        account: values.allow ? values.account : null,
        rules: values.match.map((m) => parseMatch(m, !values['case-insensitive'])),
        enabled: !values.disabled,
        position,
        password: values.password,
      });
      context.out(`Added ${mapping.permission} mapping "${mapping.name}" on ${values.site}`);
      return 0;
    }
    case 'move': {
      if (!values.name || position === undefined) throw new UsageError('rule move needs --name RULE --position K');
      const { items } = await call(context, 'mappings.manyToOne.move', { site: values.site, name: values.name, position });
      context.out(items.map((m, i) => `${i + 1}. ${m.name}`).join('\n'));
      return 0;
    }
    case 'list': {
      const site = await call(context, 'sites.get', { site: values.site });
      if (values.json) context.out(JSON.stringify(site.manyToOne, null, 2));
      else {
        const rows = site.manyToOne.map((m, i) => [String(i + 1), m.name, m.permission, m.account ?? '-', m.enabled ? 'yes' : 'no', m.rules.map((r) => `${r.field}=${r.pattern}${r.caseSensitive ? '' : ' (i)'}`).join(' AND ')]);
        context.out(formatTable(['#', 'NAME', 'PERMISSION', 'ACCOUNT', 'ENABLED', 'RULES'], rows));
      }
      return 0;
    }
    case 'remove': {
      if (!values.name) throw new UsageError('rule remove needs --name RULE');
      await call(context, 'mappings.manyToOne.remove', { site: values.site, name: values.name });
      context.out(`Removed many-to-one mapping "${values.name}"`);
      return 0;
    }
    default:
      throw new UsageError(`Unknown rule verb: ${verb ?? '(none)'}`);
  }
}
