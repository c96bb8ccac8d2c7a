import type { CertificateListItem, CertificateRenewal } from '../../../shared/ipc';
import { formatDate } from '../util/dates';

type Listed = Pick<CertificateListItem, 'displayName' | 'renewal'>;

/** A renewal that waits at Verify bindings: the console offers Finish Renewal… for its old certificate. */
export function unfinishedRenewal(certificate: Listed | undefined): CertificateRenewal | null {
  return certificate?.renewal && !certificate.renewal.finishedAt ? certificate.renewal : null;
}

/**
 * The new certificate as the administrator tells it from the old one. Renewals usually keep the
 * name, so then it is "the one expiring …": the Expiration Date column sets the two rows apart.
 */
function successorText(old: Listed, successor: CertificateListItem | undefined): string {
  if (!successor) return 'another certificate';
  const expires = formatDate(successor.notAfter);
  return successor.displayName === old.displayName ? `the one expiring ${expires}` : `${successor.displayName} (expires ${expires})`;
}

/**
 * The status of a renewed certificate in a list, short enough for a column (when and by what: the
 * tooltip, renewalNote): "Replaced", not "Renewed", which could be read as "this is the renewed one";
 * or that its bindings still wait, named as the Finish Renewal… action it offers.
 */
export function renewalLabel(renewal: CertificateRenewal): string {
  return renewal.finishedAt ? 'Replaced' : 'Renewal not finished';
}

/** The whole story, for the tooltip: which certificate replaced it, and what became of its bindings. */
export function renewalNote(old: Listed & { renewal: CertificateRenewal }, successor: CertificateListItem | undefined): string {
  const replaced = `Renewed on ${formatDate(old.renewal.at)}: replaced by ${successorText(old, successor)}, SHA-256 ${old.renewal.renewedBy}.`;
  return old.renewal.finishedAt
    ? `${replaced} The renewal was finished on ${formatDate(old.renewal.finishedAt)}; this certificate stays in the store until you delete it.`
    : `${replaced} Its bindings and mappings were not moved yet: Finish Renewal… moves them, or leaves them here.`;
}
