import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { Decision } from '../../../shared/models/decision';
import { DomainError } from '../../../shared/errors';
import { decodeContainer, type DecodedCertificate } from '../../services/certificates/codec';
import { call, UsageError, type CliContext } from '../cli-context';

export const WHATIF_USAGE = 'certmapper whatif --site NAME --cert FILE [--chain FILE...] [--password P] [--path /p] [--at ISO-TIME] [--json]';

async function certificatesIn(path: string, password: string | undefined): Promise<DecodedCertificate[]> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (error) {
    throw new DomainError('IO_ERROR', `Cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  // Any encoding the store imports (PEM, DER, Base64, PKCS#7, PKCS#12 with --password), as IIS 4 could not (Q221549).
  const certificates = decodeContainer(bytes, { password }).certificates;
  if (certificates.length === 0) throw new DomainError('NOT_A_CERTIFICATE', `${path} holds no certificate`);
  return certificates;
}

const base64 = (der: Uint8Array) => Buffer.from(der.buffer, der.byteOffset, der.byteLength).toString('base64');

function describe(decision: Decision): string {
  const lines = [`${decision.status}.${decision.substatus}${decision.account ? ` as ${decision.account}` : ''}${decision.decidedBy ? ` (decided by ${decision.decidedBy})` : ''}`];
  for (const step of decision.trace) lines.push(`  ${step.result.padEnd(4)}  ${step.step.padEnd(18)}  ${step.detail}`);
  return lines.join('\n');
}

/**
 * `certmapper whatif`: the gateway's decision for a certificate file without a connection
 * (architecture.md, steps 2-6 with a trace), through the whatif.run channel like the console.
 * The leaf is the certificate file's first non-CA certificate; the rest of that file and every
 * --chain file go along as a client's chain. Exit status 0 when the answer is 200, else 1.
 */
export async function whatifCommand(context: CliContext): Promise<number> {
  const { values, positionals } = parseArgs({
    args: context.args,
    allowPositionals: true,
    options: {
      site: { type: 'string' },
      cert: { type: 'string' },
      chain: { type: 'string', multiple: true },
      password: { type: 'string' },
      path: { type: 'string' },
      at: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  if (positionals.length > 0) throw new UsageError(`whatif takes no positional arguments (got ${positionals.join(' ')})`);
  if (!values.site) throw new UsageError('whatif needs --site NAME');
  if (!values.cert) throw new UsageError('whatif needs --cert FILE');
  const path = values.path ?? '/';
  if (!path.startsWith('/')) throw new UsageError('--path must start with /');
  const at = values.at === undefined ? undefined : new Date(values.at);
  if (at && Number.isNaN(at.getTime())) throw new UsageError(`--at must be an ISO time such as 2025-01-31T12:00:00Z (got ${values.at})`);

  const inFile = await certificatesIn(values.cert, values.password);
  const leaf = inFile.find((c) => !c.summary.isCA) ?? (inFile[0] as DecodedCertificate);
  const chain = inFile.filter((c) => c !== leaf);
  for (const file of values.chain ?? []) chain.push(...(await certificatesIn(file, values.password)));

  const decision = await call(context, 'whatif.run', {
    site: values.site,
    certificateBase64: base64(leaf.der),
    chainBase64: chain.map((c) => base64(c.der)),
    path,
    at: at?.toISOString(),
  });
  const { status, substatus, account, decidedBy, trace } = decision;
  context.out(values.json ? JSON.stringify({ status, substatus, account, decidedBy, trace }, null, 2) : describe(decision));
  return status === 200 ? 0 : 1;
}
