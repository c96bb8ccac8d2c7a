import { createHash } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { SecureContext, TLSSocket } from 'node:tls';
import { attachConnection, identityFor, newConnection, presentedCertificate } from './gateway-connection';
import { listenHost, type ListenerPlan } from './listener-plan';
import { sendError } from './refusal-response';
import { handleRequest, type RequestContext } from './request-handler';
import { routeForName, type Route, type RouteTable } from './route-table';

type VerifyModeHandle = { _handle?: { setVerifyMode?: (request: boolean, reject: boolean) => void } } | undefined;

/**
 * Ask (or not) for a client certificate on this one connection, per the site SNI chose. Node's
 * TLSSocket only exposes this through its internal handle (the same call renegotiate() makes); where
 * that is missing, every connection on the address:port asks when any of its sites wants one,
 * which is harmless: a site that ignores certificates ignores what it gets.
 */
function narrowVerifyMode(socket: unknown, requestCert: boolean): void {
  const handle = (socket as VerifyModeHandle)?._handle;
  if (typeof handle?.setVerifyMode === 'function') handle.setVerifyMode(requestCert, false);
}

const anyRequestCert = (table: RouteTable): boolean =>
  [...table.byHost.values(), ...table.byWildcard.values(), table.fallback].some((r) => r?.requestCert);

/** The handshake's default: the base route's certificate and trust list, and a session id context per configuration. */
function baseTlsOptions(table: RouteTable) {
  // A new session id context (and the fresh ticket keys setSecureContext makes) stops clients from
  // resuming a session made under other TLS settings, e.g. one that was not asked for a certificate.
  const sessionIdContext = createHash('sha256').update(table.tlsFingerprint).digest('hex').slice(0, 32);
  return { ...table.base?.tls?.options, sessionIdContext };
}

/** One listening server (http or https) for one address:port, its routes swapped on every snapshot. */
export class Listener {
  private table: RouteTable;

  private constructor(
    /** The bindings this server serves now (replaced on every snapshot). */
    public plan: ListenerPlan,
    table: RouteTable,
    readonly server: http.Server | https.Server,
  ) {
    this.table = table;
  }

  /** The port the system gave (the asked one unless it was 0). */
  get port(): number {
    return (this.server.address() as AddressInfo | null)?.port ?? this.plan.port;
  }

  /** Create the server and listen; rejects with the listen error (EADDRINUSE, EACCES, EADDRNOTAVAIL). */
  static async open(plan: ListenerPlan, table: RouteTable, context: RequestContext): Promise<Listener> {
    let listener: Listener;
    if (plan.protocol === 'https') {
      const sni = (socket: unknown, name: string, done: (error: Error | null, context?: SecureContext) => void) => {
        const route = routeForName(listener.table, name) ?? listener.table.fallback ?? listener.table.base;
        if (route) narrowVerifyMode(socket, route.requestCert);
        done(null, route?.tls?.context);
      };
      const server = https.createServer({
        ...baseTlsOptions(table),
        requestCert: anyRequestCert(table),
        // We decide, and answer with IIS's status codes; OpenSSL's verdict is not used.
        rejectUnauthorized: false,
        SNICallback(this: unknown, name, done) {
          sni(this, name, done);
        },
      });
      server.on('secureConnection', (socket: TLSSocket) => listener.onSecureConnection(socket, context));
      listener = new Listener(plan, table, server);
    } else {
      listener = new Listener(plan, table, http.createServer());
    }
    listener.server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      try {
        handleRequest(context, listener.table, req, res);
      } catch (error) {
        // A bug in one request must not take the gateway (and every open connection) down with it.
        context.error(`request ${req.url} on ${plan.key} failed: ${(error as Error).stack ?? error}`);
        sendError(res, 500, null);
      }
    });
    await new Promise<void>((resolve, reject) => {
      listener.server.once('error', reject);
      listener.server.listen({ host: listenHost(plan.address), port: plan.port }, () => {
        listener.server.off('error', reject);
        resolve();
      });
    });
    listener.server.on('error', (error) => context.error(`${plan.key}: ${error.message}`));
    return listener;
  }

  /**
   * The identity, once per TLS connection: the raw DER from OpenSSL and one identify() call. Requests
   * on this connection only look it up (gateway-connection.ts), until a snapshot swap.
   */
  private onSecureConnection(socket: TLSSocket, context: RequestContext): void {
    const servername = typeof socket.servername === 'string' ? socket.servername : null;
    const connection = attachConnection(socket, newConnection(socket, true, servername, presentedCertificate(socket)));
    const route: Route | null = routeForName(this.table, servername) ?? this.table.fallback;
    if (!route) return;
    try {
      identityFor(connection, context.engine(), route);
    } catch (error) {
      // Requests on this connection try again and answer 500 if it still fails.
      context.error(`identify failed on ${this.plan.key}: ${(error as Error).message}`);
    }
  }

  /** New routes for new connections and requests; TLS settings change in place (no restart, no dropped connection). */
  update(plan: ListenerPlan, table: RouteTable): void {
    const previous = this.table;
    this.table = table;
    this.plan = plan;
    if (this.server instanceof https.Server && previous.tlsFingerprint !== table.tlsFingerprint) {
      this.server.setSecureContext(baseTlsOptions(table));
      // Read by Node for every new connection (tls.Server's requestCert option).
      (this.server as https.Server & { requestCert: boolean }).requestCert = anyRequestCert(table);
    }
  }

  /** Stop accepting; open connections finish their requests (idle keep-alive ones close now). */
  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeIdleConnections();
    });
  }

  /** Drop every connection at once (the end of a stop's grace period). */
  destroyConnections(): void {
    this.server.closeAllConnections();
  }
}
