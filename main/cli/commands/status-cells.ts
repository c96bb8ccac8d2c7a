// The status columns the CLI lists share, so `cert list`, `map list` and `binding list` say a state in the same words.
import type { CertificateRenewal, CertificateRevocation } from '../../../shared/ipc';

/** The REVOKED column of `cert list` and `map list`: "2026-12-03 keyCompromise" (the reason when known), "-" when not revoked. */
export function revokedCell(revoked: CertificateRevocation | null | undefined): string {
  return revoked ? `${revoked.at.slice(0, 10)}${revoked.reason ? ` ${revoked.reason}` : ''}` : '-';
}

/** The REPLACED column of `cert list` and `binding list`: "2026-12-03 by 1a2b3c4d5e6f…", "(not finished)" while its bindings wait; "-" when not renewed. */
export function replacedCell(renewal: CertificateRenewal | null | undefined): string {
  if (!renewal) return '-';
  return `${renewal.at.slice(0, 10)} by ${renewal.renewedBy.slice(0, 12)}…${renewal.finishedAt ? '' : ' (not finished)'}`;
}
