import type { TraceStep } from '../../shared/models/decision';
import { authorize, type GroupIndex } from './authorization';
import type { ConnectionState } from './connection-state';
import { decidedByOf, mapCertificate } from './mapping-outcome';
import { explainMapping } from './mapping-trace';
import { judgeTrust } from './trust-step';
import type { GatewayDecision, RequestFacts } from './types';

const onOff = (on: boolean) => (on ? 'on' : 'off');

/**
 * Steps 1-6 of "The decision for one request" (architecture.md) for one request on a connection
 * whose identity is known. `verbose` (what-if) adds the trust list, the chain, the CRLs and every
 * mapping tried; the gateway's hot path leaves them out but names every check all the same. `lead`:
 * lines the trace begins with (what-if's own).
 */
export function decideRequest(state: ConnectionState, request: RequestFacts, groups: GroupIndex, verbose: boolean, lead?: readonly TraceStep[]): GatewayDecision {
  // let: what-if's mapping walk hands back the trace in a new array (mapping-trace.ts); `add` and `finish` see it.
  let trace: TraceStep[] = lead ? [...lead] : [];
  const add = (step: string, result: TraceStep['result'], detail: string) => trace.push({ step, result, detail });
  const finish = (status: number, substatus: number, failedStep: string | null, account: string | null = null, decidedBy: string | null = null, forwardPassword: string | null = null): GatewayDecision =>
    ({ status, substatus, account, decidedBy, trace, failedStep, forwardPassword });

  const site = state.site;
  if (!site) {
    add('site', 'fail', `no site with id ${state.siteId} in this configuration`);
    return finish(404, 0, 'site');
  }
  const folder = site.folders.resolve(request.path);
  const security = folder.security;
  add('folder', 'info', `${request.path}: ${folder.path === '/' ? 'site root settings' : `folder ${folder.path}`}: TLS ${security.requireTls ? 'required' : 'optional'}, client certificates ${security.clientCertificates}, mapping ${onOff(security.mapping)}, anonymous ${onOff(security.anonymous)}, revocation ${security.revocation}`);

  // 1. Secure channel (sslFlags Ssl): 403.4.
  if (security.requireTls && !request.tls) {
    add('tls', 'fail', 'this folder requires TLS and the request came over plain HTTP');
    return finish(403, 4, 'tls');
  }
  add('tls', request.tls ? 'pass' : 'skip', request.tls ? 'the request came over TLS' : 'plain HTTP is allowed for this folder');

  // 2. Client certificates: ignore / accept / require (spec section 1): 403.7.
  const cert = state.certificate;
  let useCertificate = false;
  if (security.clientCertificates === 'ignore') {
    add('client-certificate', 'skip', cert ? 'this folder ignores client certificates: the presented one is not used' : 'this folder ignores client certificates');
  } else if (!cert) {
    if (security.clientCertificates === 'require') {
      add('client-certificate', 'fail', 'this folder requires a client certificate and none was presented');
      return finish(403, 7, 'client-certificate');
    }
    add('client-certificate', 'info', 'no client certificate: accepted but not required, so the request goes on as anonymous');
  } else {
    useCertificate = true;
    add('client-certificate', 'pass', `presented "${cert.decoded?.summary.subject ?? '(unreadable)'}" (SHA-256 ${cert.sha256})`);
  }

  let account: string | null = null;
  let decidedBy: string | null = null;
  let forwardPassword: string | null = null;
  let mapped = false;
  if (useCertificate && cert) {
    // 3-4. Trust, validity, revocation (spec section 5): 403.16 / 403.17 / 403.13.
    const outcome = state.trust(security.revocation);
    const explained = verbose ? site.explainer.explain(state, outcome, security.revocation) : null;
    if (explained) trace.push(...site.explainer.trustList(), explained.chain);
    const anchorSha = outcome.chain[outcome.chain.length - 1];
    const anchor = anchorSha && outcome.chain.length > 1 ? `"${site.issuerSubjects.get(anchorSha) ?? anchorSha}"` : undefined;
    const judged = judgeTrust(outcome, security.revocation, anchor);
    for (const step of judged.trace) {
      // What-if names the CRLs just before the revocation verdict they led to.
      if (explained && step.step === 'revocation') trace.push(...explained.crls);
      trace.push(step);
    }
    if (judged.refusal) return finish(judged.refusal.status, judged.refusal.substatus, judged.refusal.failedStep);

    // 5. Mapping (spec sections 2-4): 403.12, or 401.2 when nothing matched and anonymous is off.
    if (!security.mapping) {
      add('mapping', 'skip', 'certificate mapping is off for this folder: the certificate logs no one on');
    } else if (site.site.mappingMode === 'directory') {
      add('mapping', 'fail', 'the site uses the directory mapper, which is not available yet; local mappings are ignored because only one mapper can be active (spec section 4)');
      return finish(401, 2, 'mapping');
    } else {
      const mapping = state.mapping((s) => mapCertificate(site, cert.sha256, s.fields()));
      if (verbose && cert.decoded) trace = explainMapping(site, cert.sha256, state.fields(), cert.decoded.summary.subject, trace);
      decidedBy = decidedByOf(mapping);
      if (mapping.kind === 'many-to-one' && mapping.compiled.mapping.permission === 'deny') {
        add('mapping', 'fail', `${decidedBy} denies this certificate`);
        return finish(403, 12, 'mapping', null, decidedBy);
      }
      if (mapping.kind !== 'none') {
        account = mapping.kind === 'one-to-one' ? mapping.mapping.account : mapping.compiled.mapping.account;
        const id = mapping.kind === 'one-to-one' ? mapping.mapping.id : mapping.compiled.mapping.id;
        forwardPassword = site.source.mappingPasswords[id] ?? null;
        mapped = true;
        add('mapping', 'pass', `${decidedBy} logs on as "${account}"`);
      } else {
        add('mapping', security.anonymous ? 'info' : 'fail', 'no mapping matched this certificate');
      }
    }
  } else {
    add('trust', 'skip', 'no client certificate is used: no chain, validity or revocation check');
    add('mapping', 'skip', 'no client certificate is used: nothing to map');
  }

  if (!mapped) {
    if (!security.anonymous) {
      add('anonymous', 'fail', 'no account was mapped and anonymous access is off for this folder');
      return finish(401, 2, 'mapping');
    }
    decidedBy = 'anonymous';
    add('anonymous', 'pass', 'anonymous access is on for this folder');
  }

  // 6. URL authorization of the folder (inherited from the site root when it has none): 401.3.
  const verdict = authorize(folder.authorization, account, groups);
  const from = folder.authorizationFrom === '/' ? 'the site root' : `folder ${folder.authorizationFrom}`;
  add('authorization', verdict.allowed ? 'pass' : 'fail', `${verdict.detail} (rules of ${from})`);
  if (!verdict.allowed) return finish(401, 3, 'authorization', account, decidedBy);
  return finish(200, 0, null, account, decidedBy, forwardPassword);
}
