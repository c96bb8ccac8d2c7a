import type { IncomingHttpHeaders } from 'node:http';
import type { IdentityHeaders } from '../../shared/models/site';
import type { ConnectionIdentity, GatewayDecision } from '../decision/types';
import type { GatewayConnection } from './gateway-connection';
import { pemOf } from './tls-material';

/** The identity header names in the form stripIdentityHeaders compares (lower case, "_" as "-"); made once per snapshot. */
export const strippedNames = (headers: IdentityHeaders): ReadonlySet<string> =>
  new Set([headers.user, headers.sha256, headers.subject, headers.certificate].filter((n): n is string => !!n).map((n) => n.toLowerCase().replace(/_/g, '-')));

/**
 * Remove every client-sent copy of the identity headers, whatever its case, and also the spelling
 * with underscores: CGI-style upstreams (PHP, Apache's HTTP_* variables) read "X_Remote_User" as
 * "X-Remote-User", a classic way to forge an identity past a proxy that only strips the exact name.
 * Node gives header names in lower case already.
 */
export function stripIdentityHeaders(headers: IncomingHttpHeaders, forbidden: ReadonlySet<string>): void {
  for (const name of Object.keys(headers)) {
    if (forbidden.has(name.includes('_') ? name.replace(/_/g, '-') : name)) delete headers[name];
  }
}

/** Header values must be visible ASCII; anything else (a UTF-8 subject) goes percent-encoded. */
const headerSafe = (value: string): string =>
  /[^\x20-\x7e]/.test(value) ? value.replace(/[^\x20-\x7e]+/g, (run) => encodeURIComponent(run)) : value;

/**
 * The identity headers for the upstream: the account, the certificate's SHA-256, subject and (if
 * named) URL-encoded PEM. `certificateChecked` is false where the folder ignores client certificates:
 * such a certificate was never verified, so nothing about it may reach the upstream.
 */
export function identityHeaderValues(
  names: IdentityHeaders,
  decision: GatewayDecision,
  identity: ConnectionIdentity,
  connection: GatewayConnection,
  certificateChecked: boolean,
): Record<string, string> {
  const values: Record<string, string> = {};
  if (decision.account) values[names.user] = headerSafe(decision.account);
  const certificate = identity.certificate;
  if (certificate && certificateChecked) {
    values[names.sha256] = certificate.sha256;
    values[names.subject] = headerSafe(certificate.subject);
    if (names.certificate && connection.presented) {
      connection.escapedPem ??= encodeURIComponent(pemOf(connection.presented.der));
      values[names.certificate] = connection.escapedPem;
    }
  }
  return values;
}
