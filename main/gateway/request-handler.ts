import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { normalizeRequestPath } from '../decision/request-path';
import type { ConnectionIdentity, DecisionEngine, GatewayDecision } from '../decision/types';
import { auditFields, auditPeer } from './audit-line';
import {
  attachConnection,
  connectionOf,
  identityFor,
  newConnection,
  type GatewayConnection,
  type RememberedDecision,
  type RequestTarget,
} from './gateway-connection';
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
  /** One audit record: its time, its decision's pre-encoded fields (auditFields in audit-line.ts) and the microseconds the decision took. */
  audit(timeMs: number, fields: Uint8Array, micros: number): void;
  error(message: string): void;
  proxy: UpstreamProxy;
  /** Small static files in memory (static-file-cache.ts). */
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
function targetOfRequest(connection: GatewayConnection, url: string | undefined): RequestTarget | null {
  const memo = connection.lastTarget;
  if (memo && memo.url === url) return memo;
  const target = originForm(url);
  if (!target) return null;
  connection.lastTarget = { url, target, path: normalizeRequestPath(target) };
  return connection.lastTarget;
}

/** The connection's last decision, if it holds for this identity and path (see RememberedDecision). */
function rememberedFor(connection: GatewayConnection, identity: ConnectionIdentity, path: string): RememberedDecision | null {
  const memo = connection.lastDecision;
  return memo && memo.identity === identity && memo.path === path && memo.crlFailures === connection.crlFailures ? memo : null;
}

/** The engine's decision for this request, remembered on the connection with its audit fields. */
function decideAfresh(connection: GatewayConnection, engine: DecisionEngine, route: Route, identity: ConnectionIdentity, path: string): RememberedDecision {
  const { crlFailures } = connection;
  const decision = withFetchFailures(engine.decide(identity, { tls: connection.tls, path, at: new Date() }), crlFailures);
  const outcome = { status: statusText(decision), account: decision.account, decidedBy: decision.decidedBy, failedStep: decision.failedStep };
  const fields = auditFields(auditPeer(route.siteName, connection.client, identity.certificate), path, outcome);
  return (connection.lastDecision = { identity, path, crlFailures, decision, auditFields: fields });
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
  const requested = targetOfRequest(connection, req.url);
  if (!requested) return sendError(res, 400, null);
  const { path } = requested;
  const request: PendingRequest = { req, res, route, connection, requested };
  let urls: string[];
  try {
    const engine = context.engine();
    const identity = identityFor(connection, engine, route);
    // The common keep-alive case: the same path again, after any CRL fetch of the connection settled.
    const remembered = rememberedFor(connection, identity, path);
    if (remembered && (!connection.crlFetch || connection.crlFailures)) return answer(context, request, engine, remembered, Date.now(), 0);
    // A connection fetches CRLs at most once (a remembered decision that got past the return above
    // waits for that fetch below).
    urls = connection.crlFetch ? [] : engine.crlsToFetch(identity, path);
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
  requested: RequestTarget;
}

/** The decision with the newest engine (a CRL fetch may have made a new one), then the answer. */
function decideAndAnswer(context: RequestContext, request: PendingRequest): void {
  const { res, route, connection } = request;
  const { path } = request.requested;
  const engine = context.engine();
  const now = Date.now();
  let decided: RememberedDecision | null;
  // A remembered decision is three comparisons, well under a microsecond: its record says 0 without timing it.
  let micros = 0;
  try {
    const identity = identityFor(connection, engine, route);
    decided = rememberedFor(connection, identity, path);
    if (!decided) {
      const started = performance.now();
      decided = decideAfresh(connection, engine, route, identity, path);
      micros = Math.round((performance.now() - started) * 1000);
    }
  } catch (error) {
    context.error(`decision failed for ${route.siteName} ${path}: ${(error as Error).stack ?? error}`);
    return sendError(res, 500, null);
  }
  answer(context, request, engine, decided, now, micros);
}

/** The audit record of a decision, then the refusal or the content. */
function answer(context: RequestContext, request: PendingRequest, engine: DecisionEngine, decided: RememberedDecision, now: number, micros: number): void {
  const { res, route, connection } = request;
  context.audit(now, decided.auditFields, micros);
  const { decision } = decided;
  if (decision.status >= 400) return sendRefusal(res, decision, { detailed: detailedErrorsFor(route.site.site, connection.client), site: route.siteName, path: request.requested.path });
  serveContent(context, request, engine, decision);
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
function serveContent(context: RequestContext, request: PendingRequest, engine: DecisionEngine, decision: GatewayDecision): void {
  const { req, res, route, connection, requested } = request;
  const site = route.site.site;
  const content = site.content;
  if (content.kind === 'static') {
    serveStatic(req, res, content.directory, requested, context.files)?.catch((error: Error) => {
      context.error(`static content ${content.directory}${requested.path}: ${error.message}`);
      sendError(res, 500, null);
    });
    return;
  }
  // Client copies of the identity headers never reach the upstream, whatever their case or spelling.
  stripIdentityHeaders(req.headers, route.strippedHeaders);
  const security = engine.site(route.siteId)?.effectiveSecurity(requested.path);
  const password = decision.forwardPassword;
  context.proxy.forward(req, res, {
    upstream: route.upstream ?? new URL(content.url),
    target: requested.target,
    identity: identityHeaderValues(site.identityHeaders, decision, connection.identity!, connection, security?.clientCertificates !== 'ignore'),
    authorization: password === null ? null : `Basic ${Buffer.from(`${decision.account ?? ''}:${password}`).toString('base64')}`,
    dropClientAuthorization: route.forwardsPasswords,
    client: connection.client,
    tls: connection.tls,
    detailed: detailedErrorsFor(site, connection.client),
  });
}
