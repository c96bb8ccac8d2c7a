import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { STORE_NAMES, EXPORT_FORMATS, type ImportFile, type ImportFileResult, type StoreName, type ExportFormat } from '../../../shared/ipc';
import { call, UsageError, type CliContext } from '../cli-context';
import { formatTable } from '../table';
import { parseChoice } from '../parse-options';
import { VERIFY_USAGE, verifyCommand } from './verify-command';
import { listExpiring } from './expiry-command';
import { RENEW_USAGE, renewCommand } from './renew-command';
import { replacedCell, revokedCell } from './status-cells';
import { revocationLine } from './revocation-line';

export const CERT_USAGE = `certmapper cert import FILE...|- [--password P] [--store root|intermediate|client|server] [--json]
certmapper cert list [--store S] [--json]
certmapper cert list --expiring DAYS [--json]   (expiring within DAYS, expired ones marked, with where each is used)
certmapper cert show SHA256 [--json]
certmapper cert export SHA256 --format pem|der|p7b --out FILE
certmapper cert move SHA256 --store S
certmapper cert delete SHA256
${RENEW_USAGE}
${VERIFY_USAGE}`;

/** `certmapper cert <verb>`: the certificate store from the command line. Returns the exit status. */
export async function certCommand(context: CliContext): Promise<number> {
  const [verb, ...rest] = context.args;
  const sub = { ...context, args: rest };
  switch (verb) {
    case 'import':
      return importFiles(sub);
    case 'list':
      return list(sub);
    case 'show':
      return show(sub);
    case 'export':
      return exportOne(sub);
    case 'move':
      return move(sub);
    case 'delete':
      return remove(sub);
    case 'verify':
      return verifyCommand(sub);
    case 'renew':
      return renewCommand(sub);
    default:
      throw new UsageError(`Unknown cert verb: ${verb ?? '(none)'}`);
  }
}

function storeOption(value: string | undefined): StoreName | undefined {
  return parseChoice('store', value, STORE_NAMES);
}

/** `cert import -`: a PEM piped in (`cat chain.pem | certmapper cert import -`), as a paste is in the console. */
const STDIN = '-';
const nameOf = (path: string) => (path === STDIN ? 'standard input' : path);

async function readStandardInput(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function importFiles(context: CliContext): Promise<number> {
  const { values, positionals } = parseArgs({
    args: context.args,
    allowPositionals: true,
    options: { password: { type: 'string' }, store: { type: 'string' }, json: { type: 'boolean' } },
  });
  if (positionals.length === 0) throw new UsageError('cert import needs at least one FILE (or - for standard input)');
  if (positionals.filter((p) => p === STDIN).length > 1) throw new UsageError('cert import reads standard input (-) once');
  const store = storeOption(values.store);
  const unreadable: ImportFileResult[] = [];
  const files: ImportFile[] = [];
  for (const path of positionals) {
    try {
      const content = path === STDIN ? await readStandardInput() : await readFile(path);
      files.push({ name: nameOf(path), contentBase64: content.toString('base64'), ...(path === STDIN ? { source: 'stdin' as const } : {}) });
    } catch (error) {
      const message = `Cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`;
      unreadable.push({ file: nameOf(path), ok: false, certificates: [], crls: 0, privateKeys: 0, error: { code: 'IO_ERROR', message } });
    }
  }
  const imported = files.length
    ? (await call(context, 'certificates.import', { files, password: values.password, store })).results
    : [];
  const byName = new Map([...imported, ...unreadable].map((r) => [r.file, r]));
  const results = positionals.map((p) => byName.get(nameOf(p))).filter((r): r is ImportFileResult => r !== undefined);
  if (values.json) context.out(JSON.stringify(results, null, 2));
  else for (const result of results) context.out(describeImport(result));
  return results.every((r) => r.ok) ? 0 : 1;
}

function describeImport(result: ImportFileResult): string {
  if (!result.ok) return `${result.file}: refused (${result.error?.code}): ${result.error?.message}`;
  const lines = result.certificates.map(
    (c) => `  ${c.sha256}  ${c.store.padEnd(12)}  ${c.subject}${c.duplicate ? '  (already stored)' : ''}${c.hasPrivateKey ? '  [private key]' : ''}`,
  );
  const extra = result.crls ? `, ${result.crls} CRL(s)` : '';
  return [`${result.file}: ${result.certificates.length} certificate(s)${extra}`, ...lines].join('\n');
}

async function list(context: CliContext): Promise<number> {
  const { values } = parseArgs({ args: context.args, options: { store: { type: 'string' }, json: { type: 'boolean' }, expiring: { type: 'string' } } });
  if (values.expiring !== undefined) return listExpiring(context, values.expiring, values.json === true);
  const { items } = await call(context, 'certificates.list', { store: storeOption(values.store) });
  if (values.json) {
    context.out(JSON.stringify(items, null, 2));
    return 0;
  }
  const rows = items.map((c) => [c.sha256, c.store, c.notAfter.slice(0, 10), revokedCell(c.revoked), replacedCell(c.renewal), c.displayName]);
  context.out(formatTable(['SHA-256', 'STORE', 'EXPIRES', 'REVOKED', 'REPLACED', 'SUBJECT'], rows));
  return 0;
}

async function show(context: CliContext): Promise<number> {
  const { values, positionals } = parseArgs({ args: context.args, allowPositionals: true, options: { json: { type: 'boolean' } } });
  const sha256 = positionals[0];
  if (!sha256) throw new UsageError('cert show needs a SHA256');
  const details = await call(context, 'certificates.get', { sha256 });
  if (values.json) {
    context.out(JSON.stringify(details, null, 2));
    return 0;
  }
  const { facts } = details;
  const rows: [string, string][] = [
    ['Subject', details.subject],
    ['Issuer', details.issuer],
    ['Serial', details.serial],
    ['Valid', `${details.notBefore} .. ${details.notAfter} (${details.daysLeft} days left)`],
    ['Revoked', revocationLine(details)],
    ['Replaced', details.renewal ? `by ${details.renewal.renewedBy} on ${details.renewal.at.slice(0, 10)}${details.renewal.finishedAt ? '' : ` (renewal not finished: certmapper cert renew ${details.sha256} --finish)`}` : '-'],
    ['Store', details.store],
    ['Key', `${details.keyAlgorithm}${details.hasPrivateKey ? ' (private key in vault)' : ''}`],
    ['SANs', facts.subjectAltNames.map((s) => `${s.type}:${s.value}`).join(', ') || '-'],
    ['Key usage', facts.keyUsage.join(', ') || '-'],
    ['EKU', facts.extendedKeyUsage.map((e) => e.name).join(', ') || '-'],
    ['Basic constraints', facts.basicConstraints ? `CA=${facts.basicConstraints.ca}${facts.basicConstraints.pathLength !== null ? `, pathlen=${facts.basicConstraints.pathLength}` : ''}` : '-'],
    ['SKI', facts.subjectKeyIdentifier ?? '-'],
    ['AKI', facts.authorityKeyIdentifier ?? '-'],
    ['CRL DP', facts.crlDistributionPoints.join(', ') || '-'],
    ['SHA-1', details.sha1],
    ['SHA-256', details.sha256],
    ['Chain', `${details.chain.status}: ${details.chain.message}`],
  ];
  context.out(rows.map(([k, v]) => `${k.padEnd(18)} ${v}`).join('\n'));
  for (const link of details.chain.links) context.out(`  ${link.status.padEnd(14)} ${link.subject}`);
  return 0;
}

async function exportOne(context: CliContext): Promise<number> {
  const { values, positionals } = parseArgs({
    args: context.args,
    allowPositionals: true,
    options: { format: { type: 'string' }, out: { type: 'string' } },
  });
  const sha256 = positionals[0];
  if (!sha256 || !values.out) throw new UsageError('cert export needs SHA256 --format pem|der|p7b --out FILE');
  const format: ExportFormat = parseChoice('format', values.format, EXPORT_FORMATS) ?? 'pem';
  const file = await call(context, 'certificates.export', { sha256, format });
  await writeFile(values.out, Buffer.from(file.contentBase64, 'base64'));
  context.out(`Wrote ${values.out} (${format})`);
  return 0;
}

async function move(context: CliContext): Promise<number> {
  const { values, positionals } = parseArgs({ args: context.args, allowPositionals: true, options: { store: { type: 'string' } } });
  const sha256 = positionals[0];
  const store = storeOption(values.store);
  if (!sha256 || !store) throw new UsageError('cert move needs SHA256 --store S');
  const moved = await call(context, 'certificates.move', { sha256, store });
  context.out(`Moved ${moved.displayName} to ${moved.store}`);
  return 0;
}

async function remove(context: CliContext): Promise<number> {
  const sha256 = context.args[0];
  if (!sha256) throw new UsageError('cert delete needs a SHA256');
  await call(context, 'certificates.delete', { sha256 });
  context.out(`Deleted ${sha256}`);
  return 0;
}
