import { invoke } from '../api';
import type { RenewedCertificate } from './renewal-start';

/** The new certificate's serial and validity, when only its fingerprint is known (a reply installed with keys.install). */
export async function fetchRenewed(sha256: string): Promise<RenewedCertificate> {
  const details = await invoke('certificates.get', { sha256 });
  return { sha256: details.sha256, subject: details.subject, serial: details.serial, notAfter: details.notAfter };
}
