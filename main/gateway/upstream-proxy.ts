import http, { type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import https from 'node:https';
import { sendError } from './refusal-response';

/** RFC 9110 section 7.6.1: headers about one connection, never forwarded (plus what Connection lists). */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

/** Hop-by-hop header names of a message: the fixed list and whatever its Connection header names. */
function hopByHop(connectionHeader: string | string[] | undefined): Set<string> {
  if (!connectionHeader) return HOP_BY_HOP;
  const listed = (Array.isArray(connectionHeader) ? connectionHeader.join(',') : connectionHeader).split(',').map((t) => t.trim().toLowerCase());
  return new Set([...HOP_BY_HOP, ...listed]);
}

/** What the gateway adds for one proxied request. */
export interface ProxyRequest {
  upstream: URL;
  /** The request target in origin form ("/path?query"), appended to the upstream URL's path. */
  target: string;
  /** Identity headers (already computed; the client's copies were stripped). */
  identity: Record<string, string>;
  /** `Authorization: Basic` for the mapping's password, or null. */
  authorization: string | null;
  /** Drop the client's own Authorization header (the site forwards passwords, so upstream trusts it). */
  dropClientAuthorization: boolean;
  client: string;
  tls: boolean;
  /** Whether a 502 may say which upstream failed and how (detailed errors). */
  detailed: boolean;
}

/** Upstream connections are kept alive per origin, so a proxied request does not pay a TCP handshake. */
export class UpstreamProxy {
  private readonly agents = new Map<string, http.Agent>();

  private agentFor(url: URL): http.Agent {
    let agent = this.agents.get(url.origin);
    if (!agent) {
      const options = { keepAlive: true, maxSockets: 256, maxFreeSockets: 64 };
      agent = url.protocol === 'https:' ? new https.Agent(options) : new http.Agent(options);
      this.agents.set(url.origin, agent);
    }
    return agent;
  }

  /** Stream the request to the upstream and its answer back; 502 (with the reason when detailed) if it cannot be reached. */
  forward(req: IncomingMessage, res: ServerResponse, request: ProxyRequest): void {
    const { upstream } = request;
    const skip = hopByHop(req.headers.connection);
    const headers: OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined || skip.has(name) || name === 'host' || name === 'expect') continue;
      if (name === 'authorization' && (request.authorization || request.dropClientAuthorization)) continue;
      headers[name] = value;
    }
    const forwardedFor = req.headers['x-forwarded-for'];
    headers['x-forwarded-for'] = forwardedFor ? `${forwardedFor}, ${request.client}` : request.client;
    headers['x-forwarded-proto'] = request.tls ? 'https' : 'http';
    if (req.headers.host) headers['x-forwarded-host'] = req.headers.host;
    headers.host = upstream.host;
    if (request.authorization) headers.authorization = request.authorization;
    Object.assign(headers, request.identity);

    const basePath = upstream.pathname.replace(/\/$/, '');
    const send = upstream.protocol === 'https:' ? https.request : http.request;
    const outgoing = send({
      protocol: upstream.protocol,
      hostname: upstream.hostname.replace(/^\[|\]$/g, ''),
      port: upstream.port || undefined,
      method: req.method,
      path: basePath + request.target,
      headers,
      agent: this.agentFor(upstream),
    });

    outgoing.on('response', (answer) => {
      const drop = hopByHop(answer.headers.connection);
      const raw: string[] = [];
      for (let i = 0; i + 1 < answer.rawHeaders.length; i += 2) {
        const name = answer.rawHeaders[i]!;
        if (!drop.has(name.toLowerCase())) raw.push(name, answer.rawHeaders[i + 1]!);
      }
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, raw);
      answer.pipe(res);
      answer.on('error', () => res.destroy());
    });
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const detail = request.detailed ? `The upstream server ${upstream.origin} did not answer: ${error.code ?? error.message}.` : null;
      sendError(res, 502, detail);
    });
    // The client went away before the answer was complete: stop the upstream work too.
    res.on('close', () => {
      if (!res.writableFinished) outgoing.destroy();
    });
    req.pipe(outgoing);
  }

  /** Close idle upstream connections (gateway stop). */
  close(): void {
    for (const agent of this.agents.values()) agent.destroy();
    this.agents.clear();
  }
}
