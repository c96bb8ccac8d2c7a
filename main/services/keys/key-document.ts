import type { PendingRequest, StoredKey } from '../../../shared/models/key';
import type { ConfigDocument } from '../sites/config-document';

/** Vault id of a Key Manager key (a certificate's own copy is under privateKeyId(sha256)). */
export const keyVaultId = (keyId: string): string => `key:${keyId}`;

export const keysOf = (document: ConfigDocument): Record<string, StoredKey> => document.keys ?? {};
export const requestsOf = (document: ConfigDocument): Record<string, PendingRequest> => document.certificateRequests ?? {};

/** The document with these keys and requests added (undefined values remove). */
export function withKeyChanges(
  document: ConfigDocument,
  keys: Record<string, StoredKey | undefined>,
  requests: Record<string, PendingRequest | undefined>,
): ConfigDocument {
  const nextKeys: Record<string, StoredKey> = { ...keysOf(document) };
  for (const [id, key] of Object.entries(keys)) {
    if (key) nextKeys[id] = key;
    else delete nextKeys[id];
  }
  const nextRequests: Record<string, PendingRequest> = { ...requestsOf(document) };
  for (const [id, request] of Object.entries(requests)) {
    if (request) nextRequests[id] = request;
    else delete nextRequests[id];
  }
  return { ...document, keys: nextKeys, certificateRequests: nextRequests };
}
