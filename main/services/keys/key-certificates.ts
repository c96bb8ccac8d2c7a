import type { CertificateDocument } from '../certificates/certificate-document';
import { spkiIdOfCertificate } from './public-key-id';

export interface KeyCertificate {
  sha256: string;
  displayName: string;
  store: 'root' | 'intermediate' | 'client' | 'server';
  notAfter: string;
}

/**
 * Which stored certificates belong to which public key, for the Keys list. Only certificates with a
 * private key or in the Server store can be a key's certificate worth showing, so the index stays
 * small however large the store is; it is rebuilt only when the certificate document changes.
 */
export class KeyCertificateIndex {
  private document: CertificateDocument | undefined;
  private bySpki = new Map<string, KeyCertificate[]>();

  certificatesOf(document: CertificateDocument, spkiSha256: string): KeyCertificate[] {
    if (document !== this.document) this.rebuild(document);
    return this.bySpki.get(spkiSha256) ?? [];
  }

  private rebuild(document: CertificateDocument): void {
    this.document = document;
    this.bySpki = new Map();
    for (const stored of Object.values(document.certificates)) {
      const { summary } = stored;
      if (!summary.hasPrivateKey && summary.store !== 'server') continue;
      const id = spkiIdOfCertificate(Buffer.from(stored.der, 'base64'));
      if (!id) continue;
      const list = this.bySpki.get(id) ?? [];
      list.push({ sha256: summary.sha256, displayName: summary.displayName, store: summary.store, notAfter: summary.notAfter });
      this.bySpki.set(id, list);
    }
  }
}
