import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Result } from '../../shared/ipc';
import type { Dispatch } from '../ipc/dispatcher';
import type { EventHub } from '../events/event-hub';
import { presentedToken, tokenMatches } from './access-token';
import { serveStatic } from './static-files';

/** Large enough for a 10,000-certificate bundle or a batch of dropped files, base64-encoded. */
const MAX_BODY_BYTES = 200 * 1024 * 1024;

export interface WebServerOptions {
  dispatch: Dispatch;
  hub: EventHub;
  token: string;
  rendererDir: string;
  port: number;
  host?: string;
}

export interface RunningWebServer {
  server: Server;
  port: number;
  /** The URL to open: it carries the token, which the console moves to sessionStorage. */
  url: string;
  close(): Promise<void>;
}

/** The contract over JSON/HTTP on loopback: POST /api/invoke/<channel>, SSE on /api/events, the console at /. */
export async function startWebServer(options: WebServerOptions): Promise<RunningWebServer> {
  const host = options.host ?? '127.0.0.1';
  const streams = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    handle(req, res, options, streams).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'INTERNAL', message: String(error) } });
      else res.end();
    });
  });
  const unsubscribe = options.hub.subscribe((event, payload) => {
    for (const res of streams) res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    url: `http://${host}:${port}/?token=${options.token}`,
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe();
        for (const res of streams) res.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  options: WebServerOptions,
  streams: Set<ServerResponse>,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (!isLoopbackHost(req.headers.host)) {
    // A page on another origin that resolves its name to 127.0.0.1 (DNS rebinding) must not reach the API.
    sendJson(res, 421, { ok: false, error: { code: 'UNAUTHORIZED', message: 'Requests must address 127.0.0.1 or localhost' } });
    return;
  }
  if (!url.pathname.startsWith('/api/')) {
    serveStatic(options.rendererDir, url.pathname, res);
    return;
  }
  if (!tokenMatches(options.token, presentedToken(req.headers.authorization, url))) {
    sendJson(res, 401, { ok: false, error: { code: 'UNAUTHORIZED', message: 'Missing or wrong access token' } });
    return;
  }
  if (url.pathname === '/api/events' && req.method === 'GET') {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    streams.add(res);
    const detach = options.hub.attachConsole();
    req.on('close', () => {
      streams.delete(res);
      detach();
    });
    return;
  }
  const channel = url.pathname.match(/^\/api\/invoke\/([\w.-]+)$/)?.[1];
  if (!channel || req.method !== 'POST') {
    sendJson(res, 404, { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `No API at ${req.method} ${url.pathname}` } });
    return;
  }
  const body = await readBody(req);
  if (body === undefined) {
    sendJson(res, 413, { ok: false, error: { code: 'INVALID_INPUT', message: `Request body over ${MAX_BODY_BYTES} bytes` } });
    return;
  }
  let payload: unknown;
  try {
    payload = body.length ? JSON.parse(body.toString('utf8')) : {};
  } catch (error) {
    sendJson(res, 400, { ok: false, error: { code: 'INVALID_INPUT', message: `The body is not JSON: ${(error as Error).message}` } });
    return;
  }
  sendJson(res, 200, await options.dispatch(channel, payload, { transport: 'http' }));
}

function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  const name = host.replace(/:\d+$/, '');
  return name === '127.0.0.1' || name === 'localhost' || name === '[::1]';
}

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function sendJson(res: ServerResponse, status: number, result: Result<unknown>): void {
  const body = JSON.stringify(result);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(body);
}
