import type { Decision, TraceStep } from '../../shared/models/decision';
import type { PreparedEngine } from './prepare-snapshot';
import type { PresentedCertificate } from './types';

/** What-if's answer: the gateway's decision and full trace, without the forwarded password (a secret). */
export type WhatIfDecision = Decision & { failedStep: string | null };

/**
 * Run the gateway's decision for a certificate without a connection (architecture.md: steps 2-6,
 * "the same record with a step-by-step trace"): the trust list, the chain, the CRLs, the folder's
 * requirement and every mapping tried. The request is taken to arrive over TLS.
 */
export function whatIf(engine: PreparedEngine, siteNameOrId: string, presented: PresentedCertificate | null, path = '/', at = new Date()): WhatIfDecision {
  const siteId = engine.findSiteId(siteNameOrId);
  if (!siteId) {
    const trace = [{ step: 'site', result: 'fail' as const, detail: `no site named "${siteNameOrId}"` }];
    return { status: 404, substatus: 0, account: null, decidedBy: null, trace, failedStep: 'site' };
  }
  const identity = engine.identify(siteId, presented, at);
  const site = engine.site(siteId)?.site.name ?? siteNameOrId;
  const certificate = identity.certificate ? `certificate "${identity.certificate.subject}" (SHA-256 ${identity.certificate.sha256})` : 'no certificate';
  const intro: TraceStep = { step: 'what-if', result: 'info', detail: `site "${site}", path ${path}, at ${at.toISOString()}, ${certificate}, over TLS` };
  const decision = engine.explain(identity, { tls: true, path, at }, [intro]);
  return {
    status: decision.status,
    substatus: decision.substatus,
    account: decision.account,
    decidedBy: decision.decidedBy,
    trace: decision.trace,
    failedStep: decision.failedStep,
  };
}
