import type { ServerResponse } from 'node:http';
import type { Site } from '../../shared/models/site';
import type { GatewayDecision } from '../decision/types';

/** IIS's wording of each substatus the gateway answers with (mapping-spec section 6). */
const SUBSTATUS_TEXT: Record<string, string> = {
  '403.4': 'SSL required: this path must be requested over HTTPS.',
  '403.7': 'Client certificate required: this path requires a client certificate and none was presented.',
  '403.12': 'Mapper denied access: a certificate mapping denies this client certificate.',
  '403.13': 'Client certificate revoked, or its revocation status could not be checked.',
  '403.16': 'Client certificate untrusted or invalid: it does not chain to an issuer this site trusts, or it is not for client authentication.',
  '403.17': 'Client certificate has expired or is not yet valid.',
  '401.2': 'Logon failed due to server configuration: no mapping matched this client certificate and anonymous access is off.',
  '401.3': 'Unauthorized: the mapped account is not authorized for this path.',
};

const REASON: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 421: 'Misdirected Request', 500: 'Internal Server Error', 502: 'Bad Gateway' };

/** Status and substatus as IIS writes them: "403.16". */
export const statusText = (decision: { status: number; substatus: number }): string => `${decision.status}.${decision.substatus}`;

/** The reason phrase for a status code. */
export const reasonOf = (status: number): string => REASON[status] ?? 'Error';

/** 127.0.0.0/8, ::1 and IPv4-mapped loopback: the clients IIS's DetailedLocalOnly shows details to. */
export function isLoopback(address: string): boolean {
  if (address === '::1') return true;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return v4.startsWith('127.');
}

/** IIS errorMode: detailed for everyone (on), nobody (off), or loopback clients only (local-only, the default). */
export function detailedErrorsFor(site: Site, client: string): boolean {
  return site.detailedErrors === 'on' || (site.detailedErrors === 'local-only' && isLoopback(client));
}

/** Terse or detailed text body for a non-decision error (400, 404, 421, 500, 502). */
export function sendError(res: ServerResponse, status: number, detail: string | null): void {
  const body = `${status} ${reasonOf(status)}\n${detail ? `\n${detail}\n` : ''}`;
  send(res, status, body, {});
}

/**
 * Answer a refusal with the decision's status. Detailed: the substatus in X-CertMapper-Status and a
 * body naming it, the failed step and the trace. Otherwise only the status code, as IIS does for
 * remote clients: the substatus tells an attacker which check failed, so it stays in the audit log.
 */
export function sendRefusal(res: ServerResponse, decision: GatewayDecision, context: { detailed: boolean; site: string; path: string }): void {
  const code = statusText(decision);
  if (!context.detailed) {
    send(res, decision.status, `${decision.status} ${reasonOf(decision.status)}\n`, {});
    return;
  }
  const lines = [
    `HTTP Error ${code} - ${reasonOf(decision.status)}`,
    SUBSTATUS_TEXT[code] ?? '',
    '',
    `Site: ${context.site}`,
    `Path: ${context.path}`,
    `Failed step: ${decision.failedStep ?? '-'}`,
    `Decided by: ${decision.decidedBy ?? '-'}`,
    '',
    'Steps:',
    ...decision.trace.map((step) => `  [${step.result}] ${step.step}: ${step.detail}`),
    '',
  ];
  send(res, decision.status, lines.join('\n'), { 'X-CertMapper-Status': code });
}

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string>): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(body);
}
