import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { DomainError } from '../../../shared/errors';
import { KEY_ALGORITHMS, REQUEST_TEMPLATES, type PendingRequest } from '../../../shared/models/key';
import { call, UsageError, type CliContext } from '../cli-context';
import { parseChoice } from '../parse-options';
import { formatTable } from '../table';
import { printRebind, rebindEverything } from './rebind-everything';
import { parseSan } from './san-option';

export const KEY_USAGE = `certmapper key new --name NAME --alg ${KEY_ALGORITHMS.join('|')} --subject "CN=..., O=..." [--san dns:NAME|ip:ADDR|email:ADDR|upn:NAME|uri:URI ...] [--template server|client|none] [--out REQ.pem] [--json]
certmapper key new --key KEY | --cert SHA256 --subject "CN=..." [--san ...] [--template ...] [--out REQ.pem]   (a request for an existing key)
certmapper key list [--json]                       (keys and pending requests)
certmapper key request ID [--out REQ.pem]          (a pending request's PEM again)
certmapper key install --cert FILE [--password P] [--request ID] [--no-rebind] [--json]   (prints the installed certificate's SHA-256; the reply to a renewal request also moves the old certificate's bindings and mappings)
certmapper key import FILE [--password P] [--name NAME] [--json]            (PKCS#12, PKCS#8 encrypted or not, PEM keys)
certmapper key export --cert SHA256 --format pfx --password P --out FILE.pfx [--no-chain] [--include-root]
certmapper key export (--key KEY | --cert SHA256) --format pkcs8 --password P --out FILE.key
certmapper key cancel ID                           (forget a pending request, keep its key)
certmapper key delete KEY`;

/** `certmapper key <verb>`: IIS 4's Key Manager from the command line. */
export async function keyCommand(context: CliContext): Promise<number> {
  const [verb, ...args] = context.args;
  const sub = { ...context, args };
  switch (verb) {
    case 'new':
      return newRequest(sub);
    case 'list':
      return list(sub);
    case 'request':
      return showRequest(sub);
    case 'install':
      return install(sub);
    case 'import':
      return importKey(sub);
    case 'export':
      return exportKey(sub);
    case 'cancel':
      return cancel(sub);
    case 'delete': {
      if (!args[0]) throw new UsageError('key delete needs KEY (its name or id)');
      await call(context, 'keys.delete', { key: args[0] });
      context.out(`Deleted key ${args[0]}`);
      return 0;
    }
    default:
      throw new UsageError(`Unknown key verb: ${verb ?? '(none)'}`);
  }
}

async function newRequest(context: CliContext): Promise<number> {
  const { values } = parseArgs({
    args: context.args,
    options: {
      name: { type: 'string' },
      alg: { type: 'string' },
      key: { type: 'string' },
      cert: { type: 'string' },
      subject: { type: 'string' },
      san: { type: 'string', multiple: true },
      template: { type: 'string' },
      out: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  if (!values.subject) throw new UsageError('key new needs --subject "CN=..."');
  const reuse = values.key !== undefined || values.cert !== undefined;
  if (values.key !== undefined && values.cert !== undefined) throw new UsageError('key new takes --key or --cert, not both');
  if (!reuse && !values.name) throw new UsageError('key new needs --name NAME for the new key (or --key KEY / --cert SHA256 to reuse one)');
  if (reuse && values.alg) throw new UsageError('--alg is for a new key; a reused key keeps its algorithm');
  const { request, key } = await call(context, 'keys.createRequest', {
    name: values.name,
    algorithm: parseChoice('alg', values.alg, KEY_ALGORITHMS),
    keyId: values.key,
    certificateSha256: values.cert,
    subject: values.subject,
    subjectAltNames: (values.san ?? []).map(parseSan),
    template: parseChoice('template', values.template, REQUEST_TEMPLATES),
  });
  if (values.out) await writeFile(values.out, request.pem);
  if (values.json) {
    context.out(JSON.stringify({ request, key, file: values.out ?? null }, null, 2));
    return 0;
  }
  if (!values.out) {
    context.out(request.pem.trimEnd());
    return 0;
  }
  context.out(`Wrote ${values.out}: a ${request.template === 'none' ? '' : `${request.template} `}request for ${request.subject}`);
  context.out(`  key ${key.name} (${key.algorithmName}), pending request ${request.id}`);
  if (request.subjectAltNames.length) context.out(`  SANs: ${request.subjectAltNames.map((s) => `${s.type}:${s.value}`).join(', ')}`);
  context.out('Send it to the authority, then: certmapper key install --cert REPLY');
  return 0;
}

async function list(context: CliContext): Promise<number> {
  const { values } = parseArgs({ args: context.args, options: { json: { type: 'boolean' } } });
  const { keys, requests } = await call(context, 'keys.list', {});
  if (values.json) {
    context.out(JSON.stringify({ keys, requests }, null, 2));
    return 0;
  }
  const keyName = new Map(keys.map((k) => [k.id, k.name]));
  context.out('Keys');
  context.out(
    formatTable(
      ['NAME', 'ALGORITHM', 'CREATED', 'ORIGIN', 'CERTIFICATES', 'ID'],
      keys.map((k) => [k.name, k.algorithmName, k.createdAt.slice(0, 10), k.origin, k.certificates.map((c) => `${c.sha256.slice(0, 16)}… (${c.store})`).join(', ') || (k.pendingRequests.length ? 'pending' : '-'), k.id]),
    ),
  );
  context.out('\nPending requests');
  context.out(formatTable(['ID', 'KEY', 'TEMPLATE', 'CREATED', 'SUBJECT'], requests.map((r) => [r.id, keyName.get(r.keyId) ?? r.keyId, r.template, r.createdAt.slice(0, 10), r.subject])));
  return 0;
}

/** A pending request by id or by an unambiguous prefix of it (the list's first characters). */
async function findRequest(context: CliContext, ref: string): Promise<PendingRequest> {
  const { requests } = await call(context, 'keys.list', {});
  const exact = requests.find((r) => r.id === ref);
  if (exact) return exact;
  const matches = ref.length >= 4 ? requests.filter((r) => r.id.startsWith(ref)) : [];
  if (matches.length === 1) return matches[0]!;
  throw new UsageError(matches.length > 1 ? `${ref} names several pending requests: give more of the id` : `No pending request ${ref} (certmapper key list shows them)`);
}

async function showRequest(context: CliContext): Promise<number> {
  const { values, positionals } = parseArgs({ args: context.args, allowPositionals: true, options: { out: { type: 'string' } } });
  if (!positionals[0]) throw new UsageError('key request needs the pending request ID');
  const request = await findRequest(context, positionals[0]);
  if (values.out) {
    await writeFile(values.out, request.pem);
    context.out(`Wrote ${values.out}`);
  } else {
    context.out(request.pem.trimEnd());
  }
  return 0;
}

async function install(context: CliContext): Promise<number> {
  const { values } = parseArgs({
    args: context.args,
    options: { cert: { type: 'string' }, password: { type: 'string' }, request: { type: 'string' }, 'no-rebind': { type: 'boolean' }, json: { type: 'boolean' } },
  });
  if (!values.cert) throw new UsageError('key install needs --cert FILE (the authority\'s reply: PEM, DER or PKCS#7)');
  const content = await readInput(values.cert);
  const requestId = values.request ? (await findRequest(context, values.request)).id : undefined;
  const result = await call(context, 'keys.install', { contentBase64: content.toString('base64'), fileName: values.cert, password: values.password, requestId });
  // A renewal's reply finishes the wizard: what used the old certificate moves to the new one.
  const rebind = result.renews && !values['no-rebind'] ? await rebindEverything(context, result.renews, result.certificate.sha256) : null;
  if (values.json) {
    context.out(JSON.stringify({ ...result, rebind }, null, 2));
    return 0;
  }
  context.out(result.certificate.sha256);
  context.out(`  installed ${result.certificate.subject} in the ${result.certificate.store} store with its key${result.certificate.duplicate ? ' (the certificate was already stored; its key is now linked)' : ''}`);
  for (const link of result.chain) context.out(`  ${link.duplicate ? 'already stored' : `added to ${link.store}`}: ${link.subject}`);
  context.out(result.requestId ? `  completed pending request ${result.requestId}` : '  (no pending request: matched a key of the Key Manager)');
  if (result.renews) context.out(`  renews ${result.renews}${rebind ? '' : ` (bindings and mappings not moved: --no-rebind; certmapper cert renew ${result.renews} --finish moves them later)`}`);
  if (rebind) printRebind(context, rebind);
  return 0;
}

async function importKey(context: CliContext): Promise<number> {
  const { values, positionals } = parseArgs({
    args: context.args,
    allowPositionals: true,
    options: { password: { type: 'string' }, name: { type: 'string' }, json: { type: 'boolean' } },
  });
  const file = positionals[0];
  if (!file) throw new UsageError('key import needs FILE');
  const content = await readInput(file);
  const result = await call(context, 'keys.import', { contentBase64: content.toString('base64'), fileName: file, password: values.password, name: values.name });
  if (values.json) {
    context.out(JSON.stringify(result, null, 2));
    return 0;
  }
  for (const { key, duplicate } of result.keys) context.out(`${duplicate ? 'Already held' : 'Imported'} key ${key.name} (${key.algorithmName})  ${key.id}`);
  for (const c of result.certificates) context.out(`  certificate ${c.sha256}  ${c.store}  ${c.subject}${c.duplicate ? '  (already stored)' : ''}`);
  return 0;
}

async function exportKey(context: CliContext): Promise<number> {
  const { values } = parseArgs({
    args: context.args,
    options: {
      cert: { type: 'string' },
      key: { type: 'string' },
      format: { type: 'string' },
      password: { type: 'string' },
      out: { type: 'string' },
      'no-chain': { type: 'boolean' },
      'include-root': { type: 'boolean' },
    },
  });
  const format = parseChoice('format', values.format, ['pfx', 'pkcs8'] as const);
  if (!format || !values.out) throw new UsageError('key export needs --format pfx|pkcs8 --password P --out FILE');
  if (!values.password) throw new UsageError('key export needs --password P: a private key is never exported unencrypted');
  let file;
  if (format === 'pfx') {
    if (!values.cert || values.key) throw new UsageError('key export --format pfx needs --cert SHA256 (a certificate with its key)');
    file = await call(context, 'keys.exportPkcs12', {
      certificateSha256: values.cert,
      password: values.password,
      includeChain: !values['no-chain'],
      includeRoot: values['include-root'] ?? false,
    });
  } else {
    if ((values.cert === undefined) === (values.key === undefined)) throw new UsageError('key export --format pkcs8 needs --key KEY or --cert SHA256');
    file = await call(context, 'keys.exportPkcs8', { keyId: values.key, certificateSha256: values.cert, password: values.password });
  }
  await writeFile(values.out, Buffer.from(file.contentBase64, 'base64'), { mode: 0o600 });
  context.out(`Wrote ${values.out} (${format === 'pfx' ? 'PKCS#12, AES-256' : 'encrypted PKCS#8, AES-256'})`);
  return 0;
}

async function cancel(context: CliContext): Promise<number> {
  if (!context.args[0]) throw new UsageError('key cancel needs the pending request ID');
  const request = await findRequest(context, context.args[0]);
  await call(context, 'keys.cancelRequest', { requestId: request.id });
  context.out(`Cancelled pending request ${request.id} (its key is kept)`);
  return 0;
}

async function readInput(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    throw new DomainError('IO_ERROR', `Cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}
