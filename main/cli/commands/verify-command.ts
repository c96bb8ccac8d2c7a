import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { DomainError } from '../../../shared/errors';
import type { VerifyResult } from '../../../shared/models/decision';
import { decodeContainer, type DecodedContainer } from '../../services/certificates/codec';
import { compileTrustContext, verify, type Purpose, type RevocationMode } from '../../services/trust';
import { call, UsageError, type CliContext } from '../cli-context';

export const VERIFY_USAGE = `certmapper cert verify FILE [--trust FILE...] [--intermediate FILE...] [--crl FILE...]
    [--at ISO-TIME] [--purpose client|server|any] [--revocation strict|cached|off] [--password P] [--json]
    (without --trust: the Trusted Root store anchors and the Intermediate store helps; default --purpose client, --revocation cached)`;

const PURPOSES: readonly Purpose[] = ['client', 'server', 'any'];
const MODES: readonly RevocationMode[] = ['strict', 'cached', 'off'];

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')}`);
  return value as T;
}

function parseTime(value: string | undefined): Date {
  if (value === undefined) return new Date();
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new UsageError(`--at must be an ISO 8601 time, e.g. 2025-01-31T12:00:00Z (got "${value}")`);
  return new Date(ms);
}

/** Read and decode a file of any encoding; a file that cannot be read or decoded is a DomainError naming it. */
async function decodeFile(path: string, password: string | undefined): Promise<DecodedContainer> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (error) {
    throw new DomainError('IO_ERROR', `Cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  try {
    return decodeContainer(bytes, { password });
  } catch (error) {
    if (error instanceof DomainError) throw new DomainError(error.code, `${path}: ${error.message}`);
    throw error;
  }
}

/** The DER of every certificate in one store of the data folder, through the same channels as every transport. */
async function storeCertificates(context: CliContext, store: 'root' | 'intermediate'): Promise<Uint8Array[]> {
  const { items } = await call(context, 'certificates.list', { store });
  const out: Uint8Array[] = [];
  for (const item of items) {
    const file = await call(context, 'certificates.export', { sha256: item.sha256, format: 'der' });
    out.push(new Uint8Array(Buffer.from(file.contentBase64, 'base64')));
  }
  return out;
}

function describe(result: VerifyResult & { missingCrls: string[] }): string {
  const verdict = result.valid ? 'VALID' : 'INVALID';
  const missing = result.missingCrls.length ? `\nMissing CRLs (fetch them and pass --crl): ${result.missingCrls.join(', ')}` : '';
  return `${verdict} (${result.code}): ${result.message}${missing}`;
}

/**
 * `certmapper cert verify`: validate a certificate file the way the gateway validates a client.
 * Exit status 0 when valid, 1 when not (or a file cannot be read), 2 for a wrong command line.
 */
export async function verifyCommand(context: CliContext): Promise<number> {
  const { values, positionals } = parseArgs({
    args: context.args,
    allowPositionals: true,
    options: {
      trust: { type: 'string', multiple: true },
      intermediate: { type: 'string', multiple: true },
      crl: { type: 'string', multiple: true },
      at: { type: 'string' },
      purpose: { type: 'string' },
      revocation: { type: 'string' },
      password: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  if (positionals.length !== 1) throw new UsageError('cert verify needs exactly one FILE (the certificate, optionally followed by its chain in the same file)');
  const purpose = oneOf('purpose', values.purpose, PURPOSES, 'client');
  // Files are verified offline, so strict would fail every chain whose CRLs were not passed; strict stays available.
  const revocation = oneOf('revocation', values.revocation, MODES, 'cached');
  const at = parseTime(values.at);

  const subject = await decodeFile(positionals[0]!, values.password);
  const [leaf, ...presented] = subject.certificates;
  if (!leaf) throw new DomainError('NOT_A_CERTIFICATE', `${positionals[0]} holds no certificate to verify.`);
  const decodeAll = (paths: string[] | undefined) => Promise.all((paths ?? []).map((p) => decodeFile(p, values.password)));
  const [trustFiles, intermediateFiles, crlFiles] = await Promise.all([decodeAll(values.trust), decodeAll(values.intermediate), decodeAll(values.crl)]);
  const all = [subject, ...trustFiles, ...intermediateFiles, ...crlFiles];
  const crls = all.flatMap((file) => file.crls.map((crl) => crl.der));

  let anchors: Uint8Array[];
  let intermediates = intermediateFiles.flatMap((file) => file.certificates.map((c) => c.der));
  if (values.trust?.length) {
    anchors = trustFiles.flatMap((file) => file.certificates.map((c) => c.der));
  } else {
    anchors = await storeCertificates(context, 'root');
    intermediates = [...intermediates, ...(await storeCertificates(context, 'intermediate'))];
    if (anchors.length === 0) context.err('Notice: no trust anchors: the Trusted Root store is empty and no --trust FILE was given.');
  }

  const trust = compileTrustContext({ anchors, intermediates, crls });
  for (const notice of trust.notices) context.err(`Notice: ${notice}`);
  const result = verify(trust, leaf.der, presented.map((c) => c.der), { at, purpose, revocation });
  if (values.json) {
    const { valid, code, message, chain } = result;
    context.out(JSON.stringify({ valid, code, message, chain }, null, 2));
  } else {
    context.out(describe(result));
  }
  return result.valid ? 0 : 1;
}
