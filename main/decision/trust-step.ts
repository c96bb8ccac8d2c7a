import type { TraceStep } from '../../shared/models/decision';
import type { RevocationMode, TrustOutcome } from './chain-verifier';

/** A refusal of steps 3-4: IIS status, substatus and the audit's failed step. */
export interface TrustRefusal {
  status: 403;
  substatus: 13 | 16 | 17;
  failedStep: 'trust' | 'validity' | 'revocation';
}

/**
 * Steps 3-4 of the decision (spec section 5): the trust engine's code becomes 403.16 (chain, usage,
 * name constraints), 403.17 (validity) or 403.13 (revoked; unknown only in strict mode), with one
 * trace line per check so the audit names exactly which one failed.
 */
export function judgeTrust(outcome: TrustOutcome, mode: RevocationMode, anchor: string | undefined): { trace: TraceStep[]; refusal: TrustRefusal | null } {
  const trace: TraceStep[] = [];
  const fail = (step: TrustRefusal['failedStep'], substatus: TrustRefusal['substatus']) => {
    trace.push({ step, result: 'fail', detail: `${outcome.code}: ${outcome.message}` });
    return { trace, refusal: { status: 403 as const, substatus, failedStep: step } };
  };
  switch (outcome.code) {
    case 'untrusted': {
      const refused = fail('trust', 16);
      // KB Q194788: the usual symptom is not this 403.16 but a browser that offers no certificate at all.
      trace.push({
        step: 'trust',
        result: 'info',
        detail: "a browser will not even offer this certificate here: the site's CertificateRequest does not name its issuer (KB Q194788), so the gateway answers 403.7; add the issuer to the site's trusted issuers",
      });
      return refused;
    }
    case 'invalid':
    case 'bad-signature':
    case 'wrong-usage':
    case 'name-constraints':
      return fail('trust', 16);
    default:
      break;
  }
  trace.push({ step: 'trust', result: 'pass', detail: `chains to the trusted issuer ${anchor ?? '(the certificate itself)'}, usable for client authentication` });
  if (outcome.code === 'expired' || outcome.code === 'not-yet-valid') return fail('validity', 17);
  trace.push({ step: 'validity', result: 'pass', detail: 'within its validity period, as is every certificate of its chain' });
  if (outcome.code === 'revoked') return fail('revocation', 13);
  if (outcome.code === 'revocation-unknown') {
    if (mode === 'strict') return fail('revocation', 13);
    trace.push({ step: 'revocation', result: 'info', detail: `revocation unknown (${outcome.message}): allowed in ${mode} mode` });
  } else if (mode === 'off') {
    trace.push({ step: 'revocation', result: 'skip', detail: 'revocation checking is off for this folder' });
  } else {
    const how = mode === 'strict' ? 'a current CRL answered for every certificate of the chain' : 'by any cached CRL; a missing CRL does not refuse in cached mode';
    trace.push({ step: 'revocation', result: 'pass', detail: `not revoked: ${how}` });
  }
  return { trace, refusal: null };
}
