import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { call, UsageError, type CliContext } from '../cli-context';
import { formatTable } from '../table';
import { revokedCell } from './status-cells';

export const MAP_USAGE = `certmapper map add --site NAME --cert FILE --account USER [--password P] [--disabled]
certmapper map list --site NAME [--json]
certmapper map remove --site NAME (--id ID | --cert SHA256)`;

/** `certmapper map <verb>`: one-to-one mappings (this exact certificate logs on as that account). */
export async function mapCommand(context: CliContext): Promise<number> {
  const [verb, ...args] = context.args;
  const { values } = parseArgs({
    args,
    options: {
      site: { type: 'string' },
      cert: { type: 'string' },
      account: { type: 'string' },
      password: { type: 'string' },
      disabled: { type: 'boolean' },
      id: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  if (!values.site) throw new UsageError(`map ${verb ?? ''} needs --site NAME`);
  switch (verb) {
    case 'add': {
      if (!values.cert || !values.account) throw new UsageError('map add needs --cert FILE and --account USER');
      // Any encoding: the certificate is imported (or recognised) first, then mapped by its SHA-256.
      const file = { name: values.cert, contentBase64: (await readFile(values.cert)).toString('base64') };
      const [result] = (await call(context, 'certificates.import', { files: [file] })).results;
      if (!result?.ok) throw new UsageError(`${values.cert}: ${result?.error?.message ?? 'not imported'}`);
      const leaf = result.certificates.find((c) => c.store === 'client') ?? result.certificates[0];
      if (!leaf) throw new UsageError(`${values.cert} holds no certificate`);
      const mapping = await call(context, 'mappings.oneToOne.add', {
        site: values.site,
        certificateSha256: leaf.sha256,
        account: values.account,
        enabled: !values.disabled,
        password: values.password,
      });
      context.out(values.json ? JSON.stringify(mapping, null, 2) : `Mapped ${mapping.subject} (${mapping.certificateSha256}) to ${mapping.account} on ${values.site}`);
      return 0;
    }
    case 'list': {
      const site = await call(context, 'sites.get', { site: values.site });
      // The certificate's revocation status comes with the store's list: one call, not one per mapping.
      const { items } = await call(context, 'certificates.list', {});
      const bySha256 = new Map(items.map((c) => [c.sha256, c]));
      const mappings = site.oneToOne.map((m) => ({ ...m, revoked: bySha256.get(m.certificateSha256)?.revoked ?? null }));
      if (values.json) context.out(JSON.stringify(mappings, null, 2));
      else context.out(formatTable(['ID', 'SHA-256', 'ACCOUNT', 'ENABLED', 'REVOKED', 'SUBJECT'], mappings.map((m) => [m.id, m.certificateSha256, m.account, m.enabled ? 'yes' : 'no', revokedCell(m.revoked), m.subject])));
      return 0;
    }
    case 'remove': {
      const mapping = values.id ?? values.cert;
      if (!mapping) throw new UsageError('map remove needs --id ID or --cert SHA256');
      await call(context, 'mappings.oneToOne.remove', { site: values.site, mapping });
      context.out(`Removed one-to-one mapping ${mapping}`);
      return 0;
    }
    default:
      throw new UsageError(`Unknown map verb: ${verb ?? '(none)'}`);
  }
}
