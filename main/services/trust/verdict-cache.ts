import type { CertView } from './cert-view';
import { BoundedCache } from './bounded-cache';

/** The verdict of one verification as verify() returns it (kept generic so this file does not import verify.ts). */
export interface CachedVerdict {
  readonly code: string;
}

/**
 * Sorted, distinct instants (ms) at which a verdict may change with the validation time `at`: the
 * checks are `at < notBefore`, `at > notAfter` and `nextUpdate < at`, so their answers change at
 * notBefore, at notAfter + 1 ms and at nextUpdate + 1 ms (times are whole milliseconds). Between two
 * neighbours every such comparison, and so the verdict, comes out the same. CRL thisUpdate is not
 * compared by the engine; it is a change point all the same, to stay on the safe side.
 */
export type ChangePoints = Float64Array;

/** Change points of certificates' validity: notBefore and the millisecond after notAfter. */
export const certificateChangePoints = (cert: { notBefore: number; notAfter: number }): number[] => [cert.notBefore, cert.notAfter + 1];

/** Change points of a CRL: thisUpdate and the millisecond after nextUpdate. */
export const crlChangePoints = (crl: { thisUpdate: number; nextUpdate: number | null }): number[] => [crl.thisUpdate, crl.nextUpdate === null ? NaN : crl.nextUpdate + 1];

/** Sorted, distinct and finite: an unparseable time (NaN) compares false at every instant, so it never bounds a window. */
export function changePointsOf(instants: Iterable<number>): ChangePoints {
  const finite = [...new Set(instants)].filter((t) => Number.isFinite(t));
  return Float64Array.from(finite).sort();
}

/** The window [from, to) around `at` that no change point splits. */
export function windowAround(points: ChangePoints, at: number): { from: number; to: number } {
  // Binary search for the first change point > at.
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (points[mid]! <= at) lo = mid + 1;
    else hi = mid;
  }
  return { from: lo > 0 ? points[lo - 1]! : -Infinity, to: lo < points.length ? points[lo]! : Infinity };
}

/** Narrow `window` (around `at`) to exclude the change points of `certs`. */
function narrowByCertificates(window: { from: number; to: number }, certs: readonly CertView[], at: number): { from: number; to: number } {
  let { from, to } = window;
  for (const cert of certs) {
    for (const point of certificateChangePoints(cert)) {
      if (!Number.isFinite(point)) continue;
      if (point <= at) from = Math.max(from, point);
      else to = Math.min(to, point);
    }
  }
  return { from, to };
}

interface Entry<V> {
  purpose: string;
  revocation: string;
  /** The presented chain as it was verified (copies, or the context's own bytes for certificates it holds). */
  chain: readonly Buffer[];
  /** The verdict holds for validation times (whole-second ms) from `from` included to `to` excluded. */
  from: number;
  to: number;
  verdict: V;
}

/** Verdicts kept per leaf (purposes x modes x chains), the oldest dropped first: a client cannot grow one leaf's list without bound. */
const MAX_PER_LEAF = 8;

const bufferOf = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);

function sameChain(cached: readonly Buffer[], presented: readonly Uint8Array[]): boolean {
  if (cached.length !== presented.length) return false;
  for (let i = 0; i < cached.length; i++) if (!cached[i]!.equals(presented[i]!)) return false;
  return true;
}

/**
 * Verdicts of one trust context, by leaf SHA-256, purpose and revocation mode, each for the exact
 * presented chain and the time window in which it cannot change. A returning client (a gateway
 * connection, what-if run again) then costs one byte comparison of its chain instead of chain
 * building, signature checks and revocation. The context is immutable (its CRLs included), so a new
 * CRL means a new context and an empty cache: nothing here can outlive what it was judged on.
 */
export class VerdictCache<V extends CachedVerdict> {
  // By leaf SHA-256 (the string identify already hashed for the facts cache): one entry per purpose and mode.
  private readonly entries: BoundedCache<string, Entry<V>[]>;

  constructor(
    limit: number,
    /** Change points of the context's own certificates and CRLs. */
    private readonly contextPoints: ChangePoints,
    /** The context's certificate bytes by SHA-256, shared instead of copied when a client presents one of them. */
    private readonly known: (sha256: string) => Uint8Array | undefined,
  ) {
    this.entries = new BoundedCache(limit);
  }

  /** The verdict for this leaf, purpose, mode, chain and (whole-second) time, if one was stored and still holds. */
  get(leafSha256: string, purpose: string, revocation: string, presented: readonly Uint8Array[], at: number): V | undefined {
    const list = this.entries.get(leafSha256);
    if (!list) return undefined;
    for (const entry of list) {
      if (entry.purpose === purpose && entry.revocation === revocation && sameChain(entry.chain, presented)) {
        return entry.from <= at && at < entry.to ? entry.verdict : undefined;
      }
    }
    return undefined;
  }

  /**
   * Keep a verdict computed at `at` for `presented` (replacing the one for the same chain at another time).
   * Verdicts whose message names the validation time (expired, not yet valid) are not kept.
   */
  set(leafSha256: string, purpose: string, revocation: string, presented: readonly Uint8Array[], views: { leaf: CertView; presented: readonly (CertView | null)[] }, at: number, verdict: V): void {
    if (verdict.code === 'expired' || verdict.code === 'not-yet-valid') return;
    const certs = [views.leaf, ...views.presented.filter((v): v is CertView => v !== null)];
    const window = narrowByCertificates(windowAround(this.contextPoints, at), certs, at);
    // Copies: the caller may reuse its buffers, and a verdict must never be found for bytes it was not judged on.
    const chain = presented.map((der, i) => {
      const view = views.presented[i];
      const own = view ? this.known(view.sha256) : undefined;
      return own && bufferOf(own).equals(der) ? bufferOf(own) : Buffer.from(der);
    });
    const entry: Entry<V> = { purpose, revocation, chain, from: window.from, to: window.to, verdict };
    // Verdicts for other chains stay beside this one: the gateway judges a leaf without the chain
    // first and then with the one the client sent (ConnectionState.verify), and both come back.
    const others = (this.entries.get(leafSha256) ?? []).filter((e) => e.purpose !== purpose || e.revocation !== revocation || !sameChain(e.chain, presented));
    this.entries.set(leafSha256, [...others.slice(-(MAX_PER_LEAF - 1)), entry]);
  }

  /** Leaf certificates with a kept verdict (for tests and diagnostics). */
  get size(): number {
    return this.entries.size;
  }
}
