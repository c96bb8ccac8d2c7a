import { randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import { DomainError } from '../../../shared/errors';
import { DEFAULT_KEY_ALGORITHM, KEY_ALGORITHM_LABELS, type PendingRequest, type RequestSan, type RequestTemplate, type StoredKey } from '../../../shared/models/key';
import { privateKeyId } from '../certificates/certificate-document';
import { buildCertificateRequest } from './certificate-request';
import type { KeyDeps } from './key-deps';
import { keysOf, keyVaultId, withKeyChanges } from './key-document';
import { describeKeyObject } from './key-algorithms';
import { generateKeyPair, loadKeyPair, type GeneratedKeyPair, type KeyAlgorithm } from './key-generation';
import { privateKeyFromPkcs8 } from './key-algorithms';
import { normalizeSans } from './subject-alt-names';
import { commonNameOf, parseSubject } from './subject-name';

export interface CreateRequestOptions {
  name?: string;
  algorithm?: KeyAlgorithm;
  keyId?: string;
  certificateSha256?: string;
  subject: string;
  subjectAltNames: RequestSan[];
  template: RequestTemplate;
  /** The certificate this request renews (the renewal wizard). */
  renews?: string;
}

/** A key found by id or (case-insensitive) name. */
export function findKey(keys: Record<string, StoredKey>, ref: string): StoredKey {
  const key = keys[ref] ?? Object.values(keys).find((k) => k.name.toLowerCase() === ref.toLowerCase());
  if (!key) throw new DomainError('NOT_FOUND', `No key "${ref}" in the Key Manager (certmapper key list shows them).`);
  return key;
}

/**
 * A server certificate must name its host in a SAN (browsers ignore the CN), and the CA/Browser
 * Forum rules want a CN that is a host name to be among the SANs: the server template adds it.
 */
function withServerName(template: RequestTemplate, cn: string | undefined, sans: RequestSan[]): RequestSan[] {
  if (template !== 'server' || !cn) return sans;
  try {
    return normalizeSans([{ type: isIP(cn) ? 'ip' : 'dns', value: cn }, ...sans]);
  } catch {
    return sans; // a CN that is not a host name ("Web Server"): the request says only what was asked
  }
}

interface KeySource {
  pair: GeneratedKeyPair;
  /** Set when the key is new to the Key Manager and must be stored with the request. */
  newKey?: StoredKey;
  key: StoredKey;
}

async function keySource(deps: KeyDeps, options: CreateRequestOptions, defaultName: string): Promise<KeySource> {
  const keys = keysOf(deps.config.read());
  const now = deps.clock.now().toISOString();
  if (options.keyId) {
    const key = findKey(keys, options.keyId);
    const pkcs8 = deps.vault.get(keyVaultId(key.id));
    if (!pkcs8) throw new DomainError('NOT_FOUND', `The private key of "${key.name}" is missing from the vault.`);
    return { pair: await loadKeyPair(pkcs8), key };
  }
  if (options.certificateSha256) {
    const sha256 = options.certificateSha256.toLowerCase();
    const certificate = deps.certificates.get(sha256);
    const pkcs8 = deps.vault.get(privateKeyId(sha256));
    if (!pkcs8) throw new DomainError('NOT_FOUND', `Certificate ${certificate.displayName} has no private key in the vault: a request with its key is not possible; make a new key.`);
    const pair = await loadKeyPair(pkcs8);
    const known = Object.values(keys).find((k) => k.spkiSha256 === pair.spkiSha256);
    if (known) return { pair, key: known };
    const key: StoredKey = {
      id: randomUUID(),
      name: uniqueName(keys, options.name ?? certificate.displayName),
      algorithm: pair.algorithm,
      algorithmName: describeKeyObject(privateKeyFromPkcs8(pkcs8)),
      spkiSha256: pair.spkiSha256,
      createdAt: now,
      origin: 'imported',
    };
    return { pair, key, newKey: key };
  }
  const name = (options.name ?? defaultName).trim();
  if (Object.values(keys).some((k) => k.name.toLowerCase() === name.toLowerCase())) {
    throw new DomainError('CONFLICT', `A key named "${name}" already exists: choose another name, or reuse that key.`);
  }
  const algorithm = options.algorithm ?? DEFAULT_KEY_ALGORITHM;
  const pair = await generateKeyPair(algorithm);
  const key: StoredKey = {
    id: randomUUID(),
    name,
    algorithm,
    algorithmName: KEY_ALGORITHM_LABELS[algorithm].replace(/ \(.*\)$/, ''),
    spkiSha256: pair.spkiSha256,
    createdAt: now,
    origin: 'generated',
  };
  return { pair, key, newKey: key };
}

/** "name", else "name (2)", "name (3)", ...: imported keys never fail on a taken name. */
export function uniqueName(keys: Record<string, StoredKey>, wanted: string): string {
  const taken = new Set(Object.values(keys).map((k) => k.name.toLowerCase()));
  const base = wanted.trim().slice(0, 120) || 'key';
  if (!taken.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base} (${n})`.toLowerCase())) return `${base} (${n})`;
}

/**
 * Make a key (or reuse one) and a PKCS#10 request for it; the request waits as pending in
 * config.json, the key is only in the vault. Nothing is stored when any part fails.
 */
export async function createRequest(deps: KeyDeps, options: CreateRequestOptions): Promise<{ request: PendingRequest; key: StoredKey }> {
  const subject = parseSubject(options.subject);
  const cn = commonNameOf(subject);
  const subjectAltNames = withServerName(options.template, cn, normalizeSans(options.subjectAltNames));
  const source = await keySource(deps, options, cn ?? options.subject);
  const { pem } = await buildCertificateRequest({ keys: source.pair, subject, subjectAltNames, template: options.template });
  const request: PendingRequest = {
    id: randomUUID(),
    keyId: source.key.id,
    subject: options.subject.trim(),
    subjectAltNames,
    template: options.template,
    createdAt: deps.clock.now().toISOString(),
    pem,
    ...(options.renews ? { renews: options.renews } : {}),
  };
  if (source.newKey) deps.vault.put(keyVaultId(source.key.id), source.pair.privateKeyPkcs8);
  try {
    const document = deps.config.read();
    const newKeys = source.newKey ? { [source.key.id]: source.newKey } : {};
    deps.config.write(withKeyChanges(document, newKeys, { [request.id]: request }));
  } catch (error) {
    if (source.newKey) deps.vault.delete(keyVaultId(source.key.id));
    throw error;
  }
  return { request, key: source.key };
}
