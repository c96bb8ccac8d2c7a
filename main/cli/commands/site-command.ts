import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CLIENT_CERTIFICATE_MODES, REVOCATION_MODES, type Site } from '../../../shared/models/site';
import { call, UsageError, type CliContext } from '../cli-context';
import { parseBinding, parseChoice, parseOnOff } from '../parse-options';
import { formatTable } from '../table';

export const SITE_USAGE = `certmapper site add NAME --bind https://IP:PORT [--bind http://IP:PORT ...] [--host NAME] [--server-cert SHA256] [--content DIR | --upstream URL]
certmapper site list [--json]
certmapper site show NAME [--json]
certmapper site set NAME [--path /folder] [--require-tls on|off] [--client-cert ignore|accept|require] [--mapping on|off] [--anonymous on|off] [--revocation strict|cached|off]
certmapper site remove-folder NAME --path /folder   (its SSL settings and authorization rules; the site stays)
certmapper site options NAME [--mapping-mode local|directory] [--detailed-errors local-only|on|off] [--user-header H] [--cert-header H|none]
certmapper site trust NAME FILE...          (imports the issuers if needed, then trusts them for that site)
certmapper site untrust NAME SHA256...
certmapper site remove NAME`;

/** `certmapper site <verb>`: sites, bindings, SSL settings and trusted issuers (appcmd's spirit). */
export async function siteCommand(context: CliContext): Promise<number> {
  const [verb, ...args] = context.args;
  const sub = { ...context, args };
  switch (verb) {
    case 'add':
      return add(sub);
    case 'list':
      return list(sub);
    case 'show':
      return show(sub);
    case 'set':
      return set(sub);
    case 'remove-folder':
      return removeFolder(sub);
    case 'options':
      return options(sub);
    case 'trust':
      return trust(sub);
    case 'untrust':
      return untrust(sub);
    case 'remove': {
      if (!args[0]) throw new UsageError('site remove needs NAME');
      await call(context, 'sites.remove', { site: args[0] });
      context.out(`Removed site ${args[0]}`);
      return 0;
    }
    default:
      throw new UsageError(`Unknown site verb: ${verb ?? '(none)'}`);
  }
}

async function add(context: CliContext): Promise<number> {
  const { values, positionals } = parseArgs({
    args: context.args,
    allowPositionals: true,
    options: {
      bind: { type: 'string', multiple: true },
      host: { type: 'string' },
      'server-cert': { type: 'string' },
      content: { type: 'string' },
      upstream: { type: 'string' },
    },
  });
  const name = positionals[0];
  if (!name || !values.bind?.length) throw new UsageError('site add needs NAME and at least one --bind');
  if (values.content && values.upstream) throw new UsageError('--content and --upstream exclude each other');
  const content = values.upstream
    ? { kind: 'upstream' as const, url: values.upstream }
    : { kind: 'static' as const, directory: resolve(values.content ?? '.') };
  const site = await call(context, 'sites.add', {
    name,
    bindings: values.bind.map((b) => parseBinding(b, values.host ?? null)),
    serverCertificateSha256: values['server-cert'] ?? null,
    content,
  });
  context.out(`Added site ${site.name} (${site.bindings.map(bindingText).join(', ')})`);
  return 0;
}

async function list(context: CliContext): Promise<number> {
  const { values } = parseArgs({ args: context.args, options: { json: { type: 'boolean' } } });
  const { items } = await call(context, 'sites.list', {});
  if (values.json) {
    context.out(JSON.stringify(items, null, 2));
    return 0;
  }
  const rows = items.map((s) => [s.name, s.bindings.map(bindingText).join(' '), s.security.clientCertificates, String(s.oneToOne.length), String(s.manyToOne.length), String(s.trustedIssuers.length)]);
  context.out(formatTable(['SITE', 'BINDINGS', 'CLIENT CERTS', '1:1', 'N:1', 'TRUSTED ISSUERS'], rows));
  return 0;
}

async function show(context: CliContext): Promise<number> {
  const { values, positionals } = parseArgs({ args: context.args, allowPositionals: true, options: { json: { type: 'boolean' } } });
  if (!positionals[0]) throw new UsageError('site show needs NAME');
  const site = await call(context, 'sites.get', { site: positionals[0] });
  context.out(values.json ? JSON.stringify(site, null, 2) : describeSite(site));
  return 0;
}

async function set(context: CliContext): Promise<number> {
  const { values, positionals } = parseArgs({
    args: context.args,
    allowPositionals: true,
    options: {
      path: { type: 'string' },
      'require-tls': { type: 'string' },
      'client-cert': { type: 'string' },
      mapping: { type: 'string' },
      anonymous: { type: 'string' },
      revocation: { type: 'string' },
    },
  });
  if (!positionals[0]) throw new UsageError('site set needs NAME');
  const security = Object.fromEntries(
    Object.entries({
      requireTls: parseOnOff('require-tls', values['require-tls']),
      clientCertificates: parseChoice('client-cert', values['client-cert'], CLIENT_CERTIFICATE_MODES),
      mapping: parseOnOff('mapping', values.mapping),
      anonymous: parseOnOff('anonymous', values.anonymous),
      revocation: parseChoice('revocation', values.revocation, REVOCATION_MODES),
    }).filter(([, v]) => v !== undefined),
  );
  if (Object.keys(security).length === 0) throw new UsageError('site set needs at least one setting');
  await call(context, 'sites.setSecurity', { site: positionals[0], path: values.path, security });
  context.out(`Updated ${positionals[0]}${values.path ? values.path : ''}: ${Object.entries(security).map(([k, v]) => `${k}=${v}`).join(', ')}`);
  return 0;
}

/** A verb of its own rather than `site remove NAME --path`: a forgotten --path must never remove the whole site. */
async function removeFolder(context: CliContext): Promise<number> {
  const { values, positionals } = parseArgs({ args: context.args, allowPositionals: true, options: { path: { type: 'string' } } });
  if (!positionals[0] || !values.path) throw new UsageError('site remove-folder needs NAME and --path /folder');
  const site = await call(context, 'sites.removeFolder', { site: positionals[0], path: values.path });
  context.out(`Removed folder ${values.path} from ${site.name}: its requests now follow the settings of the site (or of a parent folder)`);
  return 0;
}

async function options(context: CliContext): Promise<number> {
  const { values, positionals } = parseArgs({
    args: context.args,
    allowPositionals: true,
    options: {
      'mapping-mode': { type: 'string' },
      'detailed-errors': { type: 'string' },
      'user-header': { type: 'string' },
      'cert-header': { type: 'string' },
    },
  });
  if (!positionals[0]) throw new UsageError('site options needs NAME');
  const certHeader = values['cert-header'];
  const site = await call(context, 'sites.setOptions', {
    site: positionals[0],
    mappingMode: parseChoice('mapping-mode', values['mapping-mode'], ['local', 'directory'] as const),
    detailedErrors: parseChoice('detailed-errors', values['detailed-errors'], ['local-only', 'on', 'off'] as const),
    identityHeaders: {
      ...(values['user-header'] ? { user: values['user-header'] } : {}),
      ...(certHeader ? { certificate: certHeader === 'none' ? null : certHeader } : {}),
    },
  });
  if (values['mapping-mode'] === 'directory') {
    context.out(`Site ${site.name} now uses the directory mapper: its ${site.oneToOne.length + site.manyToOne.length} local mapping(s) are kept but ignored, because only one mapper can be active.`);
  } else context.out(`Updated ${site.name}`);
  return 0;
}

async function trust(context: CliContext): Promise<number> {
  const [site, ...files] = context.args;
  if (!site || files.length === 0) throw new UsageError('site trust needs NAME and at least one FILE');
  const contents = await Promise.all(files.map(async (f) => ({ name: f, contentBase64: (await readFile(f)).toString('base64') })));
  const { results } = await call(context, 'certificates.import', { files: contents });
  const failed = results.filter((r) => !r.ok);
  for (const r of failed) context.err(`${r.file}: refused (${r.error?.code}): ${r.error?.message}`);
  const add = results.flatMap((r) => r.certificates.map((c) => c.sha256));
  if (add.length) {
    const updated = await call(context, 'sites.setTrust', { site, add });
    context.out(`Site ${updated.name} trusts ${updated.trustedIssuers.length} issuer(s); added ${add.length}.`);
  }
  return failed.length ? 1 : 0;
}

async function untrust(context: CliContext): Promise<number> {
  const [site, ...remove] = context.args;
  if (!site || remove.length === 0) throw new UsageError('site untrust needs NAME and at least one SHA256');
  const updated = await call(context, 'sites.setTrust', { site, remove });
  context.out(`Site ${updated.name} trusts ${updated.trustedIssuers.length} issuer(s).`);
  return 0;
}

function bindingText(b: Site['bindings'][number]): string {
  const address = b.address.includes(':') ? `[${b.address}]` : b.address;
  return `${b.protocol}://${address}:${b.port}${b.host ? ` host=${b.host}` : ''}`;
}

function describeSite(site: Site): string {
  const s = site.security;
  const lines = [
    `Site ${site.name} (${site.id})`,
    `  Bindings:          ${site.bindings.map(bindingText).join(', ')}`,
    `  Content:           ${site.content.kind === 'static' ? site.content.directory : `upstream ${site.content.url}`}`,
    `  Require TLS:       ${s.requireTls ? 'on' : 'off'}`,
    `  Client certs:      ${s.clientCertificates}   mapping: ${s.mapping ? 'on' : 'off'}   anonymous: ${s.anonymous ? 'on' : 'off'}   revocation: ${s.revocation}`,
    `  Mapping mode:      ${site.mappingMode}${site.mappingMode === 'directory' ? ' (local mappings are ignored: only one mapper can be active)' : ''}`,
    `  Trusted issuers:   ${site.trustedIssuers.length}`,
    `  One-to-one:        ${site.oneToOne.length}${site.oneToOneEnabled ? '' : ' (collection disabled)'}`,
    `  Many-to-one:       ${site.manyToOne.map((m, i) => `${i + 1}. ${m.name} (${m.permission}${m.account ? ` ${m.account}` : ''})`).join('; ') || '0'}`,
  ];
  for (const folder of site.folders) lines.push(`  Folder ${folder.path}: ${JSON.stringify(folder.security)}${folder.authorization.length ? `, ${folder.authorization.length} authorization rule(s)` : ''}`);
  return lines.join('\n');
}
