import type { KeyAlgorithm, RequestSan } from '../../../shared/models/key';
import type { RenewalPlan, RenewInput } from '../../../shared/models/renewal';

/** What the person chose in the Key, Subject and names, and Authority steps. */
export interface RenewalChoices {
  key: 'new' | 'same';
  algorithm: KeyAlgorithm;
  subject: string;
  subjectAltNames: RequestSan[];
  via: 'local' | 'request';
}

/** The wizard's defaults: a new key of the old kind, the old subject and names, the local authority when it can sign. */
export function initialChoices(plan: RenewalPlan): RenewalChoices {
  return { key: 'new', algorithm: plan.algorithm, subject: plan.subject, subjectAltNames: plan.subjectAltNames, via: plan.localAuthorityUnavailable ? 'request' : 'local' };
}

const sameSans = (a: RequestSan[], b: RequestSan[]) => a.length === b.length && a.every((san, i) => san.type === b[i]?.type && san.value === b[i]?.value);

/**
 * The renewal.renew input. The subject and names go only when edited: left alone, the service
 * copies them from the certificate itself, so nothing is lost in a round trip through text.
 */
export function renewInputOf(plan: RenewalPlan, choices: RenewalChoices): RenewInput {
  const subject = choices.subject.trim();
  return {
    sha256: plan.sha256,
    key: choices.key,
    algorithm: choices.key === 'new' ? choices.algorithm : undefined,
    subject: subject === plan.subject ? undefined : subject,
    subjectAltNames: sameSans(choices.subjectAltNames, plan.subjectAltNames) ? undefined : choices.subjectAltNames,
    via: choices.via,
  };
}
