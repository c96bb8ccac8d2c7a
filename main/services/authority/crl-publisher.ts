import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AuthorityService } from './authority-service';
import { listenTargetOf } from './crl-url';

/**
 * The plain-HTTP CRL distribution point: answers GET/HEAD for the URL of each CA's CRL with the
 * current DER (application/pkix-crl), reissued first if it is due. It listens where the authority's
 * CRL URL says (default http://127.0.0.1:8081/crl/<authority-id>.crl) and moves when that changes.
 * Separate from the gateway on purpose: CRLs are fetched without TLS (RFC 5280 4.2.1.13).
 */
export class CrlPublisher {
  private server: Server | undefined;
  private target: string | undefined;
  private syncing: Promise<void> = Promise.resolve();

  constructor(
    private readonly authority: AuthorityService,
    private readonly onLine: (line: string) => void,
  ) {}

  /** Listen where the authority's CRL URL points (nothing while there is no authority). Serialised: safe to call on every change. */
  sync(): Promise<void> {
    this.syncing = this.syncing.then(() => this.apply());
    return this.syncing;
  }

  async close(): Promise<void> {
    await this.syncing;
    await this.stop();
  }

  private async apply(): Promise<void> {
    let url: string | undefined;
    try {
      url = this.authority.info()?.intermediate?.crlUrl ?? this.authority.info()?.root.crlUrl;
    } catch (error) {
      this.onLine(`CRL publisher: cannot read the local authority: ${(error as Error).message}`);
      return;
    }
    const target = url ? listenTargetOf(url) : undefined;
    const key = target ? `${target.host}:${target.port}` : undefined;
    if (key === this.target) return;
    await this.stop();
    this.target = key;
    if (!target || !url) return;
    const server = createServer((req, res) => this.answer(req, res));
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(target.port, target.host, () => resolve());
      });
    } catch (error) {
      this.onLine(`CRL publisher: cannot listen on ${target.host}:${target.port} for ${url}: ${(error as Error).message}. The gateway still uses the CRLs in the store; other clients cannot fetch them until this is fixed.`);
      return;
    }
    this.server = server;
    this.onLine(`CRL publisher: serving the local authority's CRLs at ${new URL('.', url).href}`);
  }

  private async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.target = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }

  private answer(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    let crl;
    try {
      crl = this.authority.crlAtPath(new URL(req.url ?? '/', 'http://crl.invalid').pathname);
    } catch (error) {
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end(`The CRL cannot be produced: ${(error as Error).message}\n`);
      return;
    }
    if (!crl) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('No CRL is published at this address.\n');
      return;
    }
    const etag = `"${crl.sha256}"`;
    // no-cache: caches must ask again, so a revocation is never hidden until nextUpdate by a proxy.
    const headers = { 'content-type': 'application/pkix-crl', 'cache-control': 'no-cache', etag, 'last-modified': new Date(crl.thisUpdate).toUTCString() };
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, headers).end();
      return;
    }
    res.writeHead(200, { ...headers, 'content-length': crl.der.length });
    res.end(req.method === 'HEAD' ? undefined : Buffer.from(crl.der));
  }
}
