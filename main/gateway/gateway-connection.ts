import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { ConnectionIdentity, DecisionEngine, GatewayDecision, PresentedCertificate } from '../decision/types';
import type { Route, RouteTable } from './route-table';

/** What the gateway knows about one TCP (or TLS) connection, kept on the socket for its lifetime. */
export interface GatewayConnection {
  readonly tls: boolean;
  /** Remote address, as the audit log and the loopback check see it. */
  readonly client: string;
  /** SNI name the client sent (TLS only). */
  readonly servername: string | null;
  readonly presented: PresentedCertificate | null;
  /** Handshake time: trust is judged at this moment, once per connection (and again per new snapshot). */
  readonly at: Date;
  /** The engine `identity` was computed by: another one means the configuration changed since. */
  engine: DecisionEngine | null;
  route: Route | null;
  identity: ConnectionIdentity | null;
  /**
   * The CRL distribution points fetched for this connection (at most once per connection), and what
   * failed (URL -> why), for the trace of a 403.13.
   */
  crlFetch?: Promise<ReadonlyMap<string, string>>;
  crlFailures?: ReadonlyMap<string, string>;
  /** URL-encoded PEM of the client certificate, made on first need for the certificate header. */
  escapedPem?: string;
  /**
   * What the last request on this connection worked out, for the next one to reuse when it is the
   * same: its route (per Host header and route table), its target (per request line) and its
   * decision (per identity, path and CRL fetch outcome). A keep-alive client sends the same Host
   * every time, and mostly the same request line.
   */
  lastRoute?: { table: RouteTable; host: string | undefined; route: Route | 'misdirected' | null };
  lastTarget?: RequestTarget;
  lastDecision?: RememberedDecision;
}

/** A request target as the gateway works with it. */
export interface RequestTarget {
  readonly url: string | undefined;
  /** Origin form: "/path?query". */
  readonly target: string;
  /** Decoded, dot segments resolved: what folders and rules see. */
  readonly path: string;
  /** Its key in the static file cache under one content folder (static-content.ts), made on first need. */
  staticKey?: { readonly directory: string; readonly key: string };
}

/**
 * A decision and its audit record's text after the time (audit-line.ts). The decision depends on the
 * connection's identity (which names the engine and the site), the path, and the CRL fetch outcome,
 * never on the moment of the request: trust is judged at the handshake (ConnectionState).
 */
export interface RememberedDecision {
  readonly identity: ConnectionIdentity;
  readonly path: string;
  readonly crlFailures: ReadonlyMap<string, string> | undefined;
  readonly decision: GatewayDecision;
  /** auditFields(...) of this decision: UTF-8, ready to copy into each request's record. */
  readonly auditFields: Uint8Array;
}

const CONNECTION = Symbol('certmapper.gateway.connection');
type Tagged = Socket & { [CONNECTION]?: GatewayConnection };

/** A client sends a handful of chain certificates at most; the cap only guards against a loop. */
const MAX_CHAIN = 10;

/**
 * The client's certificate as raw DER, and the chain it sent on demand. Reading the chain is what
 * costs: with it, getPeerX509Certificate takes about 150 us (OpenSSL 3 copies every chain
 * certificate, decoding its key again), where getPeerCertificate(false) gives the leaf alone in
 * about 60 us and getPeerX509Certificate without a chain about 15 us (README "Benchmarks"). The
 * chain is read only when the trust list and the store make no valid path without it
 * (ConnectionState.verify), once per connection.
 */
export function presentedCertificate(socket: TLSSocket): PresentedCertificate | null {
  const der = leafDer(socket);
  if (!der) return null;
  let chain: Uint8Array[] | undefined;
  return { der, chain: [], readChain: () => (chain ??= sentChain(socket)) };
}

function leafDer(socket: TLSSocket): Uint8Array | undefined {
  try {
    return socket.getPeerCertificate(false)?.raw;
  } catch {
    // getPeerCertificate also describes the certificate; one Node cannot describe still has its DER,
    // and the decision engine says what is wrong with it.
    return socket.getPeerX509Certificate()?.raw;
  }
}

/** The certificates the client sent after its own, as DER (issuerCertificate only wraps what OpenSSL holds). */
function sentChain(socket: TLSSocket): Uint8Array[] {
  const chain: Uint8Array[] = [];
  const leaf = socket.getPeerX509Certificate();
  for (let next = leaf?.issuerCertificate; next && chain.length < MAX_CHAIN; ) {
    const raw = next.raw;
    chain.push(raw);
    const after = next.issuerCertificate;
    // A self-signed root may name itself as its issuer.
    if (!after || after.raw.equals(raw)) break;
    next = after;
  }
  return chain;
}

/** Attach the connection's state to its socket (once, when it opens or finishes its handshake). */
export function attachConnection(socket: Socket, connection: GatewayConnection): GatewayConnection {
  (socket as Tagged)[CONNECTION] = connection;
  return connection;
}

/** The state attached to a socket, if any. */
export function connectionOf(socket: Socket): GatewayConnection | undefined {
  return (socket as Tagged)[CONNECTION];
}

/** A new connection's state, before any identity. */
export function newConnection(socket: Socket, tls: boolean, servername: string | null, presented: PresentedCertificate | null): GatewayConnection {
  return { tls, client: socket.remoteAddress ?? '', servername, presented, at: new Date(), engine: null, route: null, identity: null };
}

/**
 * Make sure the connection's identity belongs to this engine and this route: computed once per
 * connection, and once more only when a configuration change (a new engine) or another site (a
 * plain-HTTP keep-alive connection may name another Host) asks for it.
 */
export function identityFor(connection: GatewayConnection, engine: DecisionEngine, route: Route): ConnectionIdentity {
  if (connection.identity && connection.engine === engine && connection.route === route) return connection.identity;
  const identity = engine.identify(route.siteId, connection.presented, connection.at);
  connection.engine = engine;
  connection.route = route;
  connection.identity = identity;
  return identity;
}
