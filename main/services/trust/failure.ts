import type { VerifyCode } from '../../../shared/models/decision';
import { labelOf, type CertView } from './cert-view';

/** The named checks a failure can come from (they appear in messages and the audit log). */
export type CheckName =
  | 'chain building'
  | 'signature'
  | 'certificate format'
  | 'critical extensions'
  | 'basic constraints'
  | 'key usage'
  | 'extended key usage'
  | 'name constraints'
  | 'certificate policies'
  | 'validity period'
  | 'revocation';

/** One failed check on one certificate of a candidate path. */
export interface Failure {
  code: Exclude<VerifyCode, 'ok'>;
  check: CheckName;
  /** Position in the path, leaf = 0; the anchor is last. */
  index: number;
  cert: CertView;
  reason: string;
}

/**
 * Which failure is reported when several apply, most serious first. Chain problems (403.16) come
 * before validity (403.17) and revocation (403.13), the order the gateway decides in
 * (architecture.md, "The decision for one request"); within one code, the certificate closest to
 * the trust anchor is named first, since everything below it depends on it.
 */
export const PRECEDENCE: readonly Exclude<VerifyCode, 'ok'>[] = [
  'untrusted',
  'bad-signature',
  'invalid',
  'name-constraints',
  'wrong-usage',
  'expired',
  'not-yet-valid',
  'revoked',
  'revocation-unknown',
];

const rank = (failure: Failure) => PRECEDENCE.indexOf(failure.code);

/** The failure to report from one path: lowest precedence rank, then highest index (anchor side). */
export function worstFailure(failures: readonly Failure[]): Failure | null {
  let worst: Failure | null = null;
  for (const failure of failures) {
    if (!worst || rank(failure) < rank(worst) || (rank(failure) === rank(worst) && failure.index > worst.index)) worst = failure;
  }
  return worst;
}

/** Whether failure `a` is less serious than `b` (used to pick among alternative paths: the nearest miss wins). */
export function lessSerious(a: Failure, b: Failure): boolean {
  return rank(a) > rank(b);
}

/** "Validity period check failed: "CN=x" (abc123def456) has expired ..." */
export function messageOf(failure: Failure): string {
  const role = failure.index === 0 ? 'certificate' : 'issuer';
  return `${capitalize(failure.check)} check failed: the ${role} ${labelOf(failure.cert)} ${failure.reason}.`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
