import type { CertificateRevocation } from '../../../shared/models/certificate';
import type { ConfigStore } from '../../ports';
import type { AuthorityDocument } from './authority-document';

/**
 * The local authority's register as revocations by certificate SHA-256, for the store's status
 * column: rebuilt only when authority.json changes (a revocation, another process's write).
 */
export function registeredRevocations(store: ConfigStore<AuthorityDocument>): () => ReadonlyMap<string, CertificateRevocation> {
  let last: { document: AuthorityDocument; revocations: Map<string, CertificateRevocation> } | undefined;
  return () => {
    const document = store.read();
    if (last?.document !== document) {
      const revocations = new Map<string, CertificateRevocation>();
      const authority = document.authority;
      for (const record of Object.values(authority?.issued ?? {})) {
        if (record.revocation) revocations.set(record.sha256, { at: record.revocation.at, reason: record.revocation.reason, source: `local authority "${authority!.name}"` });
      }
      last = { document, revocations };
    }
    return last.revocations;
  };
}
