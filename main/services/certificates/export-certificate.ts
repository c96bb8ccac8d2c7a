import { assertNever, type ExportFormat } from '../../../shared/ipc';
import type { StoredCertificate } from './certificate-document';
import { toPem, toPkcs7 } from './codec';

/** A file ready to save: name, type and bytes (base64, so every transport carries it as JSON). */
export interface ExportedFile {
  fileName: string;
  mimeType: string;
  contentBase64: string;
}

/** Export one certificate as PEM, DER (.cer) or a certs-only PKCS#7 (.p7b). */
export function exportCertificate(stored: StoredCertificate, format: ExportFormat): ExportedFile {
  const der = Buffer.from(stored.der, 'base64');
  const base = safeFileName(stored.summary.displayName) || stored.summary.sha256.slice(0, 16);
  switch (format) {
    case 'pem':
      return { fileName: `${base}.pem`, mimeType: 'application/x-pem-file', contentBase64: Buffer.from(toPem(der)).toString('base64') };
    case 'der':
      return { fileName: `${base}.cer`, mimeType: 'application/pkix-cert', contentBase64: der.toString('base64') };
    case 'p7b':
      return { fileName: `${base}.p7b`, mimeType: 'application/x-pkcs7-certificates', contentBase64: Buffer.from(toPkcs7([der])).toString('base64') };
    default:
      return assertNever(format);
  }
}

function safeFileName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 80);
}
