import type { CertificateDocument, StoredCertificate } from './certificate-document';

/** Lookups derived from one version of the document; rebuilt only when the document object changes. */
export class CertificateIndex {
  private readonly bySubjectKey = new Map<string, StoredCertificate[]>();

  constructor(readonly document: CertificateDocument) {
    for (const stored of Object.values(document.certificates)) {
      const list = this.bySubjectKey.get(stored.subjectKey);
      if (list) list.push(stored);
      else this.bySubjectKey.set(stored.subjectKey, [stored]);
    }
  }

  bySubject(subjectKey: string): StoredCertificate[] {
    return this.bySubjectKey.get(subjectKey) ?? [];
  }
}
