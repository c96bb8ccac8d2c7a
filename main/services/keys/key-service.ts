import { DomainError } from '../../../shared/errors';
import type { CreateRequestResult, ImportKeyResult, InstallResult, KeyInfo, PendingRequest, StoredKey } from '../../../shared/models/key';
import { createRequest, findKey, type CreateRequestOptions } from './create-request';
import { KeyCertificateIndex } from './key-certificates';
import type { KeyDeps } from './key-deps';
import { keysOf, keyVaultId, requestsOf, withKeyChanges } from './key-document';
import { exportPkcs12, exportPkcs8, type ExportedKeyFile, type Pkcs12ExportOptions, type Pkcs8ExportOptions } from './key-export';
import { importKeys, type ImportKeyOptions } from './key-import';
import { installReply, type InstallOptions } from './install-reply';

/**
 * The Key Manager (IIS 4), as a service other services call too (the renewal wizard, the local
 * authority): keys live in the vault, config.json holds their references and the pending requests.
 *
 *   createRequest(options: CreateRequestOptions): Promise<{ request: PendingRequest; key: KeyInfo }>
 *     new key (options.algorithm, default ec-p256) or reuse one (options.keyId: id or name, or
 *     options.certificateSha256: that certificate's key); subject "CN=..., O=..."; SANs; template.
 *   install(options: InstallOptions): InstallResult
 *     options.contentBase64: the reply in any encoding; options.requestId to complete only that one.
 */
export class KeyService {
  private readonly index = new KeyCertificateIndex();

  constructor(private readonly deps: KeyDeps) {}

  list(): { keys: KeyInfo[]; requests: PendingRequest[] } {
    const config = this.deps.config.read();
    const requests = Object.values(requestsOf(config)).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    const keys = Object.values(keysOf(config))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .map((key) => this.info(key, requests));
    return { keys, requests };
  }

  get(keyRef: string): KeyInfo {
    const config = this.deps.config.read();
    return this.info(findKey(keysOf(config), keyRef), Object.values(requestsOf(config)));
  }

  async createRequest(options: CreateRequestOptions): Promise<CreateRequestResult> {
    const { request, key } = await createRequest(this.deps, options);
    return { request, key: this.get(key.id) };
  }

  install(options: InstallOptions): InstallResult {
    return installReply(this.deps, options);
  }

  import(options: ImportKeyOptions): ImportKeyResult {
    const result = importKeys(this.deps, options);
    return { ...result, keys: result.keys.map(({ key, duplicate }) => ({ key: this.get(key.id), duplicate })) };
  }

  exportPkcs12(options: Pkcs12ExportOptions): ExportedKeyFile {
    return exportPkcs12(this.deps, options);
  }

  exportPkcs8(options: Pkcs8ExportOptions): ExportedKeyFile {
    return exportPkcs8(this.deps, options);
  }

  /** Forget a pending request; its key stays (a new request can reuse it). */
  cancelRequest(requestId: string): void {
    const config = this.deps.config.read();
    if (!requestsOf(config)[requestId]) throw new DomainError('NOT_FOUND', `No pending certificate request ${requestId}.`);
    this.deps.config.write(withKeyChanges(config, {}, { [requestId]: undefined }));
  }

  /**
   * Delete a key and its pending requests. Certificates installed with it keep their own copy of
   * the key, so sites using them are not affected.
   */
  delete(keyRef: string): void {
    const config = this.deps.config.read();
    const key = findKey(keysOf(config), keyRef);
    const requests = Object.fromEntries(Object.values(requestsOf(config)).filter((r) => r.keyId === key.id).map((r) => [r.id, undefined]));
    this.deps.config.write(withKeyChanges(config, { [key.id]: undefined }, requests));
    this.deps.vault.delete(keyVaultId(key.id));
  }

  private info(key: StoredKey, requests: PendingRequest[]): KeyInfo {
    return {
      ...key,
      certificates: this.index.certificatesOf(this.deps.certificateStore.read(), key.spkiSha256),
      pendingRequests: requests.filter((r) => r.keyId === key.id).map((r) => r.id),
    };
  }
}
