import { parseArgs } from 'node:util';
import { bindingText, type BindingKey, type BindingRow } from '../../../shared/models/binding';
import { call, UsageError, type CliContext } from '../cli-context';
import { parseBinding } from '../parse-options';
import { formatTable } from '../table';
import { replacedBindingNotes } from './replaced-binding-notes';
import { replacedCell } from './status-cells';

export const BINDING_USAGE = `certmapper binding list [--json]
certmapper binding add --site NAME --bind https://IP:PORT [--host NAME] --server-cert SHA256   (without --server-cert: the site's certificate)
certmapper binding set --site NAME --bind https://IP:PORT [--host NAME] --server-cert SHA256   (a new certificate from the next handshake)
certmapper binding remove --site NAME --bind https://IP:PORT [--host NAME]`;

const OPTIONS = {
  site: { type: 'string' },
  bind: { type: 'string' },
  host: { type: 'string' },
  'server-cert': { type: 'string' },
  json: { type: 'boolean' },
} as const;

/** `certmapper binding <verb>`: every site's bindings in one place (IIS's Site Bindings, server-wide). */
export async function bindingCommand(context: CliContext): Promise<number> {
  const [verb, ...args] = context.args;
  const { values } = parseArgs({ args, options: OPTIONS });
  switch (verb) {
    case 'list':
      return list(context, values.json === true);
    case 'add': {
      const { site, key } = target(values, 'add');
      const row = await call(context, 'bindings.add', { site, binding: { ...key, certificateSha256: values['server-cert'] ?? null } });
      context.out(`Added ${bindingText(row)} to site ${row.siteName}${row.certificate ? `, presenting ${row.certificate.displayName}` : ''}`);
      return 0;
    }
    case 'set': {
      const { site, key } = target(values, 'set');
      const sha256 = values['server-cert'];
      if (!sha256) throw new UsageError('binding set needs --server-cert SHA256');
      const row = await call(context, 'bindings.update', { site, binding: key, to: { ...key, certificateSha256: sha256 } });
      context.out(`${bindingText(row)} of site ${row.siteName} now presents ${row.certificate?.displayName ?? sha256} (serial ${row.certificate?.serial ?? '?'}) from the next TLS handshake; open connections keep the old one.`);
      return 0;
    }
    case 'remove': {
      const { site, key } = target(values, 'remove');
      await call(context, 'bindings.remove', { site, binding: key });
      context.out(`Removed ${bindingText(key)} from site ${site}`);
      return 0;
    }
    default:
      throw new UsageError(`Unknown binding verb: ${verb ?? '(none)'}`);
  }
}

function target(values: { site?: string; bind?: string; host?: string }, verb: string): { site: string; key: BindingKey } {
  if (!values.site || !values.bind) throw new UsageError(`binding ${verb} needs --site NAME and --bind https://IP:PORT`);
  const { protocol, address, port } = parseBinding(values.bind, null);
  return { site: values.site, key: { protocol, address, port, host: values.host ?? null } };
}

async function list(context: CliContext, json: boolean): Promise<number> {
  const { items } = await call(context, 'bindings.list', {});
  if (json) {
    context.out(JSON.stringify(items, null, 2));
    return 0;
  }
  const rows = items.map((b) => [b.siteName, `${b.protocol}://${b.address.includes(':') ? `[${b.address}]` : b.address}:${b.port}`, b.host ?? '', certificateText(b), replacedCell(b.certificate?.renewal), b.certificate?.sha256 ?? b.missingCertificateSha256 ?? '']);
  context.out(formatTable(['SITE', 'BINDING', 'HOST', 'CERTIFICATE', 'REPLACED', 'SHA-256'], rows));
  const notes = replacedBindingNotes(items);
  if (notes.length > 0) context.out(['', ...notes].join('\n'));
  return 0;
}

function certificateText(row: BindingRow): string {
  if (row.protocol === 'http') return '-';
  if (row.missingCertificateSha256) return 'MISSING from the store';
  if (!row.certificate) return 'none';
  const c = row.certificate;
  const expiry = c.daysLeft < 0 ? `EXPIRED ${c.notAfter.slice(0, 10)}` : `expires ${c.notAfter.slice(0, 10)}`;
  return `${c.displayName} (${expiry}${row.ownCertificateSha256 ? '' : ", the site's"})`;
}
