import { createPublicKey, randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import { DomainError } from '../../../shared/errors';
import type { ImportKeyResult, StoredKey } from '../../../shared/models/key';
import { decodeContents } from '../certificates/codec';
import { uniqueName } from './create-request';
import type { KeyDeps } from './key-deps';
import { keysOf, keyVaultId, withKeyChanges } from './key-document';
import { describeKeyObject, keyAlgorithmOfKeyObject, privateKeyFromPkcs8 } from './key-algorithms';
import { spkiIdOfKey } from './public-key-id';

export interface ImportKeyOptions {
  contentBase64: string;
  fileName: string;
  password?: string;
  name?: string;
}

/**
 * Import private keys from a PKCS#12 file or a PKCS#8 / traditional PEM key (encrypted or not):
 * each new key goes to the vault and gets a reference; certificates in the same file go through the
 * certificate import (so a PFX's certificate lands in the Server store with its key).
 */
export function importKeys(deps: KeyDeps, options: ImportKeyOptions): Omit<ImportKeyResult, 'keys'> & { keys: { key: StoredKey; duplicate: boolean }[] } {
  const decoded = decodeContents(Buffer.from(options.contentBase64, 'base64'), { password: options.password });
  if (decoded.privateKeys.length === 0) {
    throw new DomainError(
      'INVALID_INPUT',
      `${options.fileName} holds no private key: key import reads PKCS#12 (.pfx/.p12) and PKCS#8 or PEM private keys; certificates alone are imported with cert import.`,
    );
  }
  const config = deps.config.read();
  const keys = { ...keysOf(config) };
  const bySpki = new Map(Object.values(keys).map((k) => [k.spkiSha256, k]));
  const added: Record<string, StoredKey> = {};
  const secrets: { id: string; pkcs8: Uint8Array }[] = [];
  const results: { key: StoredKey; duplicate: boolean }[] = [];
  for (const found of decoded.privateKeys) {
    const keyObject = privateKeyFromPkcs8(found.pkcs8Der);
    const spkiSha256 = spkiIdOfKey(createPublicKey(keyObject));
    const known = bySpki.get(spkiSha256);
    if (known) {
      results.push({ key: known, duplicate: true });
      continue;
    }
    const certificate = decoded.certificates.find((c) => c.sha256 === found.certificateSha256);
    const wanted = options.name ?? certificate?.summary.displayName ?? basename(options.fileName).replace(/\.[^.]*$/, '');
    const key: StoredKey = {
      id: randomUUID(),
      name: uniqueName(keys, wanted),
      algorithm: keyAlgorithmOfKeyObject(keyObject) ?? null,
      algorithmName: describeKeyObject(keyObject),
      spkiSha256,
      createdAt: deps.clock.now().toISOString(),
      origin: 'imported',
    };
    keys[key.id] = key;
    bySpki.set(spkiSha256, key);
    added[key.id] = key;
    secrets.push({ id: key.id, pkcs8: found.pkcs8Der });
    results.push({ key, duplicate: false });
  }

  let certificates: ImportKeyResult['certificates'] = [];
  if (decoded.certificates.length > 0) {
    const [fileResult] = deps.certificates.import({ files: [{ name: options.fileName, contentBase64: options.contentBase64 }], password: options.password });
    if (fileResult && !fileResult.ok) throw new DomainError(fileResult.error?.code ?? 'MALFORMED', fileResult.error?.message ?? 'The certificates could not be imported.');
    certificates = (fileResult?.certificates ?? []).map(({ sha256, subject, store, duplicate, hasPrivateKey }) => ({ sha256, subject, store, duplicate, hasPrivateKey }));
  }
  for (const { id, pkcs8 } of secrets) deps.vault.put(keyVaultId(id), pkcs8);
  if (secrets.length > 0) {
    try {
      deps.config.write(withKeyChanges(deps.config.read(), added, {}));
    } catch (error) {
      for (const { id } of secrets) deps.vault.delete(keyVaultId(id));
      throw error;
    }
  }
  return { keys: results, certificates };
}
