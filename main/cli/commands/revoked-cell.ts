import type { CertificateRevocation } from '../../../shared/ipc';

/** The REVOKED column of `cert list` and `map list`: "2026-12-03 keyCompromise" (the reason when known), "-" when not revoked. */
export function revokedCell(revoked: CertificateRevocation | null | undefined): string {
  return revoked ? `${revoked.at.slice(0, 10)}${revoked.reason ? ` ${revoked.reason}` : ''}` : '-';
}
