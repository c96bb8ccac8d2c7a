import type { CertificateRevocation } from '../../../shared/ipc';
import { formatDateTime } from '../util/dates';

/** The tooltip of a "Revoked" marker: when, why and who says so. */
export function revocationNote(revoked: CertificateRevocation): string {
  return `Revoked on ${formatDateTime(revoked.at)}${revoked.reason ? `, reason: ${revoked.reason}` : ', no reason given'}. Source: ${revoked.source}.`;
}
