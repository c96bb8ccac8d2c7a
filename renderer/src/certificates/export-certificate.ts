import type { ExportFormat } from '../../../shared/ipc';
import { invoke } from '../api';
import { base64ToBytes } from '../util/base64';
import { downloadBytes } from '../util/download';

/** Menu labels of the export formats. */
export const EXPORT_LABELS: Record<ExportFormat, string> = {
  pem: 'Export as PEM',
  der: 'Export as DER',
  p7b: 'Export as PKCS#7',
};

/** Ask main for the file and hand it to the browser's download; returns the file name for the status bar. */
export async function exportCertificate(sha256: string, format: ExportFormat): Promise<string> {
  const file = await invoke('certificates.export', { sha256, format });
  downloadBytes(file.fileName, file.mimeType, base64ToBytes(file.contentBase64));
  return file.fileName;
}
