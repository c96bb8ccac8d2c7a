import { DomainError } from '../../../shared/errors';
import { decodeContainer } from '../certificates/codec/decode-container';
import { toCrlView } from './crl-view';

/** A CRL fetched from a distribution point. */
export interface FetchedCrl {
  url: string;
  der: Uint8Array;
  issuer: string;
  thisUpdate: Date;
  nextUpdate: Date | null;
  fetchedAt: Date;
}

/** Where the gateway gets CRLs named by certificates (CDP URLs); cached until the CRL's nextUpdate. */
export interface CrlFetcher {
  /** The CRL at `url`: from the cache while it is current, else fetched (concurrent calls share one request). */
  fetch(url: string): Promise<FetchedCrl>;
  /** Every cached CRL still current, to compile into a trust context. */
  cached(): FetchedCrl[];
}

/** Tuning of HttpCrlFetcher; the defaults suit a gateway. */
export interface HttpCrlFetcherOptions {
  /** Abort a request after this long (default 5 s): a slow CDP must not hold handshakes. */
  timeoutMs?: number;
  /** Refuse larger bodies (default 32 MiB; a 100,000-entry CRL is about 4 MiB). */
  maxBytes?: number;
  /** How long a CRL without nextUpdate, or already past it, is kept before asking again (default 5 min). */
  fallbackCacheMs?: number;
  /** After a failure, answer the same error without asking again for this long (default 30 s). */
  failureBackoffMs?: number;
  /** The clock (tests move it past nextUpdate). */
  now?: () => number;
}

interface Entry {
  crl: FetchedCrl;
  expires: number;
}

/** Fetches CRLs over http(s) with node's fetch, a timeout, a size limit and an in-memory cache. */
export class HttpCrlFetcher implements CrlFetcher {
  private readonly entries = new Map<string, Entry>();
  private readonly inFlight = new Map<string, Promise<FetchedCrl>>();
  private readonly failures = new Map<string, { error: DomainError; until: number }>();
  private readonly timeoutMs: number;
  private readonly maxBytes: number;
  private readonly fallbackCacheMs: number;
  private readonly failureBackoffMs: number;
  private readonly now: () => number;

  constructor(options: HttpCrlFetcherOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 5_000;
    this.maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
    this.fallbackCacheMs = options.fallbackCacheMs ?? 5 * 60_000;
    this.failureBackoffMs = options.failureBackoffMs ?? 30_000;
    this.now = options.now ?? Date.now;
  }

  fetch(url: string): Promise<FetchedCrl> {
    const now = this.now();
    const entry = this.entries.get(url);
    if (entry && entry.expires > now) return Promise.resolve(entry.crl);
    const failure = this.failures.get(url);
    if (failure && failure.until > now) return Promise.reject(failure.error);
    let pending = this.inFlight.get(url);
    if (!pending) {
      pending = this.download(url).then(
        (crl) => {
          this.inFlight.delete(url);
          this.failures.delete(url);
          const fetched = this.now();
          const next = crl.nextUpdate?.getTime();
          this.entries.set(url, { crl, expires: next !== undefined && next > fetched ? next : fetched + this.fallbackCacheMs });
          return crl;
        },
        (error: unknown) => {
          this.inFlight.delete(url);
          const domain = error instanceof DomainError ? error : new DomainError('IO_ERROR', `Fetching the CRL ${url} failed: ${(error as Error).message}`);
          this.failures.set(url, { error: domain, until: this.now() + this.failureBackoffMs });
          throw domain;
        },
      );
      this.inFlight.set(url, pending);
    }
    return pending;
  }

  cached(): FetchedCrl[] {
    const now = this.now();
    return [...this.entries.values()].filter((e) => e.expires > now).map((e) => e.crl);
  }

  private async download(url: string): Promise<FetchedCrl> {
    if (!/^https?:\/\//i.test(url)) throw new DomainError('INVALID_INPUT', `Only http and https CRL distribution points can be fetched, not ${url}`);
    let response: Response;
    try {
      response = await fetch(url, { signal: AbortSignal.timeout(this.timeoutMs), redirect: 'follow' });
    } catch (error) {
      const name = (error as Error).name;
      const why = name === 'TimeoutError' || name === 'AbortError' ? `no answer within ${this.timeoutMs} ms` : ((error as { cause?: Error }).cause?.message ?? (error as Error).message);
      throw new DomainError('IO_ERROR', `Fetching the CRL ${url} failed: ${why}`);
    }
    if (!response.ok) throw new DomainError('IO_ERROR', `Fetching the CRL ${url} failed: HTTP ${response.status}`);
    const declared = Number(response.headers.get('content-length') ?? 0);
    if (declared > this.maxBytes) throw new DomainError('IO_ERROR', `The CRL at ${url} is ${declared} bytes, over the ${this.maxBytes}-byte limit`);
    const body = new Uint8Array(await response.arrayBuffer());
    if (body.length > this.maxBytes) throw new DomainError('IO_ERROR', `The CRL at ${url} is over the ${this.maxBytes}-byte limit`);
    // RFC 5280 4.2.1.13 says DER; some servers publish PEM, which decodeContainer also reads.
    let der: Uint8Array;
    try {
      const container = decodeContainer(body);
      if (!container.crls[0]) throw new DomainError('NOT_A_CERTIFICATE', 'no CRL in the response');
      der = container.crls[0].der;
    } catch (error) {
      throw new DomainError('MALFORMED', `The response from ${url} is not a CRL: ${(error as Error).message}`);
    }
    const view = toCrlView(der);
    return {
      url,
      der,
      issuer: view.issuer,
      thisUpdate: new Date(view.thisUpdate),
      nextUpdate: view.nextUpdate === null ? null : new Date(view.nextUpdate),
      fetchedAt: new Date(this.now()),
    };
  }
}
