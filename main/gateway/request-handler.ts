import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { normalizeRequestPath } from '../decision/request-path';
import type { ConnectionIdentity, DecisionEngine, GatewayDecision } from '../decision/types';
import { auditLine, auditPeer, type AuditPeer } from './audit-line';
import { connectionOf, identityFor, newConnection, attachConnection, type GatewayConnection } from './gateway-connection';
import { identityHeaderValues, stripIdentityHeaders } from './identity-headers';
import { detailedErrorsFor, sendError, sendRefusal, statusText } from './refusal-response';
import { hostOfHeader, routeForName, type Route, type RouteTable } from './route-table';
import { serveStatic } from './static-content';
import type { StaticFileCache } from './static-file-cache';
import type { UpstreamProxy } from './upstream-proxy';

/** What a listener's request handler needs from the runtime. */
export interface RequestContext {
  /** The engine of the newest snapshot: read per request, so a swap applies to the next request. */
  engine(): DecisionEngine;
  /** One audit record, as its JSON line (audit-line.ts). */
  audit(line: string): void;
  error(message: string): void;
  proxy: UpstreamProxy;
  /** Small static files in memory, revalidated by a stat on every request. */
  files: StaticFileCache;
  /**
   * Fetch these CRL distribution points for a site and, when that gave new CRLs, make the engine
   * use them; resolves (never rejects) with the URLs that failed and why.
   */
  fetchCrls(siteId: string, urls: readonly string[]): Promise<ReadonlyMap<string, string>>;
}

/**
 * The site a request goes to. TLS: the site the handshake chose by SNI; a Host header that names
 * another site of this listener is refused 421 (RFC 9110 section 15.5.20), or a client could pass
 * one site's certificate checks and reach another. Plain HTTP: the Host header, else the default.
 */
function routeOf(table: RouteTable, connection: GatewayConnection, hostHeader: string | undefined): Route | 'misdirected' | null {
  const byHost = routeForName(table, hostOfHeader(hostHeader));
  if (!connection.tls) return byHost ?? table.fallback;
  const route = routeForName(table, connection.servername) ?? table.fallback;
  if (route && byHost && byHost.siteId !== route.siteId) return 'misdirected';
  return route;
}

/** routeOf, remembered for the connection's last Host header and routes (a client sends the same Host on a connection). */
function routeOfRequest(table: RouteTable, connection: GatewayConnection, hostHeader: string | undefined): Route | 'misdirected' | null {
  const memo = connection.lastRoute;
  if (memo && memo.table === table && memo.host === hostHeader) return memo.route;
  const route = routeOf(table, connection, hostHeader);
  connection.lastRoute = { table, host: hostHeader, route };
  return route;
}

/** The target and its normalized path, remembered for the connection's last request line. */
function pathOfRequest(connection: GatewayConnection, url: string | undefined): { target: string; path: string } | null {
  const memo = connection.lastPath;
  if (memo && memo.url === url) return memo;
  const target = originForm(url);
  if (!target) return null;
  connection.lastPath = { url, target, path: normalizeRequestPath(target) };
  return connection.lastPath;
}

/** The audit fields of this connection and site, serialized once (audit-line.ts). */
function auditPeerOf(connection: GatewayConnection, route: Route, identity: ConnectionIdentity): AuditPeer {
  const memo = connection.auditPeer;
  if (memo && memo.identity === identity && memo.route === route) return memo.peer;
  const peer = auditPeer(route.siteName, connection.client, identity.certificate);
  connection.auditPeer = { identity, route, peer };
  return peer;
}

/**
 * The request target in origin form ("/path?query"). Absolute form (RFC 9112 section 3.2.2) is cut to
 * its path, so folder rules and the upstream see the same path; anything else is not a request for us.
 */
export function originForm(url: string | undefined): string | null {
  if (!url) return null;
  if (url.startsWith('/')) return url;
  if (url === '*') return '/';
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.pathname + parsed.search : null;
  } catch {
    return null;
  }
}

/** One request: the decision (no certificate parsing here: the identity is the connection's), audit, then refusal or content. */
export function handleRequest(context: RequestContext, table: RouteTable, req: IncomingMessage, res: ServerResponse): void {
  // A plain-HTTP connection has no handshake to hang its state on: it gets it on its first request.
  const connection = connectionOf(req.socket) ?? attachConnection(req.socket, newConnection(req.socket, false, null, null));
  const route = routeOfRequest(table, connection, req.headers.host);
  if (route === 'misdirected') return sendError(res, 421, 'This connection was made for another site (TLS server name); open a new one for this host.');
  // http.sys's answer when no binding matches the host name.
  if (!route) return sendError(res, 400, 'Invalid Hostname: no site is bound to this host name here.');
  const requested = pathOfRequest(connection, req.url);
  if (!requested) return sendError(res, 400, null);
  const { target, path } = requested;
  const request: PendingRequest = { req, res, route, connection, target, path };
  let urls: string[];
  try {
    const engine = context.engine();
    urls = connection.crlFetch ? [] : engine.crlsToFetch(identityFor(connection, engine, route), path);
  } catch (error) {
    context.error(`decision failed for ${route.siteName} ${path}: ${(error as Error).stack ?? error}`);
    return sendError(res, 500, null);
  }
  if (urls.length > 0) {
    // Strict revocation and CRLs missing: fetch them before deciding (as CAPI does, bounded by the
    // fetcher's timeout), once per connection; the engine then has them for every later connection.
    connection.crlFetch = context
      .fetchCrls(route.siteId, urls)
      .catch((error: Error): ReadonlyMap<string, string> => new Map([['', `the fetched CRLs could not be used: ${error.message}`]]))
      .then((failures) => (connection.crlFailures = failures));
  }
  if (!connection.crlFetch || connection.crlFailures) return decideAndAnswer(context, request);
  // Also a pipelined request that arrives while the connection's fetch is still under way waits for it.
  connection.crlFetch
    .then(() => decideAndAnswer(context, request))
    .catch((error: Error) => {
      context.error(`request ${path} on ${route.siteName} failed after fetching CRLs: ${error.stack ?? error}`);
      sendError(res, 500, null);
    });
}

interface PendingRequest {
  req: IncomingMessage;
  res: ServerResponse;
  route: Route;
  connection: GatewayConnection;
  target: string;
  path: string;
}

/** The decision with the newest engine, the audit record, then the refusal or the content. */
function decideAndAnswer(context: RequestContext, request: PendingRequest): void {
  const { req, res, route, connection, path } = request;
  const engine = context.engine();
  const now = Date.now();
  let decision: GatewayDecision;
  let identity: ConnectionIdentity;
  const started = performance.now();
  try {
    identity = identityFor(connection, engine, route);
    decision = withFetchFailures(engine.decide(identity, { tls: connection.tls, path, at: new Date(now) }), connection.crlFailures);
  } catch (error) {
    context.error(`decision failed for ${route.siteName} ${path}: ${(error as Error).stack ?? error}`);
    return sendError(res, 500, null);
  }
  const micros = Math.round((performance.now() - started) * 1000);
  const outcome = { status: statusText(decision), account: decision.account, decidedBy: decision.decidedBy, failedStep: decision.failedStep };
  context.audit(auditLine(now, auditPeerOf(connection, route, identity), path, outcome, micros));

  // Client copies go whatever happens next, static content included: nothing downstream may see them.
  stripIdentityHeaders(req.headers, route.strippedHeaders);
  const detailed = detailedErrorsFor(route.site.site, connection.client);
  if (decision.status >= 400) return sendRefusal(res, decision, { detailed, site: route.siteName, path });
  serveContent(context, { req, res, route, connection, decision, engine, target: request.target, path, detailed });
}

/** A revocation refusal names the distribution points that could not be fetched, just before its verdict. */
function withFetchFailures(decision: GatewayDecision, failures: ReadonlyMap<string, string> | undefined): GatewayDecision {
  if (decision.failedStep !== 'revocation' || !failures?.size) return decision;
  const trace = [...decision.trace];
  let at = trace.length;
  while (at > 0 && trace[at - 1]!.step !== 'revocation') at--;
  // The fetcher's messages name the URL and why ("Fetching the CRL http://... failed: ...").
  const notes = [...failures.values()].map((why) => ({ step: 'revocation', result: 'info' as const, detail: why }));
  trace.splice(at > 0 ? at - 1 : trace.length, 0, ...notes);
  return { ...decision, trace };
}

/** An allowed request: the static file, or the upstream with the identity headers. */
function serveContent(
  context: RequestContext,
  r: { req: IncomingMessage; res: ServerResponse; route: Route; connection: GatewayConnection; decision: GatewayDecision; engine: DecisionEngine; target: string; path: string; detailed: boolean },
): void {
  const { req, res, route, connection, decision } = r;
  const site = route.site.site;
  const content = site.content;
  if (content.kind === 'static') {
    serveStatic(req, res, content.directory, r.path, context.files).catch((error: Error) => {
      context.error(`static content ${content.directory}${r.path}: ${error.message}`);
      sendError(res, 500, null);
    });
    return;
  }
  const security = r.engine.site(route.siteId)?.effectiveSecurity(r.path);
  const password = decision.forwardPassword;
  context.proxy.forward(req, res, {
    upstream: route.upstream ?? new URL(content.url),
    target: r.target,
    identity: identityHeaderValues(site.identityHeaders, decision, connection.identity!, connection, security?.clientCertificates !== 'ignore'),
    authorization: password === null ? null : `Basic ${Buffer.from(`${decision.account ?? ''}:${password}`).toString('base64')}`,
    dropClientAuthorization: route.forwardsPasswords,
    client: connection.client,
    tls: connection.tls,
    detailed: r.detailed,
  });
}
